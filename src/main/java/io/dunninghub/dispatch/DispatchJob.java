package io.dunninghub.dispatch;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch route's bean: claims and sends batches until nothing is due, the round's time budget is
 * used up, or the daemon is stopping. Database trouble is logged and retried on the next tick.
 */
public final class DispatchJob {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchJob.class);

    private final DispatchPass pass;
    private final Clock clock;
    private final Duration roundBudget;
    private final Lock batchGate;
    private final java.util.function.BooleanSupplier reloadWaiting;

    /** How far ahead {@link #drain()} waits for notices held back by their provider. */
    static final Duration DRAIN_HOLD_LIMIT = Duration.ofSeconds(60);

    /**
     * @param batchGate     held for each batch; a configuration reload waits for it, so a batch finishes with the
     *                      configuration it started with
     * @param reloadWaiting whether a configuration reload waits for the gate: dispatch then claims no further
     *                      batch and lets the gate go once the batch in flight is recorded
     */
    public DispatchJob(DispatchPass pass, Clock clock, Duration roundBudget, Lock batchGate,
                       java.util.function.BooleanSupplier reloadWaiting) {
        this.pass = pass;
        this.clock = clock;
        this.roundBudget = roundBudget;
        this.batchGate = batchGate;
        this.reloadWaiting = reloadWaiting;
    }

    /**
     * A reload is waiting for the gate: claim no further batch, so it gets the gate once the batch in flight is
     * recorded. Every batch of one {@link DispatchPass#dispatchBatches} call runs under one configuration.
     */
    private boolean reloadWaiting() {
        return reloadWaiting.getAsBoolean();
    }

    /** Returns how many notices were handled in this round. */
    public long run() {
        long handled = 0;
        long deadline = System.nanoTime() + roundBudget.toNanos();
        try {
            // A reload waiting for the gate goes first; this round ends and the next tick carries on.
            if (batchGate.tryLock(0, TimeUnit.MILLISECONDS)) {
                try {
                    handled = pass.dispatchBatches(clock::instant,
                            () -> System.nanoTime() < deadline && !reloadWaiting());
                } finally {
                    batchGate.unlock();
                }
            }
        } catch (SQLException e) {
            LOG.error("dispatch: ledger or core database unavailable, retrying next round: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (handled > 0) {
            LOG.info("dispatch: {} notices handled this round", handled);
        }
        return handled;
    }

    /**
     * Dispatches until nothing is due right now (run --once). Notices a provider could not take yet (rate
     * limit, Retry-After, open circuit) are waited for when they are due again within {@link #DRAIN_HOLD_LIMIT}.
     */
    public long drain() throws SQLException, InterruptedException {
        long handled = 0;
        long n;
        DispatchProgress progress = new DispatchProgress(pass.summary(), System::nanoTime, DispatchProgress.EVERY);
        java.util.function.BooleanSupplier more = () -> {
            String line = progress.due();
            if (line != null) {
                LOG.info(line);
            }
            return !reloadWaiting();
        };
        do {
            batchGate.lockInterruptibly();
            try {
                n = pass.dispatchBatches(clock::instant, more);
            } finally {
                batchGate.unlock();
            }
            handled += n;
            if (n == 0 && !pass.isStopping()) {
                java.time.Instant next = pass.earliestHeld();
                if (next != null) {
                    Duration wait = Duration.between(clock.instant(), next);
                    if (wait.compareTo(DRAIN_HOLD_LIMIT) <= 0) {
                        if (!wait.isNegative()) {
                            Thread.sleep(wait.toMillis() + 1);
                        }
                        pass.forgetHeld(next); // waited for once; a batch that claims them may hold them again
                        n = 1; // look again
                    }
                }
            }
        } while (n > 0 && !pass.isStopping());
        return handled;
    }

    public void stop() {
        pass.stop();
    }

    /** At exit, after the shutdown timeout: writes back what is still claimed ({@link DispatchPass#abandonInFlight}). */
    public int abandonInFlight() {
        try {
            return pass.abandonInFlight(clock.instant());
        } catch (SQLException e) {
            LOG.error("dispatch: could not write back the notices in flight at exit ({}); they are claimable again when "
                    + "their lease ends", e.getMessage());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public DispatchSummary summary() {
        return pass.summary();
    }
}
