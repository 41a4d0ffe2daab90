package io.dunninghub.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a transiently failed notice again: exponential backoff with jitter, never sooner than the
 * provider's Retry-After, and DEAD once {@code maxAttempts} provider calls have failed. The wait is a
 * {@code next_attempt_at} in the ledger, never a sleeping thread.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** {@code attemptsSoFar} includes the attempt that just failed. */
    public boolean exhausted(int attemptsSoFar) {
        return attemptsSoFar >= maxAttempts;
    }

    public Instant nextAttempt(Instant now, int attemptsSoFar, Duration retryAfter) {
        long base = initialBackoff.toMillis() << Math.min(attemptsSoFar - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        // Equal jitter: half fixed, half random, so retries of a burst spread out but never collapse to zero.
        long delay = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        if (retryAfter != null && retryAfter.toMillis() > delay) {
            delay = retryAfter.toMillis();
        }
        return now.plusMillis(delay);
    }
}
