package io.dunninghub.plan;

import io.dunninghub.scan.FedRows;
import io.dunninghub.scan.InstallmentRows;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
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
    /** null: the SQL scan plans (hub.scan.source = sql); else how the rows a route hands in are read. */
    private final Function<Object, FedRows> fed;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile PlanSummary last;
    private volatile boolean lastFailed;
    private volatile long startedNanos;

    /**
     * @param pass the pass of the configuration in force, taken at the start of each scan
     * @param lock held for the whole scan, so one instance at a time plans against a shared ledger
     */
    public PlanningJob(Supplier<PlanningPass> pass, Clock clock, ScanLock lock) {
        this(pass, clock, lock, null);
    }

    /**
     * @param fed how the rows handed to {@code direct:installments} are read (hub.scan.source = route), or null when
     *            the SQL scan plans (hub.scan.source = sql): then the route is refused and the cron scans
     */
    public PlanningJob(Supplier<PlanningPass> pass, Clock clock, ScanLock lock, Function<Object, FedRows> fed) {
        this.pass = pass;
        this.clock = clock;
        this.lock = lock;
        this.fed = fed;
    }

    /** Whether routes feed the installments (hub.scan.source = route) instead of the SQL scan. */
    public boolean routeFed() {
        return fed != null;
    }

    /** The cron's, the start-up timer's and the retry timer's call: the SQL scan (nothing when routes feed it). */
    public PlanSummary run() {
        if (fed != null) {
            LOG.debug("scan: hub.scan.source = route, the routes feeding direct:installments plan; trigger ignored");
            return null;
        }
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

    /**
     * The {@code direct:installments} route's call: one planning pass over the rows of one exchange's body (a list,
     * an iterable or an iterator of maps), at this instance's clock, as the SQL scan's pass would be. A pass that
     * cannot run (another one is running, a database is down) throws, so the feeding route's error handling sees it
     * (a file consumer keeps the file, a redelivery policy tries again); nothing is planned twice when it does.
     */
    public FedPass feed(Object body) throws SQLException {
        if (fed == null) {
            throw new IllegalStateException("direct:installments is for a route-fed source: hub.scan.source is sql, "
                    + "so the SQL scan plans; set hub.scan.source = route to plan from a route");
        }
        if (!running.compareAndSet(false, true)) {
            throw new PlanningBusy("a planning pass is running in this instance; try again when it has ended");
        }
        try (ScanLock.Held held = lock.tryAcquire()) {
            if (held == null) {
                throw new PlanningBusy("another instance is planning on this ledger; try again when it has ended");
            }
            startedNanos = System.nanoTime();
            FedRows rows = fed.apply(body);
            PlanSummary summary = pass.get().run(clock.instant(), rows);
            last = summary;
            return new FedPass(summary.rows(), summary.badRows(), rows.refused(), summary.newNotices(),
                    summary.alreadyPlanned());
        } finally {
            startedNanos = 0;
            running.set(false);
        }
    }

    /**
     * What one route-fed pass did, the body {@code direct:installments} answers with.
     *
     * @param refused the bad rows by reason code (MISSING_VALUE, BAD_DATE …)
     */
    public record FedPass(long rows, long badRows, java.util.Map<InstallmentRows.Problem, Long> refused,
                          long newNotices, long alreadyPlanned) {
    }

    /** A route-fed pass that could not start because another pass is running. */
    public static final class PlanningBusy extends IllegalStateException {
        PlanningBusy(String message) {
            super(message);
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
