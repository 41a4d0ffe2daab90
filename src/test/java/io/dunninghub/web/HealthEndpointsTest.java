package io.dunninghub.web;

import io.dunninghub.support.Slow;
import io.dunninghub.daemon.HubDaemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Liveness and readiness over HTTP from the running daemon, with the core banking database up and down. */
@Slow
class HealthEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyWhenDatabasesAnswerAndNotReadyWhileTheCoreIsUnreachable(@TempDir Path work) throws Exception {
        try (HubFixture hub = new HubFixture(work)) {
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
                app.start();
                assertThat(get(hub.httpPort, "/health/live").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    HttpResponse<String> ready = get(hub.httpPort, "/health/ready");
                    assertThat(ready.statusCode()).isEqualTo(200);
                    JsonNode body = new ObjectMapper().readTree(ready.body());
                    assertThat(body.get("status").asText()).isEqualTo("UP");
                    assertThat(body.get("circuits").get("twilio-test").asText()).isEqualTo("CLOSED");
                });
            }
            // The same daemon pointed at a core database nobody listens on: alive, but not ready, and why.
            hub.writeProperties(Map.of("hub.core.url", "jdbc:postgresql://127.0.0.1:" + HubFixture.freePort() + "/core"));
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
                app.start();
                assertThat(get(hub.httpPort, "/health/live").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    HttpResponse<String> ready = get(hub.httpPort, "/health/ready");
                    assertThat(ready.statusCode()).isEqualTo(503);
                    JsonNode body = new ObjectMapper().readTree(ready.body());
                    assertThat(body.get("status").asText()).isEqualTo("DOWN");
                    assertThat(body.get("down").has("core")).as("body %s", ready.body()).isTrue();
                    assertThat(body.get("down").has("ledger")).isFalse();
                });
            }
        }
    }

    @Test
    void aScanRunningLongerThanTheLimitMakesTheHubNotReadyUntilItEndsAndMetricsCanBeSwitchedOff(@TempDir Path work)
            throws Exception {
        try (HubFixture hub = new HubFixture(work)) {
            hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", null, null, false, 2,
                    LocalDate.now(ZoneId.of("Asia/Shanghai")), false);
            // The core database takes 8 s to answer the scan (once, for the whole query).
            String slowScan = HubFixture.shippedProperty("hub.scan.sql").replace(" ORDER BY", " AND (SELECT 1 FROM pg_sleep(8)) = 1 ORDER BY");
            hub.writeProperties(Map.of("hub.scan.sql", slowScan, "hub.health.scan-stuck-seconds", "2",
                    "hub.metrics.enabled", "false"));
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
                app.start();
                HttpResponse<String> metrics = get(hub.httpPort, "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(404);
                assertThat(metrics.body()).contains("hub.metrics.enabled");
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    HttpResponse<String> ready = get(hub.httpPort, "/health/ready");
                    assertThat(ready.statusCode()).isEqualTo(503);
                    JsonNode body = new ObjectMapper().readTree(ready.body());
                    assertThat(body.get("down").get("scan").asText()).startsWith("scan running for")
                            .contains("hub.health.scan-stuck-seconds");
                    assertThat(body.get("down").has("ledger")).isFalse();
                });
                assertThat(get(hub.httpPort, "/health/live").statusCode()).isEqualTo(200);
                // The scan ends (and plans B1's notice): ready again.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(get(hub.httpPort, "/health/ready").statusCode()).isEqualTo(200));
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1'")).isPositive();
            }
        }
    }
}
