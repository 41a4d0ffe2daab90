package io.dunninghub.ops;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Liveness and readiness over HTTP from the running daemon, with the core banking database up and down. */
class HealthEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyWhenDatabasesAnswerAndNotReadyWhileTheCoreIsUnreachable(@TempDir Path work) throws Exception {
        try (HubFixture hub = new HubFixture(work)) {
            try (HubApplication app = new HubApplication(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
                app.start();
                assertThat(get(hub.httpPort, "/health/live").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    HttpResponse<String> ready = get(hub.httpPort, "/health/ready");
                    assertThat(ready.statusCode()).isEqualTo(200);
                    JsonNode body = new ObjectMapper().readTree(ready.body());
                    assertThat(body.get("status").asText()).isEqualTo("UP");
                    assertThat(body.get("circuits").get("twilio-test").asText()).isEqualTo("CLOSED");
                });
            }
            // The same daemon pointed at a core database nobody listens on: alive, but not ready, and why.
            hub.writeProperties(Map.of("hub.core.url", "jdbc:postgresql://127.0.0.1:" + HubFixture.freePort() + "/core"));
            try (HubApplication app = new HubApplication(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
                app.start();
                assertThat(get(hub.httpPort, "/health/live").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
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
}
