package io.dunninghub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** When readiness calls a running scan stuck, and that readiness recovers when it ends. */
class StuckScanTest {

    @Test
    void aScanIsStuckOnlyPastTheLimitAndOnlyWhileItRuns() {
        AtomicReference<Duration> running = new AtomicReference<>();
        Readiness readiness = new Readiness();
        readiness.watch("scan", new StuckScan(running::get, Duration.ofHours(2)));
        assertThat(readiness.isReady()).as("no scan").isTrue();
        running.set(Duration.ofMinutes(119));
        assertThat(readiness.isReady()).isTrue();
        running.set(Duration.ofMinutes(121));
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.problems().get("scan")).isEqualTo("scan running for 7260 s, longer than "
                + "hub.health.scan-stuck-seconds (7200 s); no other scan starts until it ends");
        running.set(null);
        assertThat(readiness.problems()).isEmpty();
    }

    @Test
    void aZeroLimitNeverReportsAndDatabasesStillDo() {
        Readiness readiness = new Readiness();
        readiness.watch("scan", new StuckScan(() -> Duration.ofDays(3), Duration.ZERO));
        assertThat(readiness.isReady()).isTrue();
        readiness.down("core", "Connection refused");
        assertThat(readiness.problems()).containsOnlyKeys("core");
        assertThat(readiness.isUp("scan")).isTrue();
    }
}
