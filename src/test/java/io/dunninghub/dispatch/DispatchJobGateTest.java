package io.dunninghub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

/** A configuration reload waiting for the batch gate goes first: the dispatch round ends without claiming. */
class DispatchJobGateTest {

    // No ledger: a batch that starts fails at once, which tells whether one started.
    private final DispatchPass pass = new DispatchPass(null, null, (SendTimeRules) null, null, null, null, null, null, null,
            java.time.ZoneOffset.UTC, "en", 10, Duration.ofSeconds(30), io.dunninghub.metrics.HubMetrics.NONE);

    @Test
    void noBatchStartsWhileAReloadHoldsOrAwaitsTheGate() throws Exception {
        ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
        DispatchJob job = new DispatchJob(pass, Clock.systemUTC(), Duration.ofSeconds(1), gate.readLock(),
                gate::hasQueuedThreads);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread reload = new Thread(() -> {
            gate.writeLock().lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                gate.writeLock().unlock();
            }
        });
        reload.start();
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(job.run()).isZero(); // returned without starting a batch

        release.countDown();
        reload.join(5000);
        // the gate is free again: a batch starts (and here fails for want of a ledger)
        assertThatThrownBy(job::run).isInstanceOf(NullPointerException.class);
        assertThat(gate.getReadLockCount()).as("the batch gave the gate back").isZero();
    }
}
