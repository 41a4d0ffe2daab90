package io.dunninghub.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running daemon on PostgreSQL, Twilio as WireMock, SMTP as GreenMail: the borrower's notices go out, then the
 * dialer reports a wrong number, the borrower texts STOP and a reply (each delivered twice), and clicks the
 * e-mail's one-click unsubscribe (after a mail scanner followed the link). The next SMS and e-mail to that borrower
 * are suppressed OPTED_OUT, and each message was recorded once.
 */
@Slow
class InboundEndToEndTest {

    private static final String DIALER_SECRET = "dialer-secret-0123456789";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    private final HttpClient http = HttpClient.newHttpClient();
    /** The business clock: a weekday morning in Shanghai, whatever the time of the run. */
    private final io.dunninghub.support.TestClock clock = new io.dunninghub.support.TestClock(
            java.time.Instant.parse("2026-11-23T02:00:00Z"));

    @Test
    void whatComesBackReachesTheLedgerOnceAndTheNextNoticesHonourIt(@TempDir Path work) throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
        try (HubFixture hub = new HubFixture(work)) {
            String publicUrl = "http://127.0.0.1:" + hub.httpPort;
            hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zhang.wei@borrower.example", null,
                    false, 5, today, false);
            hub.writeProperties(Map.of("hub.receipts.public-url", publicUrl, "hub.scan.on-startup", "false",
                    "hub.scan.cron", "0 0 0 1 1 ? 2099", "hub.outcomes.dialer.secret", DIALER_SECRET,
                    "hub.unsubscribe.secret", "unsubscribe-secret-0123456789",
                    "hub.unsubscribe.mailto", "unsubscribe@lender.example", "hub.admin.token", ADMIN_TOKEN));
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, clock)) {
                HubRuntime runtime = app.start();
                runtime.planningJob().run();
                await().atMost(Duration.ofSeconds(60)).until(() -> hub.ledgerCount(
                        "SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND status = 'SENT'") == 3);

                // the e-mail carries the signed one-click link and the mailto
                MimeMessage mail = hub.smtp.getReceivedMessages()[0];
                String header = mail.getHeader("List-Unsubscribe", null);
                assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
                Matcher link = Pattern.compile("<(" + Pattern.quote(publicUrl) + "/unsubscribe/[A-Za-z0-9_.-]+)>").matcher(header);
                assertThat(link.find()).as(header).isTrue();
                assertThat(header).contains("<mailto:unsubscribe@lender.example?subject=unsubscribe%20");
                // and the footer offers the same link the header carries, in the borrower's language
                assertThat(mailText(mail)).contains(link.group(1));

                // the dialer: wrong number, signed, delivered twice
                String call = hub.ledgerRows("SELECT id FROM notice WHERE channel = 'call'").get(0);
                String result = "{\"callId\":\"call-77\",\"noticeId\":\"" + call + "\",\"outcome\":\"wrong-number\","
                        + "\"occurredAt\":\"" + clock.instant().atOffset(java.time.ZoneOffset.ofHours(8)) + "\"}";
                assertThat(InboundRequests.signedCallResult(hub, DIALER_SECRET, clock.instant(), result).statusCode()).isEqualTo(200);
                HttpResponse<String> again = InboundRequests.signedCallResult(hub, DIALER_SECRET, clock.instant(), result);
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(again.body()).contains("\"recorded\":false");
                assertThat(InboundRequests.unsignedCallResult(hub, result).statusCode()).as("unsigned").isEqualTo(401);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM contact_feedback WHERE reason = 'ADDRESS_INVALID'"))
                        .as("sms and call").isEqualTo(2);

                // the borrower texts a reply and STOP; Twilio delivers each twice
                Map<String, String> reply = InboundRequests.twilioIncoming("SM" + "a".repeat(32), "+8613800138000", "我下周还款");
                Map<String, String> stop = InboundRequests.twilioIncoming("SM" + "b".repeat(32), "+8613800138000", "STOP");
                for (Map<String, String> sms : List.of(reply, reply, stop, stop)) {
                    HttpResponse<String> r = InboundRequests.postTwilio(hub, publicUrl, sms);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                }
                assertThat(hub.ledgerRows("SELECT outcome, note FROM contact_outcome WHERE source = 'twilio' ORDER BY id"))
                        .containsExactly("REPLY 我下周还款", "STOP replied 'STOP'");

                // a mail scanner follows the link: nothing happens; the one-click POST unsubscribes
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link.group(1))).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("<form method=\"post\"");
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM opt_out WHERE channel = 'email'")).isZero();
                for (int i = 0; i < 2; i++) {
                    HttpResponse<String> click = http.send(HttpRequest.newBuilder(URI.create(link.group(1)))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(click.statusCode()).as(click.body()).isEqualTo(200);
                }
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM opt_out WHERE channel = 'email'")).isEqualTo(1);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM contact_outcome WHERE outcome = 'UNSUBSCRIBED'")).isEqualTo(1);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'OUTCOME'"))
                        .as("wrong number, reply, stop, unsubscribe").isEqualTo(4);

                // the admin API: an outcome recorded as outcome add does, and the borrower's outcomes listed
                HttpResponse<String> noToken = admin(hub, "POST", "/admin/outcomes", "{}", null);
                assertThat(noToken.statusCode()).isEqualTo(401);
                HttpResponse<String> dispute = admin(hub, "POST", "/admin/outcomes",
                        "{\"borrower\":\"B1\",\"outcome\":\"dispute\",\"by\":\"ops-anna\"}", ADMIN_TOKEN);
                assertThat(dispute.statusCode()).as(dispute.body()).isEqualTo(200);
                assertThat(dispute.body()).contains("DISPUTE hold");
                assertThat(admin(hub, "POST", "/admin/outcomes", "{\"notice\":\"nope\",\"outcome\":\"busy\"}", ADMIN_TOKEN)
                        .statusCode()).isEqualTo(422);
                HttpResponse<String> list = admin(hub, "GET", "/admin/outcomes?borrower=B1", null, ADMIN_TOKEN);
                assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
                assertThat(list.body()).contains("\"outcome\":\"dispute\"").contains("\"source\":\"admin:ops-anna\"")
                        .contains("\"outcome\":\"stop\"").contains("\"outcome\":\"unsubscribed\"")
                        .doesNotContain("我下周还款");
                // the hold is lifted after review, so the next loan is planned and meets only the opt-outs
                try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE legal_hold SET removed_at = CURRENT_TIMESTAMP, removed_by = 'test', "
                            + "removed_reason = 'reviewed'");
                }

                // another loan of the same borrower: its SMS and e-mail are not sent
                hub.loan("B1", "2", 5, today);
                runtime.planningJob().run();
                await().atMost(Duration.ofSeconds(60)).until(() -> hub.ledgerCount("SELECT COUNT(*) FROM notice "
                        + "WHERE loan_id = 'LB1-2' AND channel IN ('sms', 'email') AND status = 'SUPPRESSED'") == 2);
                assertThat(hub.ledgerRows("SELECT channel, reason FROM notice WHERE loan_id = 'LB1-2' AND channel IN ('sms', 'email') "
                        + "ORDER BY channel")).containsExactly("email OPTED_OUT", "sms OPTED_OUT");
                assertThat(hub.smtp.getReceivedMessages()).hasSize(1);

                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort
                        + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).contains("dunninghub_outcomes_total{outcome=\"stop\",source=\"twilio\"} 1.0")
                        .contains("dunninghub_outcomes_total{outcome=\"reply\",source=\"twilio\"} 1.0")
                        .contains("dunninghub_outcomes_total{outcome=\"wrong-number\",source=\"dialer\"} 1.0")
                        .contains("dunninghub_outcomes_total{outcome=\"unsubscribed\",source=\"unsubscribe\"} 1.0")
                        .contains("dunninghub_outcomes_total{outcome=\"dispute\",source=\"admin\"} 1.0");
            }
        }
    }

    private HttpResponse<String> admin(HubFixture hub, String method, String path, String json, String token)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every text part of a message, decoded. */
    static String mailText(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return part.getContent().toString();
        }
        StringBuilder all = new StringBuilder();
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart multi = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) {
                all.append(mailText(multi.getBodyPart(i))).append('\n');
            }
        }
        return all.toString();
    }
}
