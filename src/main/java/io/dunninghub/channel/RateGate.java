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
     * The bucket refills at 95% of the contract rate: requests leave the hub exactly paced, but reach the
     * provider with a few milliseconds of network jitter, and the provider must never count more than its
     * rate in a second.
     */
    static final double HEADROOM = 0.95;

    private static final long MAX_NAP_NANOS = 2_000_000;

    private final Bucket bucket;
    private final double tokensPerSecond;

    public RateGate(Bucket bucket, ProviderLimits limits) {
        this.bucket = bucket;
        this.tokensPerSecond = limits.rate().perSecond() * HEADROOM;
    }

    /** The bucket for a rate and burst: capacity {@code burst}, refilled evenly at the rate (less the headroom). */
    public static BucketConfiguration configuration(ProviderLimits limits) {
        ProviderLimits.Rate rate = limits.rate();
        Duration period = Duration.ofNanos(Math.round(rate.period().toNanos() / HEADROOM));
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
