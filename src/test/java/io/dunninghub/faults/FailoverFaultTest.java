package io.dunninghub.faults;

import io.dunninghub.support.Slow;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.dunninghub.channel.ProviderGuard;
import io.dunninghub.channel.ProviderGuards;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.support.HubFixture;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Fault 1: the primary SMS provider answers 503 for a while. Its circuit opens, SMS fail over to the second
 * provider, nothing is lost or sent twice, and once the primary is healthy again it takes the traffic back.
 */
@Slow
class FailoverFaultTest {

    private static final int THREADS = 4;

    @TempDir
    Path work;
    HubFixture hub;
    WireMockServer backup = new WireMockServer(wireMockConfig().dynamicPort());
    final Logger guardLogger = (Logger) LoggerFactory.getLogger(ProviderGuard.class);
    final ListAppender<ILoggingEvent> circuitLog = new ListAppender<>();

    @AfterEach
    void stop() {
        hub.close();
        backup.stop();
    }

    @Test
    void circuitOpensTrafficFailsOverAndComesBack() throws Exception {
        hub = new HubFixture(work);
        backup.start();
        HubFixture.stubTwilioSent(backup);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        hub.smsOnlyLadder();
        hub.writeProviders("""
                providers:
                  - name: twilio-primary
                    channel: sms
                    adapter: twilio
                    priority: 1
                    circuit-breaker: { failure-rate: 50, window: 4, minimum-calls: 4, open-seconds: 2, half-open-calls: 1 }
                    options: { base-url: "%s", account-sid: "{{twilio.account-sid}}", auth-token: "{{twilio.auth-token}}", from: "+15005550006" }
                  - name: twilio-backup
                    channel: sms
                    adapter: twilio
                    priority: 2
                    options: { base-url: "%s", account-sid: "{{twilio.account-sid}}", auth-token: "{{twilio.auth-token}}", from: "+15005550007" }
                """.formatted(hub.twilio.baseUrl(), backup.baseUrl()));
        // every worker may call the primary: the drill is about its circuit, not about its call slots (with fewer
        // slots than workers a busy primary's overflow would go to the backup too)
        hub.writeProperties(Map.of("hub.dispatch.threads", String.valueOf(THREADS),
                "hub.dispatch.calls-per-provider", String.valueOf(THREADS)));
        hub.twilio.stubFor(post(urlEqualTo(HubFixture.TWILIO_PATH)).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20500,\"message\":\"Service Unavailable\",\"more_info\":\"https://www.twilio.com/docs/errors/20500\",\"status\":503}")));
        HubFixture.bulkBorrowers(hub.core, 1, 30, today);

        try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false, Clock.systemUTC())) {
            HubRuntime runtime = app.start();
            ProviderGuards guards = app.camelContext().getRegistry().lookupByNameAndType("providerGuards", ProviderGuards.class);

            // Outage: the primary sees a handful of requests until its circuit opens; the backup sends all 30.
            runtime.planningPass().run(Instant.now());
            runtime.dispatchJob().drain();
            int primaryDuringOutage = requests(hub.twilio).size();
            assertThat(primaryDuringOutage).as("requests to the failing primary").isBetween(4, 4 + 3);
            assertThat(guards.get("twilio-primary").circuitState()).isEqualTo("OPEN");
            assertThat(recipients(requests(backup))).hasSize(30).doesNotHaveDuplicates();

            // Recovery: after the open time one probe goes to the primary, it succeeds, the circuit closes.
            hub.twilio.resetAll();
            HubFixture.stubTwilioSent(hub.twilio);
            Thread.sleep(2_100);
            HubFixture.bulkBorrowers(hub.core, 2, 30, today);
            runtime.planningPass().run(Instant.now());
            circuitLog.start();
            guardLogger.addAppender(circuitLog);
            try {
                runtime.dispatchJob().drain();
            } finally {
                guardLogger.detachAppender(circuitLog);
            }
            assertThat(guards.get("twilio-primary").circuitState()).isEqualTo("CLOSED");
            long closedAt = List.copyOf(circuitLog.list).stream()
                    .filter(e -> e.getFormattedMessage().equals("provider twilio-primary: circuit HALF_OPEN -> CLOSED"))
                    .mapToLong(ILoggingEvent::getTimeStamp).findFirst().orElseThrow();
            List<ServeEvent> secondWaveOnBackup = wave(requests(backup), 2);
            // While the single half-open probe is in flight the other workers' notices go to the backup, as many as
            // the probe's time allows (more on a loaded machine). Once it has closed the circuit, only what a worker
            // had already sent on its way to the backup may still arrive there: one request per other worker.
            long backupAfterClose = secondWaveOnBackup.stream().filter(e -> e.getRequest().getLoggedDate().getTime() > closedAt).count();
            assertThat(backupAfterClose).as("second wave on the backup after the circuit closed").isLessThanOrEqualTo(THREADS - 1);
            assertThat(requests(hub.twilio)).as("second wave on the primary again").hasSize(30 - secondWaveOnBackup.size());

            // And from then on the primary takes all of it.
            HubFixture.bulkBorrowers(hub.core, 3, 10, today);
            runtime.planningPass().run(Instant.now());
            runtime.dispatchJob().drain();
            assertThat(wave(requests(backup), 3)).as("third wave on the backup").isEmpty();
            assertThat(wave(requests(hub.twilio), 3)).as("third wave on the primary").hasSize(10);
        }

        // Nothing lost, nothing sent twice: every notice SENT, each recipient accepted exactly once overall.
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(70);
        List<String> accepted = new ArrayList<>(recipients(requests(backup)));
        accepted.addAll(recipients(requests(hub.twilio)));
        assertThat(accepted).hasSize(70).doesNotHaveDuplicates();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE provider = 'twilio-backup' AND borrower_id LIKE 'P1-%'")).isEqualTo(30);
        // the notices whose first try hit the 503 carry that attempt in the ledger
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE attempts = 1")).isEqualTo(70);
    }

    /** Requests the stub answered with 2xx (for the primary after recovery: all of them). */
    private static List<ServeEvent> requests(WireMockServer server) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(HubFixture.TWILIO_PATH))
                .toList();
    }

    /** The requests to the borrowers of one {@link HubFixture#bulkBorrowers} wave (their numbers' prefix digit). */
    private static List<ServeEvent> wave(List<ServeEvent> events, int prefixDigit) {
        return events.stream().filter(e -> e.getRequest().getBodyAsString().contains("To=%2B86138" + prefixDigit)).toList();
    }

    private static List<String> recipients(List<ServeEvent> events) {
        Function<ServeEvent, String> to = e -> java.util.Arrays.stream(e.getRequest().getBodyAsString().split("&"))
                .map(kv -> kv.split("=", 2)).filter(kv -> kv[0].equals("To"))
                .map(kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)).findFirst().orElseThrow();
        return events.stream().filter(e -> e.getResponse().getStatus() / 100 == 2).map(to).collect(Collectors.toList());
    }
}
