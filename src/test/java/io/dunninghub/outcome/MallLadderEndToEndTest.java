package io.dunninghub.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.ScriptedSmtpRelay;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestClock;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped instalment-mall ladder run as such a lender works, day by day on a business clock, against a daemon
 * on PostgreSQL with Twilio as WireMock and a scripted SMTP relay: on the due day a call task each; the dialer
 * reports B1 not reached and B2 connected, so only B1 gets the text; B1 answers it and texts 退订; the day-2
 * e-mail bounces for B1 (550 5.1.1) and B2 unsubscribes with the link it carries; calls from day 4, B2 promises
 * to pay on day 5; on day 8 the lawyer's letter goes to B1 only; on day 15 B1's agency hand-off waits, because
 * the e-mail the hand-off would cite never reached B1.
 */
@Slow
class MallLadderEndToEndTest {

    static final String DIALER_SECRET = "dialer-secret-0123456789";
    static final LocalDate DUE = LocalDate.parse("2026-11-23"); // a Monday, no holiday near
    static final String B1_PHONE = "+8613800138000";
    static final String B2_PHONE = "+8613800138001";
    final HttpClient http = HttpClient.newHttpClient();
    final TestClock clock = new TestClock(at(0, "10:00"));

    @Test
    void callsDecideTheTextTheLettersAndTheHandOff(@TempDir Path work) throws Exception {
        try (HubFixture hub = new HubFixture(work);
             ScriptedSmtpRelay relay = new ScriptedSmtpRelay(to -> to.startsWith("gone@")
                     ? "550 5.1.1 <gone@borrower.example>: Recipient address rejected: User unknown"
                     : "250 2.0.0 Ok: queued")) {
            String publicUrl = "http://127.0.0.1:" + hub.httpPort;
            hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", B1_PHONE, "gone@borrower.example", null, false, 0, DUE,
                    false);
            hub.borrower("B2", "李娜", "zh-CN", "Asia/Shanghai", B2_PHONE, "li.na@borrower.example", null, false, 0, DUE,
                    false);
            Path mall = Path.of("config/examples/instalment-mall");
            hub.writeLadderYaml(Files.readString(mall.resolve("ladder.yaml")));
            hub.writePolicyYaml(Files.readString(mall.resolve("policy.yaml")));
            hub.writeProviders(providers(hub, relay));
            Map<String, String> p = new LinkedHashMap<>();
            p.put("hub.receipts.public-url", publicUrl);
            p.put("hub.scan.on-startup", "false");
            p.put("hub.scan.cron", "0 0 0 1 1 ? 2099");
            p.put("hub.outcomes.dialer.secret", DIALER_SECRET);
            p.put("hub.unsubscribe.secret", "unsubscribe-secret-0123456789");
            p.put("hub.law-firm.name", "示例律师事务所");
            p.put("hub.law-firm.lawyer", "李明律师");
            p.put("hub.law-firm.address", "上海市浦东新区陆家嘴环路66号");
            p.put("hub.law-firm.phone", "021-5000-6000");
            p.put("hub.law-firm.email", "collections@law.example");
            hub.writeProperties(p);
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, clock)) {
                HubRuntime runtime = app.start();

                // day 0, 10:00: a call task for each loan; the text waits on the call's result
                pass(hub, runtime);
                assertThat(hub.ledgerRows("SELECT borrower_id, step_id, channel, status FROM notice ORDER BY borrower_id, "
                        + "step_id")).contains("B1 due-call call SENT", "B2 due-call call SENT");
                assertThat(hub.twilio.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(HubFixture.TWILIO_PATH))))
                        .isEmpty();

                // the dialer: B1 not answered, B2 reached
                clock.advance(Duration.ofMinutes(5));
                assertThat(InboundRequests.signedCallResult(hub, DIALER_SECRET, clock.instant(), callResult("c-1", call(hub, "B1", "due-call"), "no-answer", null)).statusCode())
                        .isEqualTo(200);
                assertThat(InboundRequests.signedCallResult(hub, DIALER_SECRET, clock.instant(), callResult("c-2", call(hub, "B2", "due-call"), "connected", null)).statusCode())
                        .isEqualTo(200);

                // 12:30, past the 2 h wait: the text goes to B1 only
                clock.advance(Duration.ofMinutes(145));
                pass(hub, runtime);
                List<String> texted = hub.twilio.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(
                        HubFixture.TWILIO_PATH))).stream().map(MallLadderEndToEndTest::to).toList();
                assertThat(texted).containsExactly(B1_PHONE);
                assertThat(hub.ledgerRows("SELECT status, reason FROM notice WHERE borrower_id = 'B2' AND step_id = 'due-sms'"))
                        .allSatisfy(r -> assertThat(r).doesNotStartWith("SENT"));

                // B1 answers the text, then texts 退订; Twilio delivers each twice
                for (Map<String, String> sms : List.of(InboundRequests.twilioIncoming("SM" + "a".repeat(32), B1_PHONE, "我今天晚上还"),
                        InboundRequests.twilioIncoming("SM" + "b".repeat(32), B1_PHONE, "退订"))) {
                    for (int i = 0; i < 2; i++) {
                        HttpResponse<String> r = InboundRequests.postTwilio(hub, publicUrl, sms);
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    }
                }
                assertThat(hub.ledgerRows("SELECT borrower_id, outcome FROM contact_outcome WHERE source = 'twilio' ORDER BY id"))
                        .containsExactly("B1 REPLY", "B1 STOP");
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM opt_out WHERE channel = 'sms' AND removed_at IS NULL"))
                        .isEqualTo(1);

                // day 2: the repayment-plan e-mail; B1's address bounces, B2 unsubscribes with the link it carries
                day(2);
                pass(hub, runtime);
                assertThat(hub.ledgerRows("SELECT borrower_id, status, reason FROM notice WHERE step_id = 'plan' "
                        + "ORDER BY borrower_id")).containsExactly("B1 FAILED SMTP_550", "B2 SENT null");
                assertThat(hub.ledgerRows("SELECT borrower_id, outcome, source FROM contact_outcome WHERE channel = 'email' "
                        + "ORDER BY id")).containsExactly("B1 BOUNCED smtp");
                assertThat(relay.accepted()).hasSize(1);
                Matcher link = Pattern.compile("List-Unsubscribe: <(" + Pattern.quote(publicUrl)
                        + "/unsubscribe/[A-Za-z0-9_.-]+)>").matcher(relay.accepted().get(0));
                assertThat(link.find()).as(relay.accepted().get(0)).isTrue();
                HttpResponse<String> click = http.send(HttpRequest.newBuilder(URI.create(link.group(1)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(click.statusCode()).as(click.body()).isEqualTo(200);
                assertThat(hub.ledgerRows("SELECT borrower_id, outcome FROM contact_outcome WHERE outcome = 'UNSUBSCRIBED'"))
                        .containsExactly("B2 UNSUBSCRIBED");

                // days 4 to 7: a call task a day; B1 never answers, B2 promises on day 5 to pay on day 6
                for (int d = 4; d <= 7; d++) {
                    day(d);
                    pass(hub, runtime);
                    clock.advance(Duration.ofMinutes(30));
                    for (String b : List.of("B1", "B2")) {
                        String task = call(hub, b, "calls");
                        if (task == null) {
                            continue; // B2's calls stop while the promise runs
                        }
                        boolean promise = b.equals("B2") && d == 5;
                        InboundRequests.signedCallResult(hub, DIALER_SECRET, clock.instant(), callResult("c-" + b + "-" + d, task, promise ? "promise-to-pay" : "no-answer",
                                promise ? DUE.plusDays(6).toString() : null));
                    }
                }
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND step_id = 'calls' "
                        + "AND status = 'SENT'")).isEqualTo(4);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM payment_promise WHERE borrower_id = 'B2'")).isEqualTo(1);

                // day 8: the lawyer's letter after calls without a promise: B1 only
                day(8);
                pass(hub, runtime);
                assertThat(hub.ledgerRows("SELECT borrower_id, status FROM notice WHERE step_id = 'lawyer' AND status = 'SENT'"))
                        .as(hub.ledgerRows("SELECT n.borrower_id, n.step_id, n.status, n.reason, e.event_type, e.reason, e.detail "
                                + "FROM notice n JOIN notice_event e ON e.notice_id = n.id WHERE n.step_id IN ('lawyer', 'calls') "
                                + "ORDER BY n.borrower_id, e.occurred_at, e.id").toString())
                        .containsExactly("B1 SENT");
                assertThat(hub.ledgerRows("SELECT status, reason FROM notice WHERE borrower_id = 'B2' AND step_id = 'lawyer'"))
                        .allSatisfy(r -> assertThat(r).doesNotStartWith("SENT"));

                // day 15: B1's hand-off would say a formal e-mail went out; it bounced, so the hand-off waits
                day(15);
                pass(hub, runtime);
                assertThat(hub.ledgerRows("SELECT status, reason FROM notice WHERE borrower_id = 'B1' AND step_id = 'agency'"))
                        .containsExactly("PLANNED EVIDENCE_MISSING");
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'agency' AND status = 'SENT'"))
                        .isZero();

                // each message from outside was recorded once, as an OUTCOME event where it names a notice
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM contact_outcome WHERE source = 'twilio'")).isEqualTo(2);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM contact_outcome WHERE source = 'dialer'"))
                        .isEqualTo(hub.ledgerCount("SELECT COUNT(DISTINCT external_id) FROM contact_outcome "
                                + "WHERE source = 'dialer'"));
            }
        }
    }

    /** Planning at the clock's instant, then everything due delivered. */
    private void pass(HubFixture hub, HubRuntime runtime) throws Exception {
        runtime.planningJob().run();
        runtime.dispatchJob().drain();
        // the daemon's own dispatch timer may hold a batch of them: wait until it has recorded it
        String now = clock.instant().toString();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> hub.ledgerCount(
                "SELECT COUNT(*) FROM notice WHERE status = 'CLAIMED' OR (status IN ('PLANNED', 'RETRY') "
                        + "AND next_attempt_at <= TIMESTAMP WITH TIME ZONE '" + now + "')") == 0);
    }

    private void day(int n) {
        Instant target = at(n, "10:00");
        clock.advance(Duration.between(clock.instant(), target));
    }

    static Instant at(int day, String time) {
        return DUE.plusDays(day).atTime(java.time.LocalTime.parse(time)).atZone(java.time.ZoneId.of("Asia/Shanghai"))
                .toInstant();
    }

    private static String providers(HubFixture hub, ScriptedSmtpRelay relay) {
        return """
                providers:
                  - name: twilio-test
                    channel: sms
                    adapter: twilio
                    options:
                      base-url: "%s"
                      account-sid: "{{twilio.account-sid}}"
                      auth-token: "{{twilio.auth-token}}"
                      from: "+15005550006"
                      default-region: CN
                  - name: relay
                    channel: email
                    adapter: smtp
                    options: { host: 127.0.0.1, port: "%d", from: reminders@lender.example, timeout-ms: "5000" }
                  - name: outbox-letter
                    channel: letter
                    adapter: file
                    options: { dir: "%s" }
                  - name: outbox-call
                    channel: call
                    adapter: file
                    options: { dir: "%s" }
                  - name: agency-batch
                    channel: agency
                    adapter: agency-file
                    options: { dir: "%s/agency" }
                """.formatted(hub.twilio.baseUrl(), relay.port(), hub.outbox, hub.outbox, hub.outbox);
    }

    /** The id of the borrower's latest call task of this step that went out, or null. */
    private static String call(HubFixture hub, String borrower, String step) throws Exception {
        List<String> ids = hub.ledgerRows("SELECT id FROM notice WHERE borrower_id = '" + borrower + "' AND step_id = '"
                + step + "' AND status = 'SENT' ORDER BY planned_at DESC, id");
        return ids.isEmpty() ? null : ids.get(0);
    }

    private String callResult(String callId, String notice, String outcome, String promisedDate) {
        return "{\"callId\":\"" + callId + "\",\"noticeId\":\"" + notice + "\",\"outcome\":\"" + outcome + "\","
                + "\"occurredAt\":\"" + clock.instant().atOffset(java.time.ZoneOffset.ofHours(8)) + "\""
                + (promisedDate == null ? "" : ",\"promisedDate\":\"" + promisedDate + "\",\"promisedAmount\":535.50")
                + "}";
    }

    private static String to(LoggedRequest r) {
        for (String pair : r.getBodyAsString().split("&")) {
            if (pair.startsWith("To=")) {
                return URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
