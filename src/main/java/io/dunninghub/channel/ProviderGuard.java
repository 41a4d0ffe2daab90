package io.dunninghub.channel;

import io.dunninghub.metrics.HubMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of one provider adapter and keeps the hub inside the provider's contract:
 * <ol>
 *   <li>not before a Retry-After the provider gave (on this instance, and through the shared bucket on all);</li>
 *   <li>not while its circuit breaker is open (it kept failing); a few probes when the open time is over;</li>
 *   <li>not with more than {@code maxCalls} calls to it in flight (a bulkhead): a slow provider holds at most that
 *   many dispatch threads, the others keep sending through other providers;</li>
 *   <li>not faster than its rate: a token per request, waiting at most {@code maxWait} for one.</li>
 * </ol>
 * When any of these says no, nothing is sent and the answer is a held RETRY ({@link DeliveryResult#isHeld()})
 * naming how long to wait, so the router can try the next provider and the ledger does not count an attempt.
 */
public final class ProviderGuard implements ProviderAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderGuard.class);

    /** Transient answers that mean "alive but busy": handled by the pause, not held against the provider's health. */
    static final Set<String> BUSY = Set.of("RATE_LIMITED", "TWILIO_20429");

    private static final Duration LIMITER_DOWN_WAIT = Duration.ofSeconds(5);
    // a provider with every slot taken is asked again after this; its calls in flight end within its timeout
    static final Duration BUSY_WAIT = Duration.ofSeconds(1);
    // how long a worker waits for a slot: a provider answering quickly frees one within this, a slow one does not
    static final long SLOT_WAIT_MS = 50;

    private final ProviderAdapter delegate;
    private final RateGate gate;
    private final CircuitBreaker circuit;
    private final Duration openFor;
    private final Duration maxWait;
    private final Clock clock;
    private final HubMetrics metrics;
    private final int maxCalls;
    private final Semaphore calls;
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile Instant openedAt = Instant.MIN;
    private volatile boolean limiterDown;

    /**
     * @param gate    the provider's token bucket ({@link RateGate#UNLIMITED} when it has no rate)
     * @param maxWait longest a worker waits for a token before the notice is handed back
     * @param metrics where request latencies, held notices and rate-limit waits are counted
     */
    public ProviderGuard(ProviderAdapter delegate, ProviderLimits limits, RateGate gate, Duration maxWait, Clock clock,
                         HubMetrics metrics) {
        this(delegate, limits, gate, maxWait, clock, metrics, Integer.MAX_VALUE);
    }

    /** @param maxCalls most calls to this provider at once ({@code hub.dispatch.calls-per-provider}) */
    public ProviderGuard(ProviderAdapter delegate, ProviderLimits limits, RateGate gate, Duration maxWait, Clock clock,
                         HubMetrics metrics, int maxCalls) {
        this.maxCalls = Math.max(1, maxCalls);
        this.calls = new Semaphore(this.maxCalls);
        this.delegate = delegate;
        this.metrics = metrics;
        this.gate = gate;
        this.maxWait = maxWait;
        this.clock = clock;
        ProviderLimits.Circuit c = limits.circuit();
        this.openFor = c.openFor();
        this.circuit = c.enabled() ? CircuitBreaker.of(delegate.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(c.window())
                .minimumNumberOfCalls(Math.min(c.minimumCalls(), c.window()))
                .failureRateThreshold(c.failureRatePercent())
                .waitDurationInOpenState(c.openFor())
                .permittedNumberOfCallsInHalfOpenState(c.halfOpenCalls())
                .build()) : null;
        if (circuit != null) {
            circuit.getEventPublisher().onStateTransition(e -> {
                if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    openedAt = clock.instant();
                }
                LOG.warn("provider {}: circuit {} -> {}", delegate.name(), e.getStateTransition().getFromState(),
                        e.getStateTransition().getToState());
            });
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** CLOSED, OPEN, HALF_OPEN (or DISABLED when the provider has no circuit breaker). */
    public String circuitState() {
        return circuit == null ? "DISABLED" : circuit.getState().name();
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        DeliveryResult result = guarded(m);
        if (result.isHeld()) {
            metrics.providerHeld(name(), result.reasonCode());
        }
        return result;
    }

    private DeliveryResult guarded(OutboundMessage m) {
        DeliveryResult paused = pausedNow();
        if (paused != null) {
            return paused;
        }
        if (circuit != null && !circuit.tryAcquirePermission()) {
            Duration left = Duration.between(clock.instant(), openedAt.plus(openFor));
            return DeliveryResult.held(name(), "CIRCUIT_OPEN", "provider failing, circuit open",
                    left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
        }
        if (!slot()) {
            if (circuit != null) {
                circuit.releasePermission();
            }
            return DeliveryResult.held(name(), "PROVIDER_BUSY", "all " + maxCalls + " calls to this provider in flight",
                    BUSY_WAIT);
        }
        try {
            return called(m);
        } finally {
            calls.release();
        }
    }

    private boolean slot() {
        try {
            return calls.tryAcquire(SLOT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Calls in flight to this provider now. */
    public int callsInFlight() {
        return maxCalls - calls.availablePermits();
    }

    private DeliveryResult called(OutboundMessage m) {
        if (gate.limits()) {
            DeliveryResult noToken = takeToken();
            if (noToken == null) {
                // waited for the token: a Retry-After may have arrived meanwhile
                noToken = pausedNow();
            }
            if (noToken != null) {
                if (circuit != null) {
                    circuit.releasePermission();
                }
                return noToken;
            }
        }
        long start = System.nanoTime();
        DeliveryResult result;
        try {
            result = delegate.send(m);
            if (result == null) {
                result = DeliveryResult.retry(name(), "PROVIDER_EXCEPTION", "adapter returned no result", null);
            }
        } catch (RuntimeException e) {
            // an adapter bug: the exception message may quote personal data, so only its class is kept
            LOG.error("notice {}: provider {} threw {}", m.noticeId(), name(), e.getClass().getName());
            result = DeliveryResult.retry(name(), "PROVIDER_EXCEPTION", e.getClass().getName(), null);
        }
        long took = System.nanoTime() - start;
        metrics.providerCall(name(), result.outcome().name(), Duration.ofNanos(took));
        if (circuit != null) {
            if (result.outcome() == DeliveryResult.Outcome.RETRY && !BUSY.contains(result.reasonCode())) {
                circuit.onError(took, TimeUnit.NANOSECONDS, new ProviderTrouble(result.reasonCode()));
            } else {
                circuit.onSuccess(took, TimeUnit.NANOSECONDS);
            }
        }
        if (result.outcome() == DeliveryResult.Outcome.RETRY && result.retryAfter() != null
                && !result.retryAfter().isZero() && !result.retryAfter().isNegative()) {
            pause(result.retryAfter());
        }
        return result;
    }

    private DeliveryResult pausedNow() {
        Instant now = clock.instant();
        Instant until = pausedUntil;
        if (now.isBefore(until)) {
            return DeliveryResult.held(name(), "PROVIDER_PAUSED", "provider asked to wait until " + until,
                    Duration.between(now, until));
        }
        return null;
    }

    private DeliveryResult takeToken() {
        Duration wait;
        long start = System.nanoTime();
        try {
            wait = gate.acquire(maxWait);
            metrics.rateLimitWait(name(), Duration.ofNanos(System.nanoTime() - start));
            if (limiterDown) {
                limiterDown = false;
                LOG.info("provider {}: rate limiter reachable again", name());
            }
        } catch (RuntimeException e) {
            if (!limiterDown) {
                limiterDown = true;
                LOG.warn("provider {}: rate limiter unavailable ({}), holding its notices", name(), e.getClass().getSimpleName());
            }
            return DeliveryResult.held(name(), "RATE_LIMIT_UNAVAILABLE", "rate limiter unavailable", LIMITER_DOWN_WAIT);
        }
        if (wait == null) {
            return null;
        }
        return DeliveryResult.held(name(), "THROTTLED", "at its rate limit", wait.compareTo(Duration.ofMillis(50)) < 0
                ? Duration.ofMillis(50) : wait);
    }

    /** No request to this provider before {@code wait} has passed, from any instance sharing its bucket. */
    void pause(Duration wait) {
        Instant until = clock.instant().plus(wait);
        synchronized (this) {
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }
        LOG.info("provider {}: paused for {} ms (Retry-After)", name(), wait.toMillis());
        if (gate.limits()) {
            try {
                gate.pause(wait);
            } catch (RuntimeException e) {
                LOG.warn("provider {}: could not share the pause with other instances ({})", name(), e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** What the circuit breaker counts as a failed call; never thrown. */
    static final class ProviderTrouble extends RuntimeException {
        ProviderTrouble(String reason) {
            super(reason, null, false, false);
        }
    }
}
