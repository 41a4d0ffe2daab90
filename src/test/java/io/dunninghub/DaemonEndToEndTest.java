package io.dunninghub;

import io.dunninghub.support.Slow;
import io.dunninghub.cli.Main;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.support.HubFixture;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole daemon against real PostgreSQL (core banking and ledger), Twilio as WireMock and SMTP as
 * GreenMail: what arrives at the providers, and that a second run sends nothing again.
 */
@Slow
class DaemonEndToEndTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path work;
    HubFixture hub;
    LocalDate today;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        today = LocalDate.now(SHANGHAI);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /**
     * Days past due are counted by the hub's clock when it plans, from due dates written here from the date a
     * moment earlier: no one sits on the last day of a step, so a run across midnight in Shanghai plans the same.
     */
    private void sixBorrowers() throws Exception {
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zhang.wei@example.com", "tok-1", false, 2, today, false);
        hub.borrower("B2", "Mary Smith", "en", "America/New_York", "+12125550143", "mary@example.com", null, false, 5, today, false);
        hub.borrower("B3", "陳怡君", "zh-TW", "Asia/Taipei", "+886912345678", null, "tok-3", true, 1, today, false);
        hub.borrower("B4", "李娜", "zh-CN", "Asia/Shanghai", "+86 123", "li.na@example.com", null, false, 2, today, false);
        hub.borrower("B5", "王芳", "zh-CN", "Asia/Shanghai", "+8613900139000", "wang@example.com", "tok-5", false, 2, today, true);
        hub.borrower("B6", "赵磊", "zh-CN", "Asia/Shanghai", "+8613700137000", "zhao@example.com", null, false, 30, today, false);
    }

    private int runOnce(ByteArrayOutputStream captured) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return Main.execute("run", "--once", "--config", hub.configDir.toString(), "--routes", "routes");
        } finally {
            System.setOut(original);
        }
    }

    private static Map<String, String> form(LoggedRequest r) {
        return Arrays.stream(r.getBodyAsString().split("&")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
    }

    @Test
    void runOnceSendsEachNoticeOnceThroughRealProvidersAndNothingTheSecondTime() throws Exception {
        sixBorrowers();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(runOnce(out)).isZero();
        String summary = out.toString(StandardCharsets.UTF_8);

        // SMS: B1 (early), B2 (formal) through Twilio; B3 opted out, B4 has a broken number; B6 is at the
        // letter step, which sends the letter alone.
        List<LoggedRequest> sms = hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)));
        assertThat(sms).hasSize(2);
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (HubFixture.ACCOUNT_SID + ":" + HubFixture.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(sms).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo(basic);
            assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(form(r)).containsEntry("From", "+15005550006");
        });
        Map<String, String> toB1 = sms.stream().map(DaemonEndToEndTest::form)
                .filter(f -> f.get("To").equals("+8613800138000")).findFirst().orElseThrow();
        assertThat(toB1.get("Body")).contains("退订").doesNotContain("535.50");
        assertThat(sms.stream().map(r -> form(r).get("To")))
                .containsExactlyInAnyOrder("+8613800138000", "+12125550143");

        // E-mail: B1, B2, B4 through SMTP, UTF-8 subjects, text + HTML.
        MimeMessage[] mails = hub.smtp.getReceivedMessages();
        assertThat(mails).hasSize(3);
        MimeMessage toZhang = Arrays.stream(mails).filter(m -> {
            try {
                return ((InternetAddress) m.getAllRecipients()[0]).getAddress().equals("zhang.wei@example.com");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        assertThat(toZhang.getHeader("Subject")[0]).containsIgnoringCase("=?UTF-8?");
        assertThat(toZhang.getSubject()).matches(".*[\\u4e00-\\u9fff].*");
        assertThat(toZhang.getAllRecipients()).hasSize(1);
        Multipart alternative = findAlternative(toZhang);
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
        assertThat(alternative.getBodyPart(1).getContentType()).containsIgnoringCase("text/html");
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("张伟");

        // B2's formal e-mail carries the formal notice as a PDF that opens and reads as the letter.
        MimeMessage toMary = Arrays.stream(mails).filter(m -> {
            try {
                return ((InternetAddress) m.getAllRecipients()[0]).getAddress().equals("mary@example.com");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        Multipart mixed = (Multipart) toMary.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        jakarta.mail.BodyPart attachment = mixed.getBodyPart(1);
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getFileName()).endsWith(".pdf");
        byte[] pdf = attachment.getInputStream().readAllBytes();
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("Notice of Overdue Payment").contains("Mary Smith").contains("535.50");
        }
        assertThat(findAlternative(toZhang).getCount()).isEqualTo(2);

        // Push, letter and B2's call task went to the file outbox.
        assertThat(Files.list(hub.outbox.resolve("push")).count()).isEqualTo(2);
        assertThat(Files.list(hub.outbox.resolve("call")).count()).isEqualTo(1);
        Path letter = Files.list(hub.outbox.resolve("letter")).findFirst().orElseThrow();
        assertThat(Files.readAllBytes(letter)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));

        // The ledger says the same, with reasons for every notice not sent.
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(9);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT' AND channel = 'call' AND borrower_id = 'B2'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT' AND channel = 'sms' AND segments = 1")).isEqualTo(2);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE segments IS NOT NULL AND channel <> 'sms'")).isZero();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SUPPRESSED' AND reason = 'OPTED_OUT' AND borrower_id = 'B3' AND channel = 'sms'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SUPPRESSED' AND reason = 'INVALID_ADDRESS' AND borrower_id = 'B4'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SUPPRESSED' AND reason = 'NO_ADDRESS'")).isEqualTo(2);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B5'")).isZero();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'SENT'")).isEqualTo(9);
        assertThat(summary).contains("OPTED_OUT (sms)").contains("INVALID_ADDRESS (sms)").contains("13 new notices");

        // Second run the same day: nothing new planned, nothing sent again.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(runOnce(again)).isZero();
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("0 new notices, 13 already planned");
        assertThat(hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)))).hasSize(2);
        assertThat(hub.smtp.getReceivedMessages()).hasSize(3);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice")).isEqualTo(13);
    }

    @Test
    void daemonScansDispatchesAndStopsCleanly() throws Exception {
        sixBorrowers();
        HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC());
        app.start();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)))).hasSize(2);
                assertThat(hub.smtp.getReceivedMessages()).hasSize(3);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(9);
            });
        } finally {
            app.close();
        }
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status IN ('CLAIMED', 'PLANNED', 'RETRY')")).isZero();
    }

    @Test
    void anInstanceWithDispatchOffPlansButSendsNothing() throws Exception {
        sixBorrowers();
        HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of("hub.dispatch.enabled", "false"),
                true, Clock.systemUTC());
        app.start();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'PLANNED'")).isEqualTo(9));
            // several dispatch periods (2 s each) pass without a claim
            Thread.sleep(5_000);
        } finally {
            app.close();
        }
        assertThat(hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)))).isEmpty();
        assertThat(hub.smtp.getReceivedMessages()).isEmpty();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'PLANNED'")).isEqualTo(9);
    }

    @Test
    void paidAfterTheScanIsNotSentAndQuietHoursDeferInTheBorrowersZone() throws Exception {
        hub.writePolicy("08:00-21:00");
        // 22:30 in Shanghai is 09:30 in New York: the Shanghai borrower waits, the New York one is reminded.
        Instant lateInShanghai = today.atTime(22, 30).atZone(SHANGHAI).toInstant();
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", null, null, false, 2, today, false);
        hub.borrower("B2", "Mary Smith", "en", "America/New_York", "+12125550143", null, null, false, 2, today, false);
        hub.borrower("B7", "周杰", "zh-CN", "Asia/Shanghai", "+8613600136000", null, null, false, 2, today, false);
        try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false,
                Clock.fixed(lateInShanghai, ZoneOffset.UTC))) {
            HubRuntime runtime = app.start();
            runtime.planningPass().run(lateInShanghai);
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'DEFERRED' AND reason = 'QUIET_HOURS'")).isEqualTo(2);
            runtime.dispatchJob().drain();
            List<LoggedRequest> sms = hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)));
            assertThat(sms).extracting(r -> form(r).get("To")).containsExactly("+12125550143");
        }

        // Next morning in Shanghai B7 has paid: only B1 is reminded.
        hub.markPaid("B7");
        Instant morning = today.plusDays(1).atTime(8, 0).atZone(SHANGHAI).toInstant();
        try (HubDaemon next = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false,
                Clock.fixed(morning, ZoneOffset.UTC))) {
            next.start().dispatchJob().drain();
        }
        assertThat(hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH))))
                .extracting(r -> form(r).get("To")).containsExactlyInAnyOrder("+12125550143", "+8613800138000");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B7' AND channel = 'sms' AND status = 'SUPPRESSED' AND reason = 'PAID'")).isEqualTo(1);
    }

    @Test
    void transientFailuresRetryDurablyPermanentOnesFailAndRetriesEndDead() throws Exception {
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", null, null, false, 2, today, false);
        hub.borrower("B2", "李娜", "zh-CN", "Asia/Shanghai", "+8613800138001", null, null, false, 2, today, false);
        hub.twilio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(HubFixture.TWILIO_PATH))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("To=%2B8613800138000"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"more_info\":\"https://www.twilio.com/docs/errors/20500\",\"status\":503}")));
        hub.twilio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(HubFixture.TWILIO_PATH))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("To=%2B8613800138001"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number +8613800138001 is not a valid phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));
        hub.writeProperties(Map.of("hub.dispatch.max-attempts", "3", "hub.dispatch.backoff-initial-seconds", "60"));
        Instant start = Instant.now();
        try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false, Clock.systemUTC())) {
            HubRuntime runtime = app.start();
            runtime.planningPass().run(start);
            runtime.dispatchJob().drain();
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B2' AND status = 'FAILED' AND reason = 'TWILIO_21211' AND attempts = 1")).isEqualTo(1);
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND status = 'RETRY' AND reason = 'HTTP_503' AND attempts = 1")).isEqualTo(1);
            // The retry is a row with a later next_attempt_at (30-60 s for the first), not a sleeping thread.
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND next_attempt_at >= TIMESTAMP WITH TIME ZONE '"
                    + start.plusSeconds(29) + "'")).isEqualTo(1);
            assertThat(runtime.dispatchJob().drain()).isZero();
        }
        // Two more rounds, each once the backoff has passed: the third failure makes the notice DEAD.
        for (int round = 1; round <= 2; round++) {
            Instant later = start.plusSeconds(3600L * round);
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false,
                    Clock.fixed(later, ZoneOffset.UTC))) {
                app.start().dispatchJob().drain();
            }
        }
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND status = 'DEAD' AND attempts = 3")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id WHERE n.borrower_id = 'B1' AND e.event_type = 'RETRY'")).isEqualTo(2);
        // The permanent failure was never retried: one request for B2, three for B1.
        assertThat(hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH))))
                .extracting(r -> form(r).get("To")).containsExactlyInAnyOrder("+8613800138000", "+8613800138000", "+8613800138000", "+8613800138001");
    }

    private static Multipart findAlternative(MimeMessage m) throws Exception {
        Object content = m.getContent();
        Multipart mp = (Multipart) content;
        if (mp.getContentType().startsWith("multipart/alternative")) {
            return mp;
        }
        return (Multipart) mp.getBodyPart(0).getContent();
    }
}
