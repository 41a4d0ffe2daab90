package io.dunninghub.channel;

import io.dunninghub.metrics.HubMetrics;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Wraps every provider adapter in its {@link ProviderGuard}: use {@code guards.around(factory::create)} as the
 * adapter builder of the {@link ProviderRouter}.
 */
public final class ProviderGuards {

    private final RateBuckets buckets;
    private final Duration maxWait;
    private final Clock clock;
    private final HubMetrics metrics;
    private final int callsPerProvider;
    private final Map<String, ProviderGuard> built = new ConcurrentHashMap<>();
    // A provider rebuilt by a reload with the same rate keeps its bucket, so a reload never grants a fresh burst.
    private final Map<String, KeptBucket> kept = new ConcurrentHashMap<>();

    private record KeptBucket(ProviderLimits limits, Bucket bucket) {
    }

    /**
     * @param buckets where rate buckets live ({@link RateBuckets#postgres} to share them between instances)
     * @param maxWait longest a worker waits for a token before handing the notice back to the ledger
     * @param metrics where the guards count provider latencies, held notices and rate-limit waits
     */
    public ProviderGuards(RateBuckets buckets, Duration maxWait, Clock clock, HubMetrics metrics) {
        this(buckets, maxWait, clock, metrics, Integer.MAX_VALUE);
    }

    /** @param callsPerProvider most calls to any one provider at once (the bulkhead of each guard) */
    public ProviderGuards(RateBuckets buckets, Duration maxWait, Clock clock, HubMetrics metrics, int callsPerProvider) {
        this.callsPerProvider = callsPerProvider;
        this.buckets = buckets;
        this.maxWait = maxWait;
        this.clock = clock;
        this.metrics = metrics;
    }

    public ProviderGuard guard(ProviderSettings s, ProviderAdapter adapter) {
        ProviderLimits limits = s.limits();
        RateGate gate = RateGate.UNLIMITED;
        if (limits.rate() != null) {
            KeptBucket b = kept.compute(s.name(), (name, old) -> old != null && old.limits().equals(limits) ? old
                    : new KeptBucket(limits, buckets.bucket(name, limits)));
            gate = new RateGate(b.bucket(), limits);
        }
        ProviderGuard g = new ProviderGuard(adapter, limits, gate, maxWait, clock, metrics, callsPerProvider);
        built.put(s.name(), g);
        return g;
    }

    /** An adapter builder that guards what {@code adapters} builds. */
    public Function<ProviderSettings, ProviderAdapter> around(Function<ProviderSettings, ProviderAdapter> adapters) {
        return s -> guard(s, adapters.apply(s));
    }

    /** Circuit state (CLOSED, OPEN, HALF_OPEN, …) of every guarded provider, by provider name. */
    public Map<String, String> circuits() {
        Map<String, String> states = new java.util.TreeMap<>();
        built.forEach((name, guard) -> states.put(name, guard.circuitState()));
        return states;
    }

    /** Forgets the guards of providers no longer configured (a reload removed or disabled them). */
    public void retain(java.util.Collection<String> providers) {
        built.keySet().retainAll(providers);
        kept.keySet().retainAll(providers);
    }

    /** The guard of a provider, for tests and health reports; null when none was built. */
    public ProviderGuard get(String provider) {
        return built.get(provider);
    }
}
