package io.dunninghub.faults;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Stalls;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 5: a provider's configured rate of N per second is never exceeded at the provider in any one-second
 * window, with one hub instance and with two sharing the ledger (and so the provider's token bucket).
 */
@Slow
class RateLimitFaultTest {

    private static final int RATE = 10;

    @TempDir
    Path work;
    HubFixture hub;

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void oneInstanceAndTwoInstancesStayWithinTheRate() throws Exception {
        hub = new HubFixture(work);
        hub.smsOnlyLadder();
        hub.writeProviders("""
                providers:
                  - name: twilio-main
                    channel: sms
                    adapter: twilio
                    rate: %d/s
                    options: { base-url: "%s", account-sid: "{{twilio.account-sid}}", auth-token: "{{twilio.auth-token}}", from: "+15005550006" }
                """.formatted(RATE, hub.twilio.baseUrl()));
        hub.writeProperties(Map.of("hub.dispatch.threads", "4", "hub.dispatch.batch-size", "20"));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        HubFixture.bulkBorrowers(hub.core, 4, 35, today);
        long singleFrom;
        Duration singleStalls;
        try (HubDaemon one = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false, Clock.systemUTC())) {
            one.start().planningPass().run(Instant.now());
            singleFrom = System.currentTimeMillis();
            try (Stalls stalls = Stalls.measure()) {
                one.runtime().dispatchJob().drain();
                singleStalls = stalls.worst();
            }
        }
        List<Long> single = sendTimes();
        assertThat(single).hasSize(35);
        assertWithinRate(single, singleFrom, singleStalls);

        hub.twilio.resetRequests();
        HubFixture.bulkBorrowers(hub.core, 5, 35, today);
        // workers barely wait for a token now: most notices are handed back to the ledger and claimed again
        // batches of 10: one instance holds at most its batch and the one claimed ahead (20 of 35), so both send
        hub.writeProperties(Map.of("hub.dispatch.threads", "4", "hub.dispatch.batch-size", "10", "hub.dispatch.rate-wait-ms", "50"));
        ExecutorService instances = Executors.newFixedThreadPool(2);
        long sharedFrom;
        Duration sharedStalls;
        try (HubDaemon a = new HubDaemon(hub.configDir, Path.of("routes"), Map.of("hub.instance-id", "hub-a"), false, Clock.systemUTC());
             HubDaemon b = new HubDaemon(hub.configDir, Path.of("routes"), Map.of("hub.instance-id", "hub-b"), false, Clock.systemUTC())) {
            a.start().planningPass().run(Instant.now());
            b.start();
            sharedFrom = System.currentTimeMillis();
            try (Stalls stalls = Stalls.measure()) {
                List<Future<Long>> drains = List.of(instances.submit(() -> a.runtime().dispatchJob().drain()),
                        instances.submit(() -> b.runtime().dispatchJob().drain()));
                for (Future<Long> d : drains) {
                    d.get();
                }
                sharedStalls = stalls.worst();
            }
        } finally {
            instances.shutdownNow();
        }
        List<Long> shared = sendTimes();
        assertThat(shared).hasSize(35);
        assertWithinRate(shared, sharedFrom, sharedStalls);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(70);
        assertThat(hub.ledgerCount("SELECT COUNT(DISTINCT instance_id) FROM notice_event WHERE event_type = 'SENT' AND instance_id LIKE 'hub-%'"))
                .as("both instances sent").isEqualTo(2);
        // handing a notice back unsent is not an attempt and leaves no event: one attempt and one claim per SMS
        // would be too strong (they were claimed again), but one attempt, one SENT event and no RETRY are not
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE attempts = 1")).isEqualTo(70);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type NOT IN ('PLANNED', 'SENT')")).isZero();
    }

    /** Request arrival times at the stub, in milliseconds, sorted. */
    private List<Long> sendTimes() {
        List<Long> t = new ArrayList<>(hub.twilio.getAllServeEvents().stream()
                .map(e -> e.getRequest().getLoggedDate().getTime()).toList());
        t.sort(null);
        return t;
    }

    /**
     * The hub paces at RATE per 1.1 s (one token every 110 ms, burst 1; the extra 100 ms is its allowance for
     * jitter between leaving the hub and arriving at the provider). Checked at the provider's side twice:
     * <ul>
     *   <li>From the start: the k-th request cannot arrive before its token, and the k-th token comes (k - 1) x 110 ms
     *   after the first at the earliest, which is no earlier than {@code from}. However late requests arrive, this
     *   holds exactly; it fails if the hub sends faster than its rate or bursts at the start.</li>
     *   <li>In every window [t, t + 1 s): at most RATE, as the provider counts, as long as no request took longer than
     *   the 100 ms allowance from its token to the stub. On a loaded machine this JVM stalls longer than that (the
     *   stub is in it too), so the allowance is the longer of 100 ms and the longest stall measured meanwhile, and
     *   the window may hold one more request per 110 ms beyond the 100 ms.</li>
     * </ul>
     * And the rate was used, not undershot by far.
     */
    private static void assertWithinRate(List<Long> times, long from, Duration stalls) {
        for (int k = 0; k < times.size(); k++) {
            assertThat(times.get(k) - from).as("request %d arrived, ms after the dispatch began", k + 1)
                    .isGreaterThanOrEqualTo(k * 109L);
        }
        long jitter = Math.max(100, stalls.toMillis());
        int allowed = (int) (1 + (1000 + jitter - 1) / 110);
        int busiest = 0;
        for (int i = 0; i < times.size(); i++) {
            int n = 0;
            for (int j = i; j < times.size() && times.get(j) < times.get(i) + 1000; j++) {
                n++;
            }
            busiest = Math.max(busiest, n);
        }
        assertThat(busiest).as("most requests in any one second (longest stall of this JVM meanwhile %d ms)", stalls.toMillis())
                .isLessThanOrEqualTo(allowed).isGreaterThanOrEqualTo(RATE - 2);
    }
}
