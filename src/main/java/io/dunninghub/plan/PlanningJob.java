package io.dunninghub.plan;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan route's bean: one planning pass at a time, in this instance and (through the {@link ScanLock}) among
 * every instance on the ledger; a failed scan is logged and the next one tries again.
 */
public final class PlanningJob {

    private static final Logger LOG = LoggerFactory.getLogger(PlanningJob.class);

    private final Supplier<PlanningPass> pass;
    private final Clock clock;
    private final ScanLock lock;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile PlanSummary last;
    private volatile boolean lastFailed;
    private volatile long startedNanos;

    /**
     * @param pass the pass of the configuration in force, taken at the start of each scan
     * @param lock held for the whole scan, so one instance at a time plans against a shared ledger
     */
    public PlanningJob(Supplier<PlanningPass> pass, Clock clock, ScanLock lock) {
        this.pass = pass;
        this.clock = clock;
        this.lock = lock;
    }

    public PlanSummary run() {
        if (!running.compareAndSet(false, true)) {
            LOG.info("scan: previous scan still running, skipping this trigger");
            return null;
        }
        try (ScanLock.Held held = lock.tryAcquire()) {
            if (held == null) {
                // the other instance's scan covers this one, and a failed scan here is retried by it too
                LOG.info("scan: another instance is scanning this ledger, skipping this trigger");
                lastFailed = false;
                return null;
            }
            startedNanos = System.nanoTime();
            last = pass.get().run(clock.instant());
            lastFailed = false;
            return last;
        } catch (SQLException | PlanningPass.PlanningFailed e) {
            lastFailed = true;
            LOG.error("scan: failed, will run again on the next trigger: {}", e.getMessage());
            return null;
        } finally {
            startedNanos = 0;
            running.set(false);
        }
    }

    /** The scan-retry route's call: runs the scan again if the last one failed (a database was down). */
    public PlanSummary retryIfFailed() {
        return lastFailed ? run() : null;
    }

    /** How long the scan in progress has been running, or null when none runs (readiness reports a stuck one). */
    public Duration runningFor() {
        long started = startedNanos;
        if (!running.get()) {
            return null;
        }
        return started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
    }

    public PlanSummary lastSummary() {
        return last;
    }
}
