package io.dunninghub.channel.email;

import io.dunninghub.channel.Messages;
import io.dunninghub.support.ScriptedSmtpRelay;
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

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
        return new SmtpEmailAdapter(new ProviderSettings("smtp-relay", "email", "smtp", 0, true, options));
    }

    private static OutboundMessage email(String noticeId, String html, byte[] pdf) {
        return Messages.message(noticeId, "I-77:dpd3:email:borrower:1", "email", "zhang.wei@borrower.example", "张伟",
                "zh-CN", SUBJECT, TEXT, html, pdf);
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
            OutboundMessage m = Messages.message("N-1004", "k", "email", bad, null, "zh-CN", SUBJECT, TEXT, null, null);
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

    /**
     * 550 5.7.x is the receiving side's security or policy refusal (RFC 3463 "X.7.XXX Security or Policy Status"; Gmail's
     * 550-5.7.26 unauthenticated sender): the sender has to change something, the borrower's address is fine. Sent to a
     * relay that answers the message's end of data as Gmail does.
     */
    @Test
    void aPolicyRejectionIsNotABadAddress() throws Exception {
        try (ScriptedSmtpRelay relay = new ScriptedSmtpRelay("550-5.7.26 This mail has been blocked because the sender is unauthenticated.\r\n"
                + "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.\r\n"
                + "550 5.7.26  Authentication results: dkim=none spf=none")) {
            SmtpEmailAdapter toRelay = adapter(relay.port());
            try {
                DeliveryResult r = toRelay.send(email("N-7001", HTML, null));
                assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(r.reasonCode()).isEqualTo("SMTP_POLICY");
                assertThat(r.detail()).contains("550").contains("5.7.26");
                assertThat(io.dunninghub.contact.ContactFeedback.forReason("email", r.reasonCode())).isNull();
            } finally {
                toRelay.close();
            }
        }
        try (ScriptedSmtpRelay relay = new ScriptedSmtpRelay("550 5.1.1 The email account that you tried to reach does not exist.")) {
            SmtpEmailAdapter toRelay = adapter(relay.port());
            try {
                DeliveryResult r = toRelay.send(email("N-7002", HTML, null));
                assertThat(r.reasonCode()).isEqualTo("SMTP_550");
                assertThat(io.dunninghub.contact.ContactFeedback.forReason("email", r.reasonCode()))
                        .isEqualTo(io.dunninghub.contact.ContactFeedback.Reason.ADDRESS_INVALID);
            } finally {
                toRelay.close();
            }
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
                .extracting(DeliveryResult::outcome, DeliveryResult::reasonCode).containsExactly(Outcome.FAILED, "SMTP_POLICY");

        SMTPSenderFailedException sender = new SMTPSenderFailedException(new InternetAddress("notices@bank.example"), "MAIL FROM", 553, "553 5.7.1 Sender not owned");
        assertThat(SmtpEmailAdapter.classify("smtp-relay", sender).reasonCode()).isEqualTo("SMTP_POLICY");

        SMTPSendFailedException noEnhanced = new SMTPSendFailedException("DATA", 554, "554 Transaction failed", null, null, null, null);
        assertThat(SmtpEmailAdapter.classify("smtp-relay", noEnhanced).reasonCode()).isEqualTo("SMTP_554");

        assertThat(SmtpEmailAdapter.classify("smtp-relay", new MessagingException("Couldn't connect to host", new ConnectException("Connection refused"))).reasonCode())
                .isEqualTo("CONNECTION_ERROR");
        assertThat(SmtpEmailAdapter.classify("smtp-relay", new MessagingException("read", new SocketTimeoutException())))
                .extracting(DeliveryResult::outcome, DeliveryResult::reasonCode).containsExactly(Outcome.RETRY, "TIMEOUT");
        assertThat(SmtpEmailAdapter.classify("smtp-relay", new AuthenticationFailedException("535 5.7.8 bad credentials")))
                .extracting(DeliveryResult::outcome, DeliveryResult::reasonCode).containsExactly(Outcome.FAILED, "SMTP_AUTH_FAILED");
    }

    @Test
    void sessionCarriesTlsAndTimeoutsButNoPassword() {
        Properties p = SmtpEmailAdapter.sessionProperties(new ProviderSettings("relay", "email", "smtp", 0, true, Map.of(
                "host", "smtp.bank.example", "port", "587", "from", "n@bank.example",
                "username", "hub", "password", "p&ss(word)", "starttls", "true", "timeout-ms", "7000")));
        assertThat(p).containsEntry("mail.smtp.host", "smtp.bank.example").containsEntry("mail.smtp.port", "587")
                .containsEntry("mail.smtp.auth", "true").containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true").containsEntry("mail.smtp.timeout", "7000")
                .containsEntry("mail.smtp.connectiontimeout", "5000");
        assertThat(p.values()).doesNotContain("p&ss(word)");
        // commands and the end of DATA are not held back waiting for the relay's delayed ACK
        try (java.net.Socket socket = ((javax.net.SocketFactory) p.get("mail.smtp.socketFactory")).createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Properties smtps = SmtpEmailAdapter.sessionProperties(new ProviderSettings("relay", "email", "smtp", 0, true, Map.of(
                "host", "smtp.bank.example", "port", "465", "from", "n@bank.example", "protocol", "smtps")));
        assertThat(smtps).containsEntry("mail.smtps.host", "smtp.bank.example").containsEntry("mail.smtps.port", "465");
        assertThat(smtps.stringPropertyNames()).noneMatch(k -> k.contains("starttls") || k.contains("auth"));
        assertThat(smtps.get("mail.smtps.ssl.socketFactory")).isInstanceOf(SmtpEmailAdapter.NoDelaySockets.class);
    }

    @Test
    void keepsConnectionsOpenAcrossMessagesAndThreads() throws Exception {
        try (ConnectionCountingProxy proxy = new ConnectionCountingProxy(greenMail.getSmtp().getPort());
             SmtpEmailAdapter pooled = adapter(proxy.port())) {
            for (int i = 0; i < 10; i++) {
                assertThat(pooled.send(email("N-20" + i, HTML, null)).outcome()).isEqualTo(Outcome.SENT);
            }
            assertThat(proxy.accepted()).isEqualTo(1);

            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<DeliveryResult>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String id = "N-3" + i;
                    results.add(threads.submit(() -> pooled.send(email(id, HTML, PDF))));
                }
                for (Future<DeliveryResult> r : results) {
                    assertThat(r.get().outcome()).isEqualTo(Outcome.SENT);
                }
            } finally {
                threads.shutdown();
            }
            assertThat(proxy.accepted()).isBetween(1, 4);
            assertThat(pooled.connectionsOpened()).isEqualTo(proxy.accepted());
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(50);
        assertThat(Arrays.stream(received).map(m -> {
            try {
                return m.getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).distinct()).hasSize(50);
        // every message on a shared connection is still complete: subject, alternative parts, attachment
        for (MimeMessage mail : received) {
            assertThat(mail.getSubject()).isEqualTo(SUBJECT);
            if (mail.getContentType().startsWith("multipart/mixed")) {
                MimeMultipart mixed = (MimeMultipart) mail.getContent();
                assertAlternative((MimeMultipart) mixed.getBodyPart(0).getContent());
                try (InputStream in = mixed.getBodyPart(1).getInputStream()) {
                    assertThat(in.readAllBytes()).isEqualTo(PDF);
                }
            } else {
                assertAlternative((MimeMultipart) mail.getContent());
            }
        }
    }

    @Test
    void aConnectionTheRelayDroppedIsReopenedWithoutLosingTheMessage() throws Exception {
        try (ConnectionCountingProxy proxy = new ConnectionCountingProxy(greenMail.getSmtp().getPort());
             SmtpEmailAdapter pooled = adapter(proxy.port())) {
            assertThat(pooled.send(email("N-401", HTML, null)).outcome()).isEqualTo(Outcome.SENT);
            proxy.dropAll(); // as a relay does with an idle client
            assertThat(pooled.send(email("N-402", HTML, null)).outcome()).isEqualTo(Outcome.SENT);
            assertThat(pooled.send(email("N-403", HTML, null)).outcome()).isEqualTo(Outcome.SENT);
            assertThat(proxy.accepted()).isEqualTo(2);
        }
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(m -> {
            try {
                return m.getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactly("<N-401@bank.example>", "<N-402@bank.example>", "<N-403@bank.example>");
    }

    @Test
    void aRefusalIsNotTakenForADroppedConnection() {
        assertThat(SmtpConnections.connectionGone(new SMTPSendFailedException(
                "MAIL FROM:<n@bank.example>", -1, "[EOF]", null, null, null, null))).isTrue();
        assertThat(SmtpConnections.connectionGone(new SMTPSendFailedException(
                "MAIL FROM:<n@bank.example>", 421, "421 4.4.2 idle timeout", null, null, null, null))).isTrue();
        assertThat(SmtpConnections.connectionGone(new MessagingException("Exception reading response",
                new java.net.SocketException("Connection reset")))).isTrue();
        // a refusal would be the same on a fresh connection
        assertThat(SmtpConnections.connectionGone(new SMTPSendFailedException(
                "MAIL FROM:<n@bank.example>", 550, "550 no", null, null, null, null))).isFalse();
        assertThat(SmtpConnections.connectionGone(new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(null, "RCPT TO", 450, "450 try later")))).isFalse();
    }

    /** Forwards TCP to the relay, counts the connections it accepts and can cut them all. */
    private static final class ConnectionCountingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        ConnectionCountingProxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::acceptLoop, "smtp-proxy");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    accepted.incrementAndGet();
                    Socket relay = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(relay);
                    pipe(client, relay);
                    pipe(relay, client);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pipe(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException ignored) {
                    // cut
                } finally {
                    try {
                        to.close();
                        from.close();
                    } catch (IOException ignored) {
                        // closed
                    }
                }
            }, "smtp-proxy-pipe");
            t.setDaemon(true);
            t.start();
        }

        void dropAll() throws Exception {
            for (Socket s : open) {
                s.close();
            }
            open.clear();
            Thread.sleep(100); // let the client's side see the close
        }

        @Override
        public void close() throws Exception {
            server.close();
            dropAll();
        }
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
