package io.dunninghub.dispatch;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The progress line of a long {@code run --once} dispatch: a morning's backlog of a million notices takes
 * minutes, and an operator watching the console should see it move (and how fast) rather than silence.
 * Counts are the job's summary so far (run --once has one job, so: this run's).
 */
final class DispatchProgress {

    static final Duration EVERY = Duration.ofSeconds(30);

    private final DispatchSummary summary;
    private final LongSupplier nanos;
    private final long every;
    private final long startNanos;
    private long lastNanos;

    DispatchProgress(DispatchSummary summary, LongSupplier nanos, Duration every) {
        this.summary = summary;
        this.nanos = nanos;
        this.every = every.toNanos();
        this.startNanos = nanos.getAsLong();
        this.lastNanos = startNanos;
    }

    /** The line to log when {@code every} has passed since the last one, else null. */
    String due() {
        long now = nanos.getAsLong();
        if (now - lastNanos < every) {
            return null;
        }
        lastNanos = now;
        long handled = summary.total();
        double seconds = (now - startNanos) / 1e9;
        return String.format(java.util.Locale.ROOT, "dispatch: %,d notices handled in %.0f s (%,.0f/s): %,d sent, %,d retry, %,d failed, %,d dead, %,d suppressed, %,d deferred",
                handled, seconds, handled / seconds, summary.count("SENT"), summary.count("RETRY"), summary.count("FAILED"),
                summary.count("DEAD"), summary.count("SUPPRESSED"), summary.count("DEFERRED"));
    }
}
