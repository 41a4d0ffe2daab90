package io.dunninghub.faults;

import io.dunninghub.support.Slow;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.support.HubFixture;
import java.time.Clock;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 3: the daemon, a separate JVM, is killed with SIGKILL while it dispatches thousands of notices (right
 * while a request is at the provider), then started again. Every notice ends SENT; the provider, which honours
 * idempotency keys, creates each message exactly once; the repeats it saw are bounded by the dispatch window
 * (notices claimed and not yet recorded, {@code hub.dispatch.window}).
 */
@Slow
class CrashFaultTest {

    private static final int NOTICES = 2000;
    private static final int BATCH = 100;
    private static final int WINDOW = 200;
    private static final int KILL_AT_REQUEST = 500;

    @TempDir
    Path work;
    HubFixture hub;
    final IdempotentProvider provider = new IdempotentProvider();
    final WireMockServer stub = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20).extensions(provider));
    Process daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.destroyForcibly();
        }
        stub.stop();
        hub.close();
    }

    @Test
    void killedMidDispatchThenRestartedEveryNoticeSentEachCreatedOnce() throws Exception {
        hub = new HubFixture(work);
        hub.smsOnlyLadder();
        hub.writeProperties(Map.of("hub.dispatch.lease-seconds", "10", "hub.dispatch.batch-size", String.valueOf(BATCH),
                "hub.dispatch.window", String.valueOf(WINDOW),
                "hub.dispatch.threads", "8", "hub.http.enabled", "false", "hub.scan.on-startup", "false"));
        HubFixture.bulkBorrowers(hub.core, 6, NOTICES, LocalDate.now(ZoneId.of("Asia/Shanghai")));
        stub.start();
        stub.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));
        // a JSON SMS gateway that honours the Idempotency-Key the http-sms adapter sends (the notice id)
        hub.writeProviders("""
                providers:
                  - name: sms-gateway
                    channel: sms
                    adapter: http-sms
                    options: { url: "%s/v1/messages", default-region: CN }
                """.formatted(stub.baseUrl()));
        // planned here, so the daemon starts dispatching at once
        try (HubDaemon planner = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false, Clock.systemUTC())) {
            assertThat(planner.start().planningPass().run(Instant.now()).newNotices()).isEqualTo(NOTICES);
        }
        provider.onRequest = n -> {
            if (n == KILL_AT_REQUEST) {
                daemon.destroyForcibly(); // SIGKILL while this request is being answered
                try {
                    daemon.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        daemon = start("first");
        // a daemon's JVM start-up, scan and 500 requests: far longer on a loaded machine than on an idle one
        await().atMost(Duration.ofSeconds(180)).until(() -> !daemon.isAlive());
        assertThat(daemon.exitValue()).as("killed by SIGKILL; log:%n%s", Files.readString(work.resolve("first.log"))).isEqualTo(137);
        int claimedAtKill = hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'CLAIMED'");
        assertThat(claimedAtKill).as("notices held by the dead instance").isPositive().isLessThanOrEqualTo(WINDOW);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isLessThan(KILL_AT_REQUEST);
        provider.onRequest = n -> { };
        daemon = start("second");
        // start-up again, the 10 s lease, then the remaining 1,500
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'") == NOTICES);
        daemon.destroy();
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice")).isEqualTo(NOTICES);
        // Each notice's key reached the provider; each message was created once, and the ledger holds its id.
        Map<String, String> recorded = new HashMap<>();
        try (Connection c = hub.ledger.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT id, provider_message_id FROM notice")) {
            while (rs.next()) {
                recorded.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(provider.messageByKey).as("message created per idempotency key").isEqualTo(recorded);
        // What a provider without idempotency keys would have delivered twice: the dead instance's window (claimed,
        // sent and not yet recorded) at most, at least the request it was killed in.
        assertThat(provider.replays.get()).as("repeated requests").isBetween(1, WINDOW);
        assertThat(provider.requests.get()).isEqualTo(NOTICES + provider.replays.get());
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'LEASE_EXPIRED'")).isEqualTo(claimedAtKill);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'SENT'")).isEqualTo(NOTICES);
    }

    private Process start(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only: the daemon starts faster, and speed is not what this test measures
        return new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.dunninghub.cli.Main", "run",
                "--config", hub.configDir.toString(), "--routes", "routes", "--set", "hub.instance-id=" + name))
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
    }
}
