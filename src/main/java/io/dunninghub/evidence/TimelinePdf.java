package io.dunninghub.evidence;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import io.dunninghub.ledger.AuditTrail;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The timeline of an evidence package as a PDF a person reads: who, what, when and why, one row per entry of the
 * trail, then every message as sent with its hashes, then the letters with their tracking numbers. Landscape A4, in
 * the letters' font (Noto Sans SC: Chinese, English and the rest print the same on any machine).
 */
final class TimelinePdf {

    /** One message as sent, as the timeline shows it. */
    record Message(String file, String sentAt, String noticeId, int attempt, String channel, String template,
                   String event, String contentSha256, String templateSha256, String configSha256, String readable) {
    }

    /** A letter and the tracking number its print vendor gave. */
    record Letter(String sentAt, String noticeId, String file, String provider, String providerMessageId,
                  String tracking) {
    }

    private final BaseFont font;

    TimelinePdf(BaseFont font) {
        this.font = font;
    }

    byte[] write(String title, List<String> header, List<AuditTrail.Entry> trail, List<Message> messages,
                 List<Letter> letters) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4.rotate(), 28, 28, 32, 32);
        Font h1 = new Font(font, 15, Font.BOLD);
        Font h2 = new Font(font, 11.5f, Font.BOLD);
        Font body = new Font(font, 8.5f);
        Font small = new Font(font, 7f);
        Font mono = new Font(font, 7.5f);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setPageEvent(new Footer(new Font(font, 7, Font.NORMAL, Color.GRAY), title));
            doc.addTitle(title);
            doc.addCreator("dunning-hub");
            doc.open();
            doc.add(new Paragraph(title, h1));
            for (String line : header) {
                doc.add(new Paragraph(line, body));
            }

            doc.add(section("Timeline (" + trail.size() + " entries, UTC)", h2));
            PdfPTable t = new PdfPTable(new float[] {11, 9.5f, 10, 11, 10, 11, 11, 21.5f, 9});
            t.setWidthPercentage(100);
            t.setHeaderRows(1);
            for (String h : List.of("time", "record / event", "notice / step", "channel / template", "recipient",
                    "provider / message id", "reason / by", "detail", "content sha256")) {
                t.addCell(head(h, small));
            }
            for (AuditTrail.Entry e : trail) {
                t.addCell(cell(e.occurredAt() == null ? "" : e.occurredAt().toInstant().toString().replace("T", " "), small));
                t.addCell(cell(e.source().name().toLowerCase(java.util.Locale.ROOT) + "\n" + nz(e.event()), small));
                t.addCell(cell(join(shortId(e.noticeId()), e.step()), small));
                t.addCell(cell(join(e.channel(), e.template()), small));
                t.addCell(cell(nz(e.recipient()), small));
                t.addCell(cell(join(e.provider(), e.providerMessageId()), small));
                t.addCell(cell(join(e.reason(), e.by()), small));
                t.addCell(cell(nz(e.detail()), small));
                t.addCell(cell(e.contentSha256() == null ? "" : e.contentSha256().substring(0, 16) + "…", small));
            }
            doc.add(t);

            doc.add(section("Messages as sent (" + messages.size() + ")", h2));
            for (Message m : messages) {
                doc.add(new Paragraph(m.sentAt() + "  " + m.event() + "  notice " + m.noticeId() + " attempt "
                        + m.attempt() + "  " + m.channel() + " / " + m.template(), new Font(font, 9, Font.BOLD)));
                doc.add(new Paragraph("file " + (m.file() == null ? "(content not kept)" : m.file()), small));
                doc.add(new Paragraph("content sha256  " + m.contentSha256(), small));
                doc.add(new Paragraph("template sha256 " + nz(m.templateSha256()) + "   config sha256 "
                        + nz(m.configSha256()), small));
                if (m.readable() != null && !m.readable().isBlank()) {
                    Paragraph text = new Paragraph(m.readable(), mono);
                    text.setIndentationLeft(12);
                    text.setSpacingAfter(6);
                    doc.add(text);
                } else {
                    doc.add(new Paragraph(" ", small));
                }
            }

            doc.add(section("Letters (" + letters.size() + ")", h2));
            if (letters.isEmpty()) {
                doc.add(new Paragraph("none", body));
            } else {
                PdfPTable l = new PdfPTable(new float[] {14, 20, 26, 12, 16, 12});
                l.setWidthPercentage(100);
                l.setHeaderRows(1);
                for (String h : List.of("sent", "notice", "file", "provider", "message id", "tracking")) {
                    l.addCell(head(h, small));
                }
                for (Letter letter : letters) {
                    for (String v : new String[] {letter.sentAt(), letter.noticeId(), nz(letter.file()),
                            nz(letter.provider()), nz(letter.providerMessageId()), nz(letter.tracking())}) {
                        l.addCell(cell(v, small));
                    }
                }
                doc.add(l);
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("timeline PDF: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static Paragraph section(String text, Font f) {
        Paragraph p = new Paragraph(text, f);
        p.setSpacingBefore(10);
        p.setSpacingAfter(5);
        return p;
    }

    private static PdfPCell head(String text, Font f) {
        PdfPCell c = new PdfPCell(new Phrase(text, new Font(f.getBaseFont(), f.getSize(), Font.BOLD)));
        c.setBackgroundColor(new Color(225, 230, 238));
        c.setPadding(3);
        return c;
    }

    private static PdfPCell cell(String text, Font f) {
        PdfPCell c = new PdfPCell(new Phrase(text == null ? "" : text, f));
        c.setPadding(2.5f);
        c.setBorderColor(new Color(200, 200, 200));
        return c;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String join(String a, String b) {
        return nz(a) + (b == null || b.isBlank() ? "" : "\n" + b);
    }

    private static String shortId(String id) {
        return id == null ? "" : id;
    }

    /** Page n / the package's title at the foot of every page. */
    private static final class Footer extends PdfPageEventHelper {
        private final Font font;
        private final String title;

        Footer(Font font, String title) {
            this.font = font;
            this.title = title;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            Rectangle page = document.getPageSize();
            com.lowagie.text.pdf.ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                    new Phrase(new Chunk(title + " — page " + writer.getPageNumber(), font)),
                    page.getWidth() / 2, 16, 0);
        }
    }
}
