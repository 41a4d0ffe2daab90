package io.dunninghub.channel.email;

import io.dunninghub.channel.Messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.channel.OutboundMessage;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Properties;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeMimeBuilderTest {

    @Test
    void namesAStreamProviderThatJakartaMailLoadsAndBuildsWith() throws Exception {
        NoticeMimeBuilder builder = new NoticeMimeBuilder("reminders@bank.example", "示例银行", null);

        // A wrong class name here would make every e-mail fail, so Jakarta Mail must resolve it itself.
        String named = System.getProperty("jakarta.mail.util.StreamProvider");
        assertThat(named).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(named);

        MimeMessage mime = builder.build(Messages.message("n-1", "I1:early:email:borrower:0", "email",
                "zhang@example.com", "张伟", "zh-CN", "还款提醒", "正文", "<p>正文</p>", null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mime.writeTo(out);
        String raw = out.toString(StandardCharsets.US_ASCII);
        assertThat(raw).contains("Message-ID: <n-1@dunning-hub.local>", "multipart/alternative", "=?UTF-8?");
    }

    @Test
    void writesTheBuiltMessageInOneGoAndItReadsBackAsBuilt() throws Exception {
        NoticeMimeBuilder builder = new NoticeMimeBuilder("reminders@bank.example", "示例银行", null);
        // mostly ASCII: JavaMail would pick quoted-printable, whose encoder writes a byte at a time
        String text = "Dear Zhang Wei, installment L1-3 of CNY 1,250.00 is 3 days overdue (逾期).\n.\nLine two.\n".repeat(20);
        MimeMessage mime = builder.build(Messages.message("n-2", "I2:early:email:borrower:0", "email",
                "zhang@example.com", "张伟", "zh-CN", "还款提醒", text, "<p>" + text + "</p>", null));
        // SMTP's dot-stuffing stream: JavaMail's own writeTo would go through write(int) byte by byte
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream bulkOnly = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("written byte by byte");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }
        };
        mime.writeTo(bulkOnly, new String[] {"Bcc", "Content-Length"});

        MimeMessage back = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(back.getMessageID()).isEqualTo("<n-2@dunning-hub.local>");
        assertThat(back.getSubject()).isEqualTo("还款提醒");
        // RFC 5322 date-time, which JavaMail reads back
        assertThat(back.getHeader("Date", null)).matches("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}");
        assertThat(back.getSentDate()).isNotNull();
        Multipart parts = (Multipart) back.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(text);
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>" + text + "</p>");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");

        // changed after it was built: written as it is now
        mime.setHeader("X-Changed", "yes");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        mime.writeTo(again);
        assertThat(again.toString(StandardCharsets.US_ASCII)).contains("X-Changed: yes");
    }

    @Test
    void buildsEveryShapeWithoutTheSharedCommandMapAndEachReadsBack() throws Exception {
        NoticeMimeBuilder builder = new NoticeMimeBuilder("reminders@bank.example", "示例银行", null);
        byte[] pdf = "%PDF-1.4 a notice".getBytes(StandardCharsets.US_ASCII);
        Map<String, OutboundMessage> shapes = new java.util.LinkedHashMap<>();
        shapes.put("text", Messages.message("n-3", "I3:early:email:borrower:0", "email", "zhang@example.com", "张伟",
                "zh-CN", "还款提醒", "正文 only", null, null));
        shapes.put("alternative", Messages.message("n-4", "I4:early:email:borrower:0", "email", "zhang@example.com",
                "张伟", "zh-CN", "还款提醒", "正文", "<p>正文</p>", null));
        shapes.put("text+pdf", Messages.message("n-5", "I5:formal:email:borrower:0", "email", "zhang@example.com",
                "张伟", "zh-CN", "正式通知", "正文 with PDF", null, pdf));
        shapes.put("alternative+pdf", Messages.message("n-6", "I6:formal:email:borrower:0", "email",
                "zhang@example.com", "张伟", "zh-CN", "正式通知", "正文", "<p>正文</p>", pdf));
        // every look-up in the default command map (synchronized, shared by all dispatch threads) fails here
        jakarta.activation.CommandMap shared = jakarta.activation.CommandMap.getDefaultCommandMap();
        Map<String, byte[]> written = new java.util.LinkedHashMap<>();
        jakarta.activation.CommandMap.setDefaultCommandMap(new jakarta.activation.MailcapCommandMap() {
            @Override
            public synchronized jakarta.activation.DataContentHandler createDataContentHandler(String mimeType) {
                throw new AssertionError("looked up " + mimeType + " in the shared command map");
            }

            @Override
            public synchronized jakarta.activation.DataContentHandler createDataContentHandler(String mimeType,
                    jakarta.activation.DataSource ds) {
                throw new AssertionError("looked up " + mimeType + " in the shared command map");
            }
        });
        try {
            for (Map.Entry<String, OutboundMessage> e : shapes.entrySet()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                builder.build(e.getValue()).writeTo(out, new String[] {"Bcc", "Content-Length"});
                written.put(e.getKey(), out.toByteArray());
            }
        } finally {
            jakarta.activation.CommandMap.setDefaultCommandMap(shared);
        }

        Session session = Session.getInstance(new Properties());
        MimeMessage text = new MimeMessage(session, new ByteArrayInputStream(written.get("text")));
        assertThat(text.getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(text.getContent()).isEqualTo("正文 only");
        Multipart alternative = (Multipart) new MimeMessage(session,
                new ByteArrayInputStream(written.get("alternative"))).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("正文");
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>正文</p>");
        Multipart mixed = (Multipart) new MimeMessage(session, new ByteArrayInputStream(written.get("text+pdf"))).getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getBodyPart(0).getContent()).isEqualTo("正文 with PDF");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("notice-n-5.pdf");
        assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(pdf);
        Multipart both = (Multipart) new MimeMessage(session,
                new ByteArrayInputStream(written.get("alternative+pdf"))).getContent();
        Multipart inner = (Multipart) both.getBodyPart(0).getContent();
        assertThat(inner.getContentType()).startsWith("multipart/alternative");
        assertThat(inner.getBodyPart(1).getContent()).isEqualTo("<p>正文</p>");
        assertThat(both.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(pdf);
    }
}
