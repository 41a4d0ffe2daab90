package io.dunninghub.render;

import io.dunninghub.support.TestData;
import io.dunninghub.support.Models;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.PDFTextStripperByArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LetterPdfWriterTest {

    static final Path FONT = Path.of("config/fonts/NotoSansSC-Regular.ttf");
    static final TemplateRenderer RENDERER =
            new TemplateRenderer(Path.of("config/templates"), "en", TestData.letterPdf(FONT));
    static final float MM = 72f / 25.4f;

    static TemplateModel chineseModel(String name, String lender, String lenderAddress, String address) {
        TemplateModel model = Models.borrowerName(TemplateModel.sample(), name);
        model = Models.borrowerAddress(model, address);
        model = Models.lenderName(model, lender);
        model = Models.lenderAddress(model, lenderAddress);
        return model;
    }

    @ParameterizedTest
    @CsvSource({
            "zh-CN, 王小明, 示例消费金融有限公司, 上海市浦东新区世纪大道88号, 上海市浦东新区张杨路500弄18号1203室, 借款逾期的通知",
            "zh-TW, 陳美玲, 範例金融股份有限公司, 臺北市信義區松仁路100號, 臺北市大安區復興南路一段390號3樓, 貸款逾期還款的通知",
    })
    void chineseLetterEmbedsAFontThatMapsEveryGlyph(String locale, String name, String lender, String lenderAddress,
                                                     String address, String title) throws Exception {
        RenderedMessage letter = RENDERER.render("overdue_letter", "letter", locale,
                chineseModel(name, lender, lenderAddress, address));

        assertThat(new String(letter.pdf(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF");
        try (PDDocument pdf = Loader.loadPDF(letter.pdf())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(title, name, lender, "DH26112300381", "1,234.50", "2,446.80");
            if (locale.equals("zh-TW")) {
                assertThat(text).contains("貸款", "逾期", "還款", "通知", "臺");
            }
            List<String> fonts = new ArrayList<>();
            for (var fontName : pdf.getPage(0).getResources().getFontNames()) {
                PDFont font = pdf.getPage(0).getResources().getFont(fontName);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                fonts.add(font.getName());
            }
            assertThat(fonts).anyMatch(f -> f.contains("NotoSansSC"));

            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 110);
            if (locale.equals("zh-CN")) {
                ImageIO.write(page, "png", new java.io.File("/tmp/letter-zh-CN.png"));
            }
            // the title line: centred, a little below the 73 mm where the first page's body starts
            assertThat(darkPixels(page, 40, 80, 170, 100)).isGreaterThan(300);
        }
    }

    @Test
    void oneSharedFontServesLettersWrittenOnManyThreadsAtOnce() throws Exception {
        LetterPdfWriter shared = TestData.letterPdf(FONT);
        // different names and scripts, so each document subsets a different set of glyphs from the shared font
        String[] names = {"王小明", "陳美玲", "李四", "趙錢孫", "Zhang Wei", "欧阳娜娜", "黃國華", "周杰"};
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(names.length);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<byte[]>> pdfs = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String name : names) {
                    pdfs.add(threads.submit(() -> {
                        start.await();
                        return shared.write(new LetterPdfWriter.Letter(List.of("示例消费金融有限公司", "上海市浦东新区世纪大道88号"),
                                List.of(name, "上海市浦东新区张杨路500弄18号1203室"), "2026-11-23",
                                "关于借款逾期的通知\n\n尊敬的" + name + "：您的借款已逾期 12 天，应还金额 1,234.50 元。"));
                    }));
                }
            }
            start.countDown();
            for (int i = 0; i < pdfs.size(); i++) {
                String name = names[i % names.length];
                try (PDDocument pdf = Loader.loadPDF(pdfs.get(i).get())) {
                    String text = new PDFTextStripper().getText(pdf);
                    assertThat(text).as(name).contains("尊敬的" + name, "关于借款逾期的通知", "1,234.50", "张杨路500弄");
                    for (String other : names) {
                        if (!name.contains(other) && !other.contains(name)) {
                            assertThat(text).as(name).doesNotContain(other);
                        }
                    }
                    for (var fontName : pdf.getPage(0).getResources().getFontNames()) {
                        assertThat(pdf.getPage(0).getResources().getFont(fontName).isEmbedded()).isTrue();
                    }
                }
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void usLetterPaperForVendorsThatRequireIt() throws Exception {
        TemplateRenderer letterPaper = new TemplateRenderer(Path.of("config/templates"), "en", new LetterPdfWriter(FONT, "LETTER"));
        RenderedMessage letter = letterPaper.render("overdue_letter", "letter", "zh-CN", TemplateModel.sample());
        try (PDDocument pdf = Loader.loadPDF(letter.pdf())) {
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isEqualTo(612f); // 8.5 in
            assertThat(pdf.getPage(0).getMediaBox().getHeight()).isEqualTo(792f); // 11 in
            assertThat(new PDFTextStripper().getText(pdf)).contains("借款逾期的通知");
        }
        try (PDDocument a4 = Loader.loadPDF(RENDERER.render("overdue_letter", "letter", "zh-CN", TemplateModel.sample()).pdf())) {
            assertThat(a4.getPage(0).getMediaBox().getHeight()).isCloseTo(842f, org.assertj.core.data.Offset.offset(1f));
        }
        assertThatThrownBy(() -> new LetterPdfWriter(FONT, "B5")).hasMessageContaining("A4 or LETTER");
    }

    @Test
    void envelopeWindowShowsOnlyTheAddresses() throws Exception {
        RenderedMessage letter = RENDERER.render("overdue_letter", "letter", "zh-CN",
                chineseModel("王小明", "示例消费金融有限公司", "上海市浦东新区世纪大道88号", "上海市浦东新区张杨路500弄18号1203室\n200122"));

        try (PDDocument pdf = Loader.loadPDF(letter.pdf())) {
            PDFTextStripperByArea window = new PDFTextStripperByArea();
            window.addRegion("window", new Rectangle2D.Float(0, 0, 210 * MM, 70 * MM));
            window.extractRegions(pdf.getPage(0));
            String shown = window.getTextForRegion("window");

            assertThat(shown).contains("示例消费金融有限公司", "上海市浦东新区世纪大道88号", "王小明",
                    "上海市浦东新区张杨路500弄18号1203室", "200122");
            String rest = shown;
            for (String allowed : List.of("示例消费金融有限公司", "上海市浦东新区世纪大道88号", "王小明",
                    "上海市浦东新区张杨路500弄18号1203室", "200122")) {
                rest = rest.replace(allowed, "");
            }
            assertThat(rest).isBlank();
        }
    }

    @Test
    void englishLetterHasBulletsAndPageNumbers() throws Exception {
        RenderedMessage letter = RENDERER.render("overdue_letter", "letter", "en", TemplateModel.sample());

        try (PDDocument pdf = Loader.loadPDF(letter.pdf())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = stripper.getText(pdf);
            assertThat(text).contains("Notice of Overdue Payment", "November 23, 2026", "Principal: 2,300.00", "•", "Total: 2,446.80");
            assertThat(pdf.getNumberOfPages()).isBetween(1, 3);
        }
    }

    @Test
    void tooLongAnAddressFailsTheLetterNotTheLayout() {
        TemplateModel model = Models.borrowerAddress(TemplateModel.sample(), "line\n".repeat(20));

        assertThatThrownBy(() -> RENDERER.render("overdue_letter", "letter", "en", model))
                .satisfies(f -> assertThat(((TemplateFailure) f).reasonCode()).isEqualTo("TEMPLATE_ERROR"))
                .hasMessageContaining("address block");
    }

    @Test
    void missingFontNamesThePath() {
        Path missing = Path.of("config/fonts/NoSuchFont.ttf");
        assertThatThrownBy(() -> TestData.letterPdf(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString());
    }

    @Test
    void fileThatIsNoFontIsRefusedAtStartUp(@TempDir Path dir) throws IOException {
        Path bogus = Files.writeString(dir.resolve("bogus.ttf"), "not a font");
        assertThatThrownBy(() -> TestData.letterPdf(bogus))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bogus.ttf");
    }

    /** Pixels darker than mid-grey in a rectangle given in millimetres from the top left. */
    static int darkPixels(BufferedImage page, float x0, float y0, float x1, float y1) throws IOException {
        double perMm = page.getWidth() / 210.0;
        int dark = 0;
        for (int y = (int) (y0 * perMm); y < (int) (y1 * perMm); y++) {
            for (int x = (int) (x0 * perMm); x < (int) (x1 * perMm); x++) {
                int rgb = page.getRGB(x, y);
                int luma = ((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
                if (luma < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
