package io.dunninghub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(60), Duration.ofSeconds(600));

    @RepeatedTest(20)
    void backoffDoublesWithJitterAndIsCapped() {
        for (int attempt = 1; attempt <= 6; attempt++) {
            long full = Math.min(60L << (attempt - 1), 600) * 1000;
            long delay = Duration.between(NOW, policy.nextAttempt(NOW, attempt, null)).toMillis();
            assertThat(delay).as("attempt %d", attempt).isBetween(full / 2, full);
        }
    }

    @Test
    void retryAfterIsNeverUndercut() {
        Instant next = policy.nextAttempt(NOW, 1, Duration.ofSeconds(3600));
        assertThat(next).isEqualTo(NOW.plusSeconds(3600));
        assertThat(policy.nextAttempt(NOW, 1, Duration.ofSeconds(2))).isAfterOrEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void exhaustedAfterMaxAttempts() {
        assertThat(policy.exhausted(3)).isFalse();
        assertThat(policy.exhausted(4)).isTrue();
    }
}
