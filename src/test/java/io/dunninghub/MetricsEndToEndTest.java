package io.dunninghub;

import io.dunninghub.support.Slow;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.plan.PlanSummary;
import io.dunninghub.receipt.TwilioSignature;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Scrape;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's /metrics over HTTP against real PostgreSQL, Twilio as WireMock and SMTP as GreenMail: after a
 * scan and after dispatching, every counter says what the ledger says, the latency histogram counted every
 * request the providers received, and the backlog gauge is the ledger's backlog.
 */
@Slow
class MetricsEndToEndTest {

    private static final String PUBLIC_URL = "https://hub.lender.example";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsMatchTheLedgerAfterAScanAndADispatch(@TempDir Path work) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        try (HubFixture hub = new HubFixture(work)) {
            hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zhang.wei@example.com", "tok-1", false, 2, today, false);
            hub.borrower("B2", "Mary Smith", "en", "America/New_York", "+12125550143", "mary@example.com", null, false, 5, today, false);
            hub.borrower("B3", "陳怡君", "zh-TW", "Asia/Taipei", "+886912345678", null, "tok-3", true, 1, today, false);
            hub.borrower("B4", "李娜", "zh-CN", "Asia/Shanghai", "+86 123", "li.na@example.com", null, false, 3, today, false);
            hub.borrower("B6", "赵磊", "zh-CN", "Asia/Shanghai", "+8613700137000", "zhao@example.com", null, false, 30, today, false);
            hub.borrower("B7", "周杰", "zh-CN", "Asia/Shanghai", "+8613600136000", null, null, false, 2, today, false);
            hub.borrower("B8", "孙丽", "zh-CN", "Asia/Shanghai", "+8613500135000", "sun@example.com", null, false, 2, today, false);
            // Twilio refuses B7's number for good: one FAILED notice
            hub.twilio.stubFor(post(urlEqualTo(HubFixture.TWILIO_PATH)).withRequestBody(containing("To=%2B8613600136000"))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\":21211,\"message\":\"The 'To' number +8613600136000 is not a valid phone number.\","
                                    + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));
            // Scans only when the test says so; the backlog gauges read the ledger every second.
            hub.writeProperties(Map.of("hub.scan.on-startup", "false", "hub.scan.cron", "0 0 0 1 1 ? 2099",
                    "hub.metrics.backlog-refresh-seconds", "1", "hub.receipts.public-url", PUBLIC_URL));
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
                HubRuntime runtime = app.start();
                // Dispatch waits until the test has looked at the backlog.
                app.camelContext().getRouteController().stopRoute("dispatch");
                double scanFrom = System.currentTimeMillis() / 1000.0;
                PlanSummary plan = runtime.planningJob().run();
                assertThat(plan).isNotNull();
                // B8 pays after the scan: the send-time check suppresses both of B8's notices.
                hub.markPaid("B8");

                int due = hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status IN ('PLANNED', 'RETRY') AND next_attempt_at <= CURRENT_TIMESTAMP");
                assertThat(due).isGreaterThan(5);
                Scrape planned = await().atMost(Duration.ofSeconds(60)).until(() -> scrape(hub),
                        s -> s.value("dunninghub_backlog_due") == due);
                assertThat(planned.value("dunninghub_backlog_oldest_age_seconds"))
                        .isBetween(0.0, System.currentTimeMillis() / 1000.0 - scanFrom + 1);
                assertThat(planned.series("dunninghub_notices_planned_total", "channel"))
                        .isEqualTo(ledger(hub, "SELECT channel, COUNT(*) FROM notice WHERE status <> 'SUPPRESSED' GROUP BY channel"))
                        .isEqualTo(plan.plannedByChannel());
                assertThat(planned.series("dunninghub_notices_suppressed_total", "channel", "reason"))
                        .isEqualTo(ledger(hub, "SELECT n.channel || '/' || e.reason, COUNT(*) FROM notice_event e JOIN notice n "
                                + "ON n.id = e.notice_id WHERE e.event_type = 'SUPPRESSED' GROUP BY n.channel, e.reason"))
                        .containsEntry("sms/OPTED_OUT", 1L).containsEntry("sms/INVALID_ADDRESS", 1L);
                assertThat(planned.value("dunninghub_scan_duration_seconds_count", "outcome", "success")).isEqualTo(1);
                assertThat(planned.value("dunninghub_scan_rows_total")).isEqualTo(plan.rows()).isEqualTo(7);
                assertThat(planned.value("dunninghub_scan_rows_skipped_total")).isZero();
                assertThat(planned.value("dunninghub_scan_last_success_timestamp_seconds"))
                        .isBetween(scanFrom, System.currentTimeMillis() / 1000.0);
                assertThat(planned.has("dunninghub_notices_sent_total")).isFalse();

                runtime.dispatchJob().drain();

                Scrape sent = await().atMost(Duration.ofSeconds(60)).until(() -> scrape(hub),
                        s -> s.value("dunninghub_backlog_due") == 0);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status IN ('PLANNED', 'RETRY') AND next_attempt_at <= CURRENT_TIMESTAMP")).isZero();
                Map<String, Long> sentInLedger = ledger(hub,
                        "SELECT channel || '/' || provider, COUNT(*) FROM notice WHERE status = 'SENT' GROUP BY channel, provider");
                assertThat(sent.series("dunninghub_notices_sent_total", "channel", "provider")).isEqualTo(sentInLedger)
                        .containsEntry("sms/twilio-test", 2L).containsEntry("email/smtp-test", 3L);
                assertThat(sent.series("dunninghub_notices_failed_total", "channel", "provider", "reason"))
                        .isEqualTo(ledger(hub, "SELECT channel || '/' || provider || '/' || reason, COUNT(*) FROM notice "
                                + "WHERE status = 'FAILED' GROUP BY channel, provider, reason"))
                        .isEqualTo(Map.of("sms/twilio-test/TWILIO_21211", 1L));
                // planning and the send-time check together: the ledger's SUPPRESSED events, PAID among them
                assertThat(sent.series("dunninghub_notices_suppressed_total", "channel", "reason"))
                        .isEqualTo(ledger(hub, "SELECT n.channel || '/' || e.reason, COUNT(*) FROM notice_event e JOIN notice n "
                                + "ON n.id = e.notice_id WHERE e.event_type = 'SUPPRESSED' GROUP BY n.channel, e.reason"))
                        .containsEntry("sms/PAID", 1L).containsEntry("email/PAID", 1L);
                assertThat(sent.has("dunninghub_notices_retried_total")).isFalse();

                // One latency sample per request the providers received.
                int twilioRequests = hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH))).size();
                assertThat(twilioRequests).isEqualTo(3);
                assertThat(sent.value("dunninghub_provider_latency_seconds_count", "provider", "twilio-test", "outcome", "sent")).isEqualTo(2);
                assertThat(sent.value("dunninghub_provider_latency_seconds_count", "provider", "twilio-test", "outcome", "failed")).isEqualTo(1);
                assertThat(sent.sum("dunninghub_provider_latency_seconds_count", "provider", "twilio-test")).isEqualTo(twilioRequests);
                assertThat(sent.value("dunninghub_provider_latency_seconds_bucket", "provider", "twilio-test", "outcome", "sent", "le", "+Inf"))
                        .isEqualTo(2);
                assertThat(sent.value("dunninghub_provider_latency_seconds_count", "provider", "smtp-test", "outcome", "sent"))
                        .isEqualTo(hub.smtp.getReceivedMessages().length).isEqualTo(3);
                assertThat(sent.value("dunninghub_provider_circuit_state", "provider", "twilio-test", "status", "closed")).isEqualTo(1);
                assertThat(sent.value("hikaricp_connections_max", "pool", "ledger")).isPositive();
                assertThat(sent.value("process_uptime_seconds")).isPositive();

                // A delivery receipt from Twilio for one of the sent messages.
                String sid = sid(hub, "B1");
                Map<String, String> delivered = new LinkedHashMap<>();
                delivered.put("MessageSid", sid);
                delivered.put("MessageStatus", "delivered");
                delivered.put("AccountSid", HubFixture.ACCOUNT_SID);
                delivered.put("To", "+8613800138000");
                assertThat(twilioCallback(hub, delivered).statusCode()).isEqualTo(200);
                Scrape receipts = scrape(hub);
                assertThat(receipts.series("dunninghub_notices_delivered_total", "channel", "provider"))
                        .isEqualTo(ledger(hub, "SELECT n.channel || '/' || n.provider, COUNT(*) FROM notice_event e JOIN notice n "
                                + "ON n.id = e.notice_id WHERE e.event_type = 'DELIVERED' GROUP BY n.channel, n.provider"))
                        .isEqualTo(Map.of("sms/twilio-test", 1L));

                // Labels carry channels, providers and reason codes only: nothing about a borrower.
                for (String personal : List.of("+8613800138000", "8613800138000", "zhang.wei@example.com", "张伟", "Mary Smith",
                        "\"B1\"", "LB1", "IB1", sid, noticeId(hub, "B1"))) {
                    assertThat(receipts.text()).doesNotContain(personal);
                }
            }
        }
    }

    private Scrape scrape(HubFixture hub) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return new Scrape(r.body());
    }

    private static Map<String, Long> ledger(HubFixture hub, String sql) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static String sid(HubFixture hub, String borrower) throws Exception {
        return one(hub, "SELECT provider_message_id FROM notice WHERE borrower_id = '" + borrower + "' AND channel = 'sms'");
    }

    private static String noticeId(HubFixture hub, String borrower) throws Exception {
        return one(hub, "SELECT id FROM notice WHERE borrower_id = '" + borrower + "' AND channel = 'sms'");
    }

    private static String one(HubFixture hub, String sql) throws Exception {
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private HttpResponse<String> twilioCallback(HubFixture hub, Map<String, String> params) throws Exception {
        String signature = TwilioSignature.compute(PUBLIC_URL + "/receipts/twilio", params.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), HubFixture.AUTH_TOKEN);
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort + "/receipts/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
