package io.dunninghub.web;

import io.dunninghub.support.Slow;
import io.dunninghub.daemon.HubDaemon;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.dunninghub.support.HubFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The admin API over real HTTP, against the running daemon and its PostgreSQL ledger. */
@Slow
class AdminEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret-admin-token-0123456789abcdef";

    private static HttpResponse<String> call(int port, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void replayCancelAndStatusBehindTheBearerToken(@TempDir Path work) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try (HubFixture hub = new HubFixture(work)) {
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", null, null, false, 2, today, false);
            hub.borrower("B2", "李娜", "zh-CN", "Asia/Shanghai", "+8613800138001", null, null, false, 2, today, false);
            hub.smsOnlyLadder();
            StubMapping refusal = hub.twilio.stubFor(post(urlEqualTo(HubFixture.TWILIO_PATH))
                    .withRequestBody(containing("To=%2B8613800138001"))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\":21614,\"message\":\"'To' number is not a valid mobile number\",\"more_info\":\"https://www.twilio.com/docs/errors/21614\",\"status\":400}")));
            // the token through a placeholder, as in production (the environment variable is not set here)
            hub.writeProperties(Map.of("hub.admin.token", "{{env:DUNNING_HUB_TEST_ADMIN_TOKEN:" + TOKEN + "}}",
                    "hub.instance-id", "hub-a"));
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
                app.start();
                int port = hub.httpPort;
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'FAILED'") == 1
                                && hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'") == 1);

                // no token, a wrong one, a different scheme: 401 and nothing else
                HttpResponse<String> none = call(port, "GET", "/admin/status", null, null);
                assertThat(none.statusCode()).isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
                HttpResponse<String> wrong = call(port, "POST", "/admin/replay", TOKEN + "x", "{}");
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
                assertThat(wrong.headers().map().toString()).doesNotContain(TOKEN);
                assertThat(call(port, "POST", "/admin/cancel", "short", "{\"loan\":\"LB1\",\"reason\":\"x\"}").statusCode()).isEqualTo(401);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'FAILED'")).isEqualTo(1);

                // status: the status command's numbers
                HttpResponse<String> status = call(port, "GET", "/admin/status", TOKEN, null);
                assertThat(status.statusCode()).isEqualTo(200);
                JsonNode s = JSON.readTree(status.body());
                assertThat(s.get("byStatusAndChannel").get("FAILED").get("sms").asInt()).isEqualTo(1);
                assertThat(s.get("byStatus").get("SENT").asInt()).isEqualTo(1);
                assertThat(s.get("dueNow").asInt()).isZero();

                // dry run: counts, changes nothing
                HttpResponse<String> dry = call(port, "POST", "/admin/replay", TOKEN, "{\"channel\":\"sms\",\"dryRun\":true}");
                assertThat(dry.statusCode()).isEqualTo(200);
                JsonNode d = JSON.readTree(dry.body());
                assertThat(d.get("matched").asInt()).isEqualTo(1);
                assertThat(d.get("replayed").asInt()).isZero();
                assertThat(d.get("notices").get(0).get("reason").asText()).isEqualTo("TWILIO_21614");
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'FAILED'")).isEqualTo(1);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'REPLAYED'")).isZero();

                // bad bodies: 400 with a reason, nothing changed
                HttpResponse<String> badStatus = call(port, "POST", "/admin/replay", TOKEN, "{\"status\":[\"SENT\"]}");
                assertThat(badStatus.statusCode()).isEqualTo(400);
                assertThat(badStatus.body()).contains("DEAD and/or FAILED");
                assertThat(call(port, "POST", "/admin/replay", TOKEN, "{\"borower\":\"B2\"}").body()).contains("unknown field 'borower'");
                assertThat(call(port, "POST", "/admin/replay", TOKEN, "{not json").statusCode()).isEqualTo(400);
                assertThat(call(port, "POST", "/admin/replay", TOKEN, "{\"from\":\"01/11/2026\"}").body()).contains("YYYY-MM-DD");
                HttpResponse<String> noReason = call(port, "POST", "/admin/cancel", TOKEN, "{\"loan\":\"LB1\"}");
                assertThat(noReason.statusCode()).isEqualTo(400);
                assertThat(noReason.body()).contains("reason is required");
                HttpResponse<String> noWho = call(port, "POST", "/admin/cancel", TOKEN, "{\"reason\":\"complaint\"}");
                assertThat(noWho.statusCode()).isEqualTo(400);
                assertThat(noWho.body()).contains("borrower or loan");
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status IN ('FAILED', 'SENT')")).isEqualTo(2);

                // replay as the CLI does: a REPLAYED event with who and why, and the running daemon sends it again
                hub.twilio.removeStub(refusal);
                hub.twilio.resetRequests();
                HttpResponse<String> replay = call(port, "POST", "/admin/replay", TOKEN,
                        "{\"borrower\":\"B2\",\"by\":\"ops-anna\",\"reason\":\"number fixed\"}");
                assertThat(replay.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(replay.body()).get("replayed").asInt()).isEqualTo(1);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'REPLAYED' AND reason = 'MANUAL' "
                        + "AND detail = 'by ops-anna: number fixed' AND instance_id = 'hub-a'")).isEqualTo(1);
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B2' AND status = 'SENT'") == 1);
                assertThat(hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)))).hasSize(1);

                // cancel: B1's SMS pending again for tomorrow; the default 'by' is admin-api
                try (var c = hub.ledger.getConnection(); var st = c.createStatement()) {
                    st.executeUpdate("UPDATE notice SET status = 'PLANNED', next_attempt_at = CURRENT_TIMESTAMP + INTERVAL '1 day' WHERE borrower_id = 'B1'");
                }
                HttpResponse<String> dryCancel = call(port, "POST", "/admin/cancel", TOKEN,
                        "{\"loan\":\"LB1\",\"reason\":\"complaint C-17\",\"dryRun\":true}");
                assertThat(JSON.readTree(dryCancel.body()).get("matched").asInt()).isEqualTo(1);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'CANCELLED'")).isZero();
                HttpResponse<String> cancel = call(port, "POST", "/admin/cancel", TOKEN, "{\"loan\":\"LB1\",\"reason\":\"complaint C-17\"}");
                assertThat(cancel.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(cancel.body()).get("cancelled").asInt()).isEqualTo(1);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND status = 'CANCELLED'")).isEqualTo(1);
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B2' AND status = 'CANCELLED'")).isZero();
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'CANCELLED' "
                        + "AND detail = 'by admin-api: complaint C-17'")).isEqualTo(1);

                // GET where only POST is served
                assertThat(call(port, "GET", "/admin/replay", TOKEN, null).statusCode()).isEqualTo(405);
            }
            assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains(TOKEN));

            // Without a token the admin API is not served at all; health still is.
            hub.writeProperties(Map.of());
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
                app.start();
                assertThat(call(hub.httpPort, "GET", "/health/live", null, null).statusCode()).isEqualTo(200);
                assertThat(call(hub.httpPort, "GET", "/admin/status", TOKEN, null).statusCode()).isEqualTo(404);
                assertThat(call(hub.httpPort, "POST", "/admin/replay", TOKEN, "{}").statusCode()).isEqualTo(404);
                assertThat(call(hub.httpPort, "POST", "/admin/reload", null, null).statusCode()).isEqualTo(404);
            }
        } finally {
            root.detachAppender(log);
        }
    }
}
