package io.dunninghub.channel.email;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderSettings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpEmailAdapterTest {

    private static final String SUBJECT = "您的贷款已逾期，请尽快还款（合同号 HT-2026-0042）";
    private static final String TEXT = "张先生您好：\n您的贷款已逾期 3 天，应还金额 1,250.00 元。";
    private static final String HTML = "<p>张先生您好：</p><p>您的贷款已逾期 <b>3</b> 天，应还金额 1,250.00 元。</p>";
    private static final byte[] PDF = "%PDF-1.4\n% 催收通知书\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private CamelContext camel;
    private SmtpEmailAdapter adapter;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        // built before start, as the daemon's wiring may do
        adapter = adapter(greenMail.getSmtp().getPort());
        camel.start();
    }

    @AfterEach
    void stop() {
        adapter.close();
        camel.stop();
    }

    private SmtpEmailAdapter adapter(int port) {
        Map<String, String> options = new HashMap<>(Map.of(
                "host", "127.0.0.1", "port", String.valueOf(port),
                "from", "notices@bank.example", "from-name", "示例银行 催收中心",
                "message-id-domain", "bank.example", "connection-timeout-ms", "2000"));
        return new SmtpEmailAdapter(new ProviderSettings("smtp-relay", "email", "smtp", 0, true, options), camel);
    }

    private static OutboundMessage email(String noticeId, String html, byte[] pdf) {
        return new OutboundMessage(noticeId, "I-77:dpd3:email:borrower:1", "email", "zhang.wei@borrower.example", "张伟",
                "zh-CN", SUBJECT, TEXT, html, pdf, Map.of());
    }

    @Test
    void sendsUtf8AlternativeMailWithTheNoticeMessageId() throws Exception {
        DeliveryResult result = adapter.send(email("N-1001", HTML, null));

        assertThat(result.outcome()).isEqualTo(Outcome.SENT);
        assertThat(result.providerMessageId()).isEqualTo("<N-1001@bank.example>");
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];

        assertThat(mail.getSubject()).isEqualTo(SUBJECT);
        assertThat(mail.getHeader("Subject")[0]).startsWith("=?UTF-8?").doesNotContain("逾期");
        assertThat(mail.getMessageID()).isEqualTo("<N-1001@bank.example>");
        assertThat(mail.getHeader(NoticeMimeBuilder.NOTICE_ID_HEADER)[0]).isEqualTo("N-1001");
        assertThat(mail.getAllRecipients()).hasSize(1);
        InternetAddress to = (InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getAddress()).isEqualTo("zhang.wei@borrower.example");
        assertThat(to.getPersonal()).isEqualTo("张伟");
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("notices@bank.example");
        assertThat(from.getPersonal()).isEqualTo("示例银行 催收中心");

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertAlternative((MimeMultipart) mail.getContent());
    }

    @Test
    void attachesThePdfInMultipartMixed() throws Exception {
        DeliveryResult result = adapter.send(email("N-1002", HTML, PDF));

        assertThat(result.outcome()).isEqualTo(Outcome.SENT);
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getContentType()).startsWith("multipart/mixed");
        MimeMultipart mixed = (MimeMultipart) mail.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertAlternative((MimeMultipart) mixed.getBodyPart(0).getContent());
        BodyPart pdf = mixed.getBodyPart(1);
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getFileName()).isEqualTo("notice-N-1002.pdf");
        try (InputStream in = pdf.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(PDF);
        }
    }

    @Test
    void plainTextOnlyWhenThereIsNoHtml() throws Exception {
        assertThat(adapter.send(email("N-1003", null, null)).outcome()).isEqualTo(Outcome.SENT);

        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getContentType()).startsWithIgnoringCase("text/plain; charset=UTF-8");
        assertThat(mail.getContent()).isEqualTo(TEXT);
    }

    @Test
    void invalidAddressFailsWithoutConnecting() {
        for (String bad : new String[]{"zhang.wei", "a@b@c", "", "two@a.example, three@b.example", "Zhang <z@a.example>"}) {
            OutboundMessage m = new OutboundMessage("N-1004", "k", "email", bad, null, "zh-CN", SUBJECT, TEXT, null, null, Map.of());
            DeliveryResult result = adapter.send(m);
            assertThat(result.outcome()).as(bad).isEqualTo(Outcome.FAILED);
            assertThat(result.reasonCode()).as(bad).isEqualTo("INVALID_RECIPIENT");
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void closedPortIsAConnectionError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (SmtpEmailAdapter down = adapter(closedPort)) {
            DeliveryResult result = down.send(email("N-1005", HTML, null));

            assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
            assertThat(result.reasonCode()).isEqualTo("CONNECTION_ERROR");
        }
    }

    @Test
    void replyClassesDecideRetryOrFail() throws Exception {
        InternetAddress rcpt = new InternetAddress("zhang.wei@borrower.example");
        SMTPAddressFailedException unknownUser = new SMTPAddressFailedException(rcpt, "RCPT TO:<zhang.wei@borrower.example>", 550,
                "550 5.1.1 <zhang.wei@borrower.example>: Recipient address rejected: User unknown");
        DeliveryResult rejected = SmtpEmailAdapter.classify("smtp-relay",
                new CamelExecutionException("send", null, new SendFailedException("Invalid Addresses", unknownUser)));
        assertThat(rejected.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rejected.reasonCode()).isEqualTo("SMTP_550");
        assertThat(rejected.detail()).contains("5.1.1").doesNotContain("zhang.wei@");

        SMTPAddressFailedException greylisted = new SMTPAddressFailedException(rcpt, "RCPT TO", 450, "450 4.2.0 Greylisted, try later");
        assertThat(SmtpEmailAdapter.classify("smtp-relay", new SendFailedException("Invalid Addresses", greylisted)))
                .extracting(DeliveryResult::outcome, DeliveryResult::reasonCode).containsExactly(Outcome.RETRY, "SMTP_450");

        SMTPSendFailedException throttled = new SMTPSendFailedException("DATA", 421, "421 4.7.0 Try again later", null, null, null, null);
        assertThat(SmtpEmailAdapter.classify("smtp-relay", throttled))
                .extracting(DeliveryResult::outcome, DeliveryResult::reasonCode).containsExactly(Outcome.RETRY, "SMTP_421");

        SMTPSendFailedException spam = new SMTPSendFailedException("DATA", 554, "554 5.7.1 Message rejected as spam", null, null, null, null);
        assertThat(SmtpEmailAdapter.classify("smtp-relay", spam))
                .extracting(DeliveryResult::outcome, DeliveryResult::reasonCode).containsExactly(Outcome.FAILED, "SMTP_554");

        SMTPSenderFailedException sender = new SMTPSenderFailedException(new InternetAddress("notices@bank.example"), "MAIL FROM", 553, "553 5.7.1 Sender not owned");
        assertThat(SmtpEmailAdapter.classify("smtp-relay", sender).reasonCode()).isEqualTo("SMTP_553");

        assertThat(SmtpEmailAdapter.classify("smtp-relay", new MessagingException("Couldn't connect to host", new ConnectException("Connection refused"))).reasonCode())
                .isEqualTo("CONNECTION_ERROR");
        assertThat(SmtpEmailAdapter.classify("smtp-relay", new MessagingException("read", new SocketTimeoutException())))
                .extracting(DeliveryResult::outcome, DeliveryResult::reasonCode).containsExactly(Outcome.RETRY, "TIMEOUT");
        assertThat(SmtpEmailAdapter.classify("smtp-relay", new AuthenticationFailedException("535 5.7.8 bad credentials")))
                .extracting(DeliveryResult::outcome, DeliveryResult::reasonCode).containsExactly(Outcome.FAILED, "SMTP_AUTH_FAILED");
    }

    @Test
    void endpointUriCarriesTlsAndCredentials() {
        String uri = SmtpEmailAdapter.endpointUri(new ProviderSettings("relay", "email", "smtp", 0, true, Map.of(
                "host", "smtp.bank.example", "port", "587", "from", "n@bank.example",
                "username", "hub", "password", "p&ss(word)", "starttls", "true")));
        assertThat(uri).startsWith("smtp://smtp.bank.example:587?")
                .contains("username=hub", "password=RAW{p&ss(word)}", "mail.smtp.starttls.enable=true", "mail.smtp.starttls.required=true");
        assertThat(SmtpEmailAdapter.endpointUri(new ProviderSettings("relay", "email", "smtp", 0, true, Map.of(
                "host", "smtp.bank.example", "port", "465", "from", "n@bank.example", "protocol", "smtps"))))
                .startsWith("smtps://smtp.bank.example:465?").doesNotContain("starttls");
    }

    private static void assertAlternative(MimeMultipart alternative) throws Exception {
        assertThat(alternative.getCount()).isEqualTo(2);
        BodyPart plain = alternative.getBodyPart(0);
        BodyPart html = alternative.getBodyPart(1);
        assertThat(plain.getContentType()).startsWithIgnoringCase("text/plain; charset=UTF-8");
        assertThat(html.getContentType()).startsWithIgnoringCase("text/html; charset=UTF-8");
        assertThat(plain.getContent()).isEqualTo(TEXT);
        assertThat(html.getContent()).isEqualTo(HTML);
    }
}
