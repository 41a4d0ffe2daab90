package io.dunninghub.render;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.ListItem;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.DefaultSplitCharacter;
import com.lowagie.text.pdf.PdfChunk;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a letter's text out on A4 (or US Letter) pages: return address, recipient, date, title, body. The font is embedded
 * (subset) so Chinese prints the same on any machine; Noto Sans SC covers simplified and traditional.
 */
public class LetterPdfWriter {

    /** 1 mm in PDF points. */
    private static final float MM = 72f / 25.4f;
    private static final float LEFT = 25 * MM;
    private static final float RIGHT = 20 * MM;
    private static final float TOP = 20 * MM;
    private static final float BOTTOM = 20 * MM;
    private static final float ADDRESS_TOP = 20 * MM;
    private static final float ADDRESS_WIDTH = 90 * MM;
    private static final float ADDRESS_HEIGHT = 45 * MM;
    private static final float BODY_TOP_FIRST_PAGE = ADDRESS_TOP + ADDRESS_HEIGHT + 4 * MM;

    /**
     * One letter. Only {@code from} and {@code to} appear in the address block that shows through an envelope
     * window, so no debt language may go there.
     *
     * @param from return address lines (lender name first)
     * @param to   recipient lines (borrower name first)
     * @param text title on the first non-blank line, then paragraphs separated by blank lines;
     *             lines starting with {@code "- "} are bullets
     */
    public record Letter(List<String> from, List<String> to, String date, String text) {
    }

    private final Path fontFile;
    private final BaseFont base;
    private final com.lowagie.text.Rectangle paper;

    /** @param paper {@code A4} or {@code LETTER} (US Letter, which US print vendors such as Lob require) */
    public LetterPdfWriter(Path fontFile, String paper) {
        this.paper = switch (paper == null ? "A4" : paper.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "A4" -> PageSize.A4;
            case "LETTER" -> PageSize.LETTER;
            default -> throw new IllegalArgumentException("letter paper must be A4 or LETTER, not '" + paper + "'");
        };
        if (!Files.isRegularFile(fontFile)) {
            throw new IllegalStateException("letter font file not found: " + fontFile.toAbsolutePath()
                    + " (a TrueType font with Chinese glyphs, shipped as config/fonts/NotoSansSC-Regular.ttf)");
        }
        this.fontFile = fontFile;
        byte[] font;
        try {
            font = Files.readAllBytes(fontFile);
        } catch (IOException e) {
            throw new IllegalStateException("letter font file cannot be read: " + fontFile.toAbsolutePath(), e);
        }
        // Parsed once and shared by every letter and thread: parsing the CJK font's tables took some 50 ms
        // and tens of MB per letter. A BaseFont is read-only once built (OpenPDF's own font cache shares one
        // across documents); each document keeps the glyphs it used in its own writer and subsets the font
        // from its own reader over the shared bytes.
        try {
            this.base = BaseFont.createFont(fontFile.getFileName().toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                    false, font, null);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("letter font file is not a usable TrueType font: "
                    + fontFile.toAbsolutePath(), e);
        }
        // Fail at start-up, not on the first letter, if the font cannot print Chinese.
        if (!base.charExists('逾') || !base.charExists('還')) {
            throw new IllegalStateException("letter font has no Chinese glyphs: " + fontFile.toAbsolutePath());
        }
    }

    public Path fontFile() {
        return fontFile;
    }

    /** The parsed letter font (CJK-capable), for other documents the hub lays out in the same hand. */
    public BaseFont baseFont() {
        return base;
    }

    public byte[] write(Letter letter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The first page keeps its top clear for the address block; later pages use the normal margin.
        Document doc = new Document(paper, LEFT, RIGHT, BODY_TOP_FIRST_PAGE, BOTTOM);
        try {
            Font small = new Font(base, 8.5f);
            Font body = new Font(base, 10.5f);
            Font title = new Font(base, 15, Font.BOLD);
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setPageEvent(new PageNumbers(new Font(base, 8)));
            doc.addCreator("dunning-hub");
            doc.open();
            doc.setMargins(LEFT, RIGHT, TOP, BOTTOM);
            addressBlock(writer, letter, small, body, paper.getHeight());

            Paragraph date = new Paragraph(letter.date(), body);
            date.setAlignment(Element.ALIGN_RIGHT);
            doc.add(date);

            List<String> blocks = blocks(letter.text());
            if (!blocks.isEmpty()) {
                List<String> first = blocks.get(0).lines().toList();
                Paragraph heading = new Paragraph(chunk(first.get(0), title));
                heading.setAlignment(Element.ALIGN_CENTER);
                heading.setSpacingBefore(6 * MM);
                heading.setSpacingAfter(4 * MM);
                doc.add(heading);
                blocks.set(0, String.join("\n", first.subList(1, first.size())));
            }
            for (String block : blocks) {
                if (!block.isBlank()) {
                    addBlock(doc, block, body);
                }
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("letter PDF could not be written: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Return address and recipient in a fixed box that an envelope window shows (left window, DIN 5008 and
     * US #10 alike): it holds nothing else, and a recipient too long for it fails the letter instead of
     * spilling into the body.
     */
    private static void addressBlock(PdfWriter writer, Letter letter, Font small, Font body, float pageHeight)
            throws DocumentException {
        ColumnText column = new ColumnText(writer.getDirectContent());
        float top = pageHeight - ADDRESS_TOP;
        column.setSimpleColumn(LEFT, top - ADDRESS_HEIGHT, LEFT + ADDRESS_WIDTH, top);
        column.addElement(lines(letter.from(), small, 0));
        column.addElement(lines(letter.to(), body, 5 * MM));
        if (ColumnText.hasMoreText(column.go())) {
            throw new IllegalStateException("letter address block does not fit the envelope window ("
                    + letter.from().size() + " + " + letter.to().size() + " lines)");
        }
    }

    private static Paragraph lines(List<String> lines, Font font, float spacingBefore) {
        Paragraph p = new Paragraph(chunk(String.join("\n", lines), font));
        p.setMultipliedLeading(1.3f);
        p.setSpacingBefore(spacingBefore);
        return p;
    }

    /** Paragraphs of the text, split on blank lines; the first one starts with the title. */
    private static List<String> blocks(String text) {
        List<String> blocks = new ArrayList<>();
        for (String block : text.strip().split("\\R\\s*\\R")) {
            if (!block.isBlank()) {
                blocks.add(block.strip());
            }
        }
        return blocks;
    }

    private static void addBlock(Document doc, String block, Font font) throws DocumentException {
        StringBuilder prose = new StringBuilder();
        com.lowagie.text.List bullets = null;
        for (String line : block.lines().toList()) {
            if (line.startsWith("- ")) {
                if (bullets == null) {
                    flush(doc, prose, font);
                    bullets = new com.lowagie.text.List(false, 4 * MM);
                    bullets.setListSymbol(new Chunk("•", font));
                    bullets.setIndentationLeft(3 * MM);
                }
                ListItem item = new ListItem(chunk(line.substring(2).strip(), font));
                item.setMultipliedLeading(1.45f);
                bullets.add(item);
            } else {
                if (bullets != null) {
                    doc.add(bullets);
                    bullets = null;
                }
                prose.append(prose.isEmpty() ? "" : "\n").append(line);
            }
        }
        if (bullets != null) {
            doc.add(bullets);
        }
        flush(doc, prose, font);
        Paragraph gap = new Paragraph(" ", font);
        gap.setLeading(font.getSize() * 0.6f);
        doc.add(gap);
    }

    private static void flush(Document doc, StringBuilder prose, Font font) throws DocumentException {
        if (!prose.isEmpty()) {
            Paragraph p = new Paragraph(chunk(prose.toString(), font));
            p.setMultipliedLeading(1.45f);
            doc.add(p);
            prose.setLength(0);
        }
    }

    private static Chunk chunk(String text, Font font) {
        return new Chunk(text, font).setSplitCharacter(ChineseLineBreaks.INSTANCE);
    }

    /** Chinese line breaking: no closing punctuation at the start of a line, no opening one at its end. */
    private static final class ChineseLineBreaks extends DefaultSplitCharacter {
        static final ChineseLineBreaks INSTANCE = new ChineseLineBreaks();
        private static final String NO_LINE_START = "，。、；：！？）」』》〉】”’…,.;:!?)]";
        private static final String NO_LINE_END = "（「『《〈【“‘([";

        @Override
        public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
            if (NO_LINE_END.indexOf(getCurrentCharacter(current, cc, ck)) >= 0) {
                return false;
            }
            if (current + 1 < end && NO_LINE_START.indexOf(getCurrentCharacter(current + 1, cc, ck)) >= 0) {
                return false;
            }
            return super.isSplitCharacter(start, current, end, cc, ck);
        }
    }

    /** Page number at the foot of each page, so a multi-page letter stays in order. */
    private static final class PageNumbers extends PdfPageEventHelper {
        private final Font font;

        PageNumbers(Font font) {
            this.font = font;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                    new Phrase(String.valueOf(writer.getPageNumber()), font),
                    (document.left() + document.right()) / 2, document.bottom() - 8 * MM, 0);
        }
    }
}
