package io.dunninghub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.ledger.ContentKeys;
import io.dunninghub.ledger.NoticeContent;
import io.dunninghub.ledger.NoticeContents;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The timeline's "message as sent": opened from the evidence store and shown as a person reads it. */
class EvidenceSentContentTest {

    static final ContentKeys KEYS = ContentKeys.of("k1", Base64.getEncoder().encodeToString(new byte[32]), Map.of());
    final EvidenceSentContent content = new EvidenceSentContent(null, KEYS);

    @Test
    void anSmsIsShownAsItsText() {
        SentContent.Stored shown = content.shown(sealed("n1", "【Lender】张伟，您的借款已逾期3天。".getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=UTF-8"));
        assertThat(shown.subject()).isNull();
        assertThat(shown.text()).isEqualTo("【Lender】张伟，您的借款已逾期3天。");
    }

    @Test
    void anEmailIsShownAsItsSubjectAndTextPartNotItsAttachment() throws Exception {
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
        mime.setSubject("还款提醒 Payment reminder", "UTF-8");
        MimeMultipart multi = new MimeMultipart("mixed");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Your installment is 5 days overdue.", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Your installment is 5 days overdue.</p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        multi.addBodyPart(body);
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource("%PDF-1.7 notice text".getBytes(), "application/pdf")));
        pdf.setFileName("notice.pdf");
        pdf.setDisposition(MimeBodyPart.ATTACHMENT);
        multi.addBodyPart(pdf);
        mime.setContent(multi);
        mime.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        mime.writeTo(bytes);

        SentContent.Stored shown = content.shown(sealed("n2", bytes.toByteArray(), "message/rfc822"));
        assertThat(shown.subject()).isEqualTo("还款提醒 Payment reminder");
        assertThat(shown.text()).isEqualTo("Your installment is 5 days overdue.");
    }

    @Test
    void aPushIsShownAsItsTitleAndBody() {
        SentContent.Stored shown = content.shown(sealed("n3",
                "{\"title\":\"Payment due\",\"body\":\"3 days overdue\",\"data\":{\"noticeId\":\"n3\"}}".getBytes(),
                "application/json"));
        assertThat(shown.subject()).isEqualTo("Payment due");
        assertThat(shown.text()).isEqualTo("3 days overdue");
    }

    @Test
    void aLetterIsNamedByItsSizeNotDumped() {
        SentContent.Stored shown = content.shown(sealed("n4", "%PDF-1.7 ...".getBytes(), "application/pdf"));
        assertThat(shown.text()).isEqualTo("(application/pdf, 12 bytes: in the evidence package)");
    }

    @Test
    void hashesOnlyErasedAndTamperedRowsSaySoAndShowNothing() {
        byte[] plain = "secret text".getBytes();
        NoticeContents.Stored hashesOnly = row("n5", plain, "text/plain", null, null);
        assertThat(content.shown(hashesOnly).text()).isEqualTo("(only hashes kept: SHA-256 "
                + NoticeContent.sha256(plain) + ")");

        NoticeContents.Stored erased = new NoticeContents.Stored(1, "n6", 1, "SENT", OffsetDateTime.parse(
                "2026-11-02T02:00Z"), "text/plain", NoticeContent.sha256(plain), plain.length, "t", "en", "x", "y",
                null, null, null, OffsetDateTime.parse("2031-11-02T03:30Z"), "RETENTION");
        assertThat(content.shown(erased).text()).startsWith("(content erased 2031-11-02T03:30:00Z, RETENTION")
                .doesNotContain("secret");

        ContentKeys.Sealed s = KEYS.seal(plain, "n7");
        byte[] changed = s.ciphertext().clone();
        changed[0] ^= 1;
        NoticeContents.Stored tampered = row("n7", plain, "text/plain", s.nonce(), changed);
        assertThat(content.shown(tampered).text()).startsWith("(cannot open").doesNotContain("secret");
    }

    static NoticeContents.Stored sealed(String noticeId, byte[] plain, String mediaType) {
        ContentKeys.Sealed s = KEYS.seal(plain, noticeId);
        return row(noticeId, plain, mediaType, s.nonce(), s.ciphertext());
    }

    static NoticeContents.Stored row(String noticeId, byte[] plain, String mediaType, byte[] nonce, byte[] ciphertext) {
        return new NoticeContents.Stored(1, noticeId, 1, "SENT", OffsetDateTime.parse("2026-11-02T02:00Z"), mediaType,
                NoticeContent.sha256(plain), plain.length, "overdue_early", "en", "t", "c",
                ciphertext == null ? null : "k1", nonce, ciphertext, null, null);
    }
}
