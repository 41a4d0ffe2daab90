package io.dunninghub.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.TestData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The letters a lender sends, in each shipped locale: the day-4 formal notice, the final notice before referral,
 * the lawyer's letter and the notice of intended proceedings, laid out as PDFs, read back by text extraction and
 * rendered to images (kept in target/letters for a person to look at); and the repayment-plan e-mail.
 */
class LettersTest {

    static final TemplateRenderer SHIPPED = new TemplateRenderer(Path.of("config/templates"), "en",
            TestData.letterPdf(Path.of("config/fonts/NotoSansSC-Regular.ttf")));
    static final Path IMAGES = Path.of("target/letters");

    /** Per locale: the words each letter must carry besides the facts every letter states. */
    static final Map<String, Map<String, List<String>>> WORDS = Map.of(
            "en", Map.of(
                    "overdue_letter", List.of("Notice of Overdue Payment", "you borrowed", "repayment plan", "advance notice"),
                    "final_notice", List.of("Final Notice Before Referral", "collection agency", "not a court"),
                    "lawyer_letter", List.of("Lawyer's Letter", "Example & Partners Law Firm", "on behalf of",
                            "this letter is not a court document"),
                    "litigation_notice", List.of("Notice of Intended Legal Proceedings", "Nothing has been filed")),
            "zh-CN", Map.of(
                    "overdue_letter", List.of("借款逾期的通知", "借款合同", "协商还款计划", "征信业管理条例"),
                    "final_notice", List.of("催收", "并非法院"),
                    "lawyer_letter", List.of("律师函", "示例律师事务所", "委托"),
                    "litigation_notice", List.of("拟提起诉讼的通知", "目前尚未向任何法院提起诉讼")),
            "zh-TW", Map.of(
                    "overdue_letter", List.of("貸款逾期還款的通知", "貸款契約", "協商還款計畫", "事先通知"),
                    "final_notice", List.of("催收", "並非法院"),
                    "lawyer_letter", List.of("律師函", "範例聯合法律事務所", "委任"),
                    "litigation_notice", List.of("擬提起訴訟之通知", "目前尚未向任何法院提起訴訟")));

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void everyLetterStatesTheDebtReadsBackFromItsPdfAndHasInkWhereTheTitleIs(String locale) throws Exception {
        TemplateModel model = TemplateModel.sample(locale);
        Files.createDirectories(IMAGES);
        for (Map.Entry<String, List<String>> letter : WORDS.get(locale).entrySet()) {
            RenderedMessage m = SHIPPED.render(letter.getKey(), "letter", locale, model);
            try (PDDocument pdf = Loader.loadPDF(m.pdf())) {
                String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
                for (String word : letter.getValue()) {
                    assertThat(text).as(locale + " " + letter.getKey()).contains(word.replaceAll("\\s+", ""));
                }
                // the facts: reference, the loan, the total and its parts, the deadline, the lender
                assertThat(text).as(locale + " " + letter.getKey()).contains("DH26112300381", "****1234", "2,446.80",
                        "2,300.00", "114.60", "22.20", model.lender().name().replaceAll("\\s+", ""));
                assertThat(text).contains(locale.equals("en") ? "December7,2026" : "2026年12月7日");
                BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 80);
                ImageIO.write(page, "png", IMAGES.resolve(locale + "-" + letter.getKey() + ".png").toFile());
                assertThat(LetterPdfWriterTest.darkPixels(page, 20, 80, 190, 100)).as("ink on the title line").isGreaterThan(150);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void theRepaymentPlanEmailCarriesTheScheduleAndWhatToPayByWhen(String locale) throws Exception {
        RenderedMessage m = SHIPPED.render("repayment_plan", "email", locale, TemplateModel.sample(locale));
        for (String part : List.of(m.text(), m.html())) {
            assertThat(part).contains("2,446.80", "1,234.50", "1,212.30", "1,202.30")
                    .contains(locale.equals("en") ? "January 19, 2027" : "2027年1月19日")
                    .contains(locale.equals("en") ? "December 7, 2026" : "2026年12月7日");
        }
        assertThat(m.pdf()).isNull();
    }
}
