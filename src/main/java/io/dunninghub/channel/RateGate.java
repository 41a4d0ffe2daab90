package io.dunninghub.channel;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One provider's token bucket (Bucket4j): a token per request. The bucket is either in this JVM or a row of
 * the ledger database shared by every instance; this class does not care which.
 *
 * <p>A token is taken right before the request goes out, never reserved ahead, so a pause imposed by a
 * provider's Retry-After (a debt of tokens, see {@link #pause}) stops every instance at once.
 */
public final class RateGate {

    /**
     * The bucket refills {@code permits} per {@code period} + 100 ms: requests leave the hub exactly paced but
     * reach the provider with network jitter, and even when one is delayed by up to this much and the next is
     * not, the provider must never count more than {@code permits} in a {@code period}. For 10/s this paces
     * at 9.1/s; for 3000/min at 2999.5/min.
     */
    static final Duration JITTER_ALLOWANCE = Duration.ofMillis(100);

    private static final long MAX_NAP_NANOS = 2_000_000;

    /** A provider without a contract rate: every request may go at once, and a pause is kept locally only. */
    public static final RateGate UNLIMITED = new RateGate(null, 0);

    private final Bucket bucket;
    private final double tokensPerSecond;

    public RateGate(Bucket bucket, ProviderLimits limits) {
        this(java.util.Objects.requireNonNull(bucket, "bucket"),
                limits.rate().permits() * 1e9 / refillPeriod(limits).toNanos());
    }

    private RateGate(Bucket bucket, double tokensPerSecond) {
        this.bucket = bucket;
        this.tokensPerSecond = tokensPerSecond;
    }

    /** Whether requests wait for tokens at all. */
    public boolean limits() {
        return bucket != null;
    }

    private static Duration refillPeriod(ProviderLimits limits) {
        return limits.rate().period().plus(JITTER_ALLOWANCE);
    }

    /** The bucket for a rate and burst: capacity {@code burst}, refilled evenly at the rate (less the jitter allowance). */
    public static BucketConfiguration configuration(ProviderLimits limits) {
        ProviderLimits.Rate rate = limits.rate();
        Duration period = refillPeriod(limits);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limits.burst()).refillGreedy(rate.permits(), period).build())
                .build();
    }

    /** A version number for the configuration, so a changed rate replaces the stored bucket's. */
    public static long version(ProviderLimits limits) {
        return Math.abs((long) (limits.rate().permits() + "/" + limits.rate().period().toNanos() + "/" + limits.burst()).hashCode());
    }

    /**
     * Takes a token, waiting at most {@code maxWait} for one.
     *
     * @return null when a token was taken; otherwise how long until one is expected (nothing was taken)
     */
    public Duration acquire(Duration maxWait) {
        if (bucket == null) {
            return null;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return null;
            }
            long wait = probe.getNanosToWaitForRefill();
            long now = System.nanoTime();
            if (now + wait > deadline || Thread.currentThread().isInterrupted()) {
                return Duration.ofNanos(wait);
            }
            // several workers wake for the same token: a small random offset spreads them out
            LockSupport.parkNanos(wait + ThreadLocalRandom.current().nextLong(MAX_NAP_NANOS));
        }
    }

    /**
     * No token for anyone before {@code duration} has passed (a provider's Retry-After): the bucket goes into
     * debt by the tokens that would refill meanwhile.
     */
    public void pause(Duration duration) {
        if (bucket == null) {
            return;
        }
        long wanted = duration.toNanos();
        EstimationProbe now = bucket.estimateAbilityToConsume(1);
        long debt;
        if (now.canBeConsumed()) {
            debt = tokens(wanted) + Math.max(0, now.getRemainingTokens());
        } else if (now.getNanosToWaitForRefill() < wanted) {
            // already waiting (an earlier pause): extend it, do not stack a second full pause on top
            debt = tokens(wanted - now.getNanosToWaitForRefill());
        } else {
            return;
        }
        bucket.consumeIgnoringRateLimits(debt);
    }

    private long tokens(long nanos) {
        return Math.max(1, (long) Math.ceil(tokensPerSecond * nanos / 1_000_000_000.0));
    }
}
