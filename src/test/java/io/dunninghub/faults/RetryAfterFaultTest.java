package io.dunninghub.faults;

import io.dunninghub.support.Slow;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.support.HubFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 2: Twilio answers 429 with {@code Retry-After: 2}. No request reaches it before the two seconds are
 * over, from either of two instances sharing the ledger, and the throttled notice is sent afterwards.
 */
@Slow
class RetryAfterFaultTest {

    private static final int NOTICES = 8;

    @TempDir
    Path work;
    HubFixture hub;

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void noRequestBeforeTheRetryAfterPassesFromAnyInstance() throws Exception {
        hub = new HubFixture(work);
        hub.smsOnlyLadder();
        hub.writeProviders("""
                providers:
                  - name: twilio-main
                    channel: sms
                    adapter: twilio
                    rate: 2/s
                    options: { base-url: "%s", account-sid: "{{twilio.account-sid}}", auth-token: "{{twilio.auth-token}}", from: "+15005550006" }
                """.formatted(hub.twilio.baseUrl()));
        // Small batches: an instance holds its batch and the next one it claimed ahead, so with 8 notices in
        // batches of 2 neither instance can hold them all and both must send.
        hub.writeProperties(Map.of("hub.dispatch.threads", "4", "hub.dispatch.batch-size", "2"));
        // the first request is throttled; Twilio accepts everything after it
        hub.twilio.stubFor(post(urlEqualTo(HubFixture.TWILIO_PATH)).atPriority(1)
                .inScenario("throttle").whenScenarioStateIs(STARTED).willSetStateTo("open")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2").withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"more_info\":\"https://www.twilio.com/docs/errors/20429\",\"status\":429}")));
        HubFixture.bulkBorrowers(hub.core, 3, NOTICES, LocalDate.now(ZoneId.of("Asia/Shanghai")));
        // The rate leaves 550 ms between two requests: time for the 429 to come back and its pause to reach the
        // shared bucket before the next token is due, even on a loaded machine. (At 4/s the next token came 275 ms
        // after the throttled one, and a slow round trip let the other instance take it before it knew.) A warm
        // stub answers in milliseconds, so the journal's order is the order the hub sent in (another account's
        // path: same templates, no scenario).
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.twilio.baseUrl()
                    + "/2010-04-01/Accounts/ACwarmup/Messages.json")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("To=1")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        hub.twilio.resetRequests();

        ExecutorService instances = Executors.newFixedThreadPool(2);
        try (HubDaemon a = new HubDaemon(hub.configDir, Path.of("routes"), Map.of("hub.instance-id", "hub-a"), false, Clock.systemUTC());
             HubDaemon b = new HubDaemon(hub.configDir, Path.of("routes"), Map.of("hub.instance-id", "hub-b"), false, Clock.systemUTC())) {
            a.start().planningPass().run(Instant.now());
            b.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<Future<Long>> drains = List.of(instances.submit(() -> a.runtime().dispatchJob().drain()),
                        instances.submit(() -> b.runtime().dispatchJob().drain()));
                for (Future<Long> d : drains) {
                    d.get();
                }
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(NOTICES);
            });
        } finally {
            instances.shutdownNow();
        }

        List<ServeEvent> all = hub.twilio.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
        assertThat(all).hasSize(NOTICES + 1);
        ServeEvent throttled = all.get(0);
        assertThat(throttled.getResponse().getStatus()).isEqualTo(429);
        long answeredAt = throttled.getRequest().getLoggedDate().getTime() + throttled.getTiming().getTotalTime();
        String timeline = all.stream().map(e -> (e.getRequest().getLoggedDate().getTime() - answeredAt) + "ms:"
                + e.getResponse().getStatus()).toList().toString();
        // A request already on its way when the 429 was answered could not have known; every later one waits.
        List<ServeEvent> sentAfterward = all.stream().filter(e -> e.getRequest().getLoggedDate().getTime() > answeredAt).toList();
        assertThat(all.size() - sentAfterward.size()).as("requests up to the 429 answer: %s", timeline).isLessThanOrEqualTo(2);
        for (ServeEvent e : sentAfterward) {
            assertThat(e.getRequest().getLoggedDate().getTime() - answeredAt)
                    .as("ms after the 429 until the next request: %s", timeline).isGreaterThanOrEqualTo(2_000);
        }
        // both instances sent, so the pause held the one that did not get the 429 as well
        assertThat(hub.ledgerCount("SELECT COUNT(DISTINCT instance_id) FROM notice_event WHERE event_type = 'SENT'")).isEqualTo(2);
        // the throttled notice counted one attempt, waited at least the Retry-After, and was sent on its second
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'RETRY' AND reason = 'RATE_LIMITED'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT' AND attempts = 2")).isEqualTo(1);
    }
}
