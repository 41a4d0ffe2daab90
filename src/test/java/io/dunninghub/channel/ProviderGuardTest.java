package io.dunninghub.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The guard in front of a provider: circuit breaker, Retry-After pause and rate limit, and what the router makes of them. */
class ProviderGuardTest {

    /** Answers whatever {@link #answer} says now and counts the calls that reached it. */
    private static final class Provider implements ProviderAdapter {
        final String name;
        final AtomicReference<Supplier<DeliveryResult>> answer;
        final List<Long> calls = Collections.synchronizedList(new ArrayList<>());

        Provider(String name, Supplier<DeliveryResult> answer) {
            this.name = name;
            this.answer = new AtomicReference<>(answer);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult send(OutboundMessage m) {
            calls.add(System.nanoTime());
            return answer.get().get();
        }
    }

    private static final ProviderLimits.Circuit SMALL_CIRCUIT =
            new ProviderLimits.Circuit(true, 50, 4, 4, Duration.ofSeconds(1), 1);

    private static OutboundMessage sms(int i) {
        return Messages.message("n" + i, "k" + i, "sms", "+8613800138000", null, "zh-CN", null, "text", null, null);
    }

    private static ProviderGuard guard(Provider p, ProviderLimits limits, Duration maxWait) {
        RateGate gate = limits.rate() == null ? RateGate.UNLIMITED
                : new RateGate(RateBuckets.local().bucket(p.name(), limits), limits);
        return new ProviderGuard(p, limits, gate, maxWait, Clock.systemUTC(), io.dunninghub.metrics.HubMetrics.NONE);
    }

    @Test
    void aFailingProviderIsTakenOutOfRotationThenProbedAndTakenBack() throws Exception {
        Provider p = new Provider("primary", () -> DeliveryResult.retry("primary", "HTTP_503", "down", null));
        ProviderGuard g = guard(p, new ProviderLimits(null, 1, SMALL_CIRCUIT), Duration.ZERO);
        for (int i = 0; i < 4; i++) {
            assertThat(g.send(sms(i)).reasonCode()).isEqualTo("HTTP_503");
        }
        assertThat(g.circuitState()).isEqualTo("OPEN");
        DeliveryResult held = g.send(sms(5));
        assertThat(held.isHeld()).isTrue();
        assertThat(held.reasonCode()).isEqualTo("CIRCUIT_OPEN");
        assertThat(held.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(p.calls).hasSize(4);

        p.answer.set(() -> DeliveryResult.sent("primary", "SM1"));
        Thread.sleep(1100);
        assertThat(g.send(sms(6)).outcome()).isEqualTo(DeliveryResult.Outcome.SENT); // the half-open probe
        assertThat(g.circuitState()).isEqualTo("CLOSED");
        assertThat(g.send(sms(7)).outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
        assertThat(p.calls).hasSize(6);
    }

    @Test
    void aProviderWithEveryCallSlotTakenHoldsTheNextNoticeAndTheRouterFailsItOver() throws Exception {
        java.util.concurrent.CountDownLatch inCall = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger reached = new java.util.concurrent.atomic.AtomicInteger();
        Provider slow = new Provider("slow", () -> {
            if (reached.incrementAndGet() > 2) {
                return DeliveryResult.sent("slow", "SM-quick"); // only the first two calls wait for their answer
            }
            inCall.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DeliveryResult.sent("slow", "SM-slow");
        });
        ProviderGuard g = new ProviderGuard(slow, new ProviderLimits(null, 1, ProviderLimits.Circuit.OFF),
                RateGate.UNLIMITED, Duration.ZERO, Clock.systemUTC(), io.dunninghub.metrics.HubMetrics.NONE, 2);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = callers.submit(() -> g.send(sms(1)));
            var second = callers.submit(() -> g.send(sms(2)));
            assertThat(inCall.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(g.callsInFlight()).isEqualTo(2);

            // both slots taken: nothing sent, handed back
            DeliveryResult third = g.send(sms(3));
            assertThat(third.isHeld()).isTrue();
            assertThat(third.reasonCode()).isEqualTo("PROVIDER_BUSY");
            assertThat(slow.calls).hasSize(2);
            // ... so the router tries the channel's next provider
            Provider other = new Provider("other", () -> DeliveryResult.sent("other", "SM-other"));
            ProviderRouter router = new ProviderRouter(List.of(
                    new ProviderSettings("slow", "sms", "slow", 1, true, Map.of(), ProviderLimits.DEFAULT),
                    new ProviderSettings("other", "sms", "other", 2, true, Map.of(), ProviderLimits.DEFAULT)),
                    s -> s.name().equals("slow") ? g : other);
            assertThat(router.deliver(sms(4)).provider()).isEqualTo("other");

            answer.countDown();
            assertThat(first.get().outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
            assertThat(second.get().outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
            assertThat(g.callsInFlight()).isZero();
            assertThat(g.send(sms(5)).outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
        } finally {
            answer.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void permanentFailuresAndRateLimitsDoNotOpenTheCircuit() {
        Provider p = new Provider("p", () -> DeliveryResult.failed("p", "TWILIO_21211", "bad number"));
        ProviderGuard g = guard(p, new ProviderLimits(null, 1, SMALL_CIRCUIT), Duration.ZERO);
        for (int i = 0; i < 8; i++) {
            g.send(sms(i));
        }
        assertThat(g.circuitState()).isEqualTo("CLOSED");
        p.answer.set(() -> DeliveryResult.retry("p", "RATE_LIMITED", "429", null));
        for (int i = 0; i < 8; i++) {
            g.send(sms(i));
        }
        assertThat(g.circuitState()).isEqualTo("CLOSED");
        assertThat(p.calls).hasSize(16);
    }

    @Test
    void retryAfterPausesTheProviderForEveryNotice() throws Exception {
        Provider p = new Provider("p", () -> DeliveryResult.retry("p", "RATE_LIMITED", "429", Duration.ofMillis(800)));
        ProviderGuard g = guard(p, ProviderLimits.DEFAULT, Duration.ZERO);
        assertThat(g.send(sms(1)).reasonCode()).isEqualTo("RATE_LIMITED");
        p.answer.set(() -> DeliveryResult.sent("p", "SM2"));
        DeliveryResult paused = g.send(sms(2));
        assertThat(paused.reasonCode()).isEqualTo("PROVIDER_PAUSED");
        assertThat(paused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(800));
        assertThat(p.calls).hasSize(1);
        Thread.sleep(850);
        assertThat(g.send(sms(3)).outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
        assertThat(p.calls).hasSize(2);
    }

    @Test
    void noTokenSoonEnoughMeansHeldWithTheWaitAndNothingSent() {
        Provider p = new Provider("p", () -> DeliveryResult.sent("p", "SM"));
        ProviderLimits onePerSecond = new ProviderLimits(ProviderLimits.Rate.parse("1/s"), 1, ProviderLimits.Circuit.OFF);
        ProviderGuard impatient = guard(p, onePerSecond, Duration.ZERO);
        long first = System.nanoTime();
        assertThat(impatient.send(sms(1)).outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
        DeliveryResult held = impatient.send(sms(2));
        Duration since = Duration.ofNanos(System.nanoTime() - first);
        assertThat(held.reasonCode()).isEqualTo("THROTTLED");
        // one token per 1 s + 100 ms, less what has passed since the first took its token (measured, however slow);
        // the limiter reports its wait in whole milliseconds, so it may be up to 1 ms below the exact figure
        assertThat(held.retryAfter()).isBetween(Duration.ofMillis(1099).minus(since), Duration.ofMillis(1100));
        assertThat(p.calls).hasSize(1);
    }

    @Test
    void aWorkerWaitsABoundedTimeForItsToken() {
        Provider p = new Provider("p", () -> DeliveryResult.sent("p", "SM"));
        ProviderLimits tenPerSecond = new ProviderLimits(ProviderLimits.Rate.parse("10/s"), 1, ProviderLimits.Circuit.OFF);
        ProviderGuard g = guard(p, tenPerSecond, Duration.ofMillis(500));
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            starts.add(System.nanoTime());
            assertThat(g.send(sms(i)).outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
        }
        // five waits of 1.1 s / 10 between six requests
        assertThat(Duration.ofNanos(System.nanoTime() - starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(550));
        // burst 1, paced: send j takes its token after it begins, and each later token comes 110 ms after the one
        // before, so request k reaches the provider at least (k - j) x 110 ms after send j began. Measured from
        // the start of a send, never from the request before it: a pause in this thread between taking a token and
        // calling the provider only adds to these gaps.
        assertThat(p.calls).hasSize(6);
        for (int k = 1; k < p.calls.size(); k++) {
            for (int j = 0; j < k; j++) {
                assertThat(p.calls.get(k) - starts.get(j)).as("request %d after send %d began", k, j)
                        .isGreaterThanOrEqualTo((k - j) * 109_000_000L);
            }
        }
    }

    @Test
    void theRouterFailsOverPastHeldProvidersAndCountsOnlyRealAttempts() {
        Provider primary = new Provider("primary", () -> DeliveryResult.retry("primary", "HTTP_503", "down", null));
        Provider backup = new Provider("backup", () -> DeliveryResult.sent("backup", "B1"));
        ProviderGuards guards = new ProviderGuards(RateBuckets.local(), Duration.ZERO, Clock.systemUTC(), io.dunninghub.metrics.HubMetrics.NONE);
        Map<String, Provider> byName = Map.of("primary", primary, "backup", backup);
        ProviderRouter router = new ProviderRouter(List.of(
                new ProviderSettings("primary", "sms", "file", 1, true, Map.of(), new ProviderLimits(null, 1, SMALL_CIRCUIT)),
                new ProviderSettings("backup", "sms", "file", 2, true, Map.of(),
                        new ProviderLimits(ProviderLimits.Rate.parse("1/h"), 1, ProviderLimits.Circuit.OFF))),
                guards.around(s -> byName.get(s.name())));
        // first notice: primary fails, backup takes it
        assertThat(router.deliver(sms(1)).provider()).isEqualTo("backup");
        // second: primary fails again, backup has no token for an hour: the real attempt is what counts
        DeliveryResult second = router.deliver(sms(2));
        assertThat(second.reasonCode()).isEqualTo("HTTP_503");
        assertThat(second.isHeld()).isFalse();
        for (int i = 3; i <= 4; i++) {
            router.deliver(sms(i));
        }
        assertThat(guards.get("primary").circuitState()).isEqualTo("OPEN");
        // now neither can take it: held, with the soonest wait (the circuit's), and nothing sent
        DeliveryResult held = router.deliver(sms(5));
        assertThat(held.isHeld()).isTrue();
        assertThat(held.reasonCode()).isEqualTo("CIRCUIT_OPEN");
        assertThat(primary.calls).hasSize(4);
        assertThat(backup.calls).hasSize(1);
    }
}
