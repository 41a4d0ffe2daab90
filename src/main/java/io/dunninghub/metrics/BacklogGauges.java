package io.dunninghub.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backlog gauges' values, read from the ledger by a timer route every {@code hub.metrics.backlog-refresh-seconds}
 * rather than per scrape: scrapes cost the ledger nothing, and while the ledger is unreachable they still answer,
 * with the last values read (NaN before the first) and the time of that reading.
 */
public final class BacklogGauges {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogGauges.class);

    /** The notices due now and not yet claimed, and how long the oldest of them has waited. */
    public record Reading(long dueNow, Duration oldestDueAge) {
    }

    /** Reads the backlog as of an instant (the ledger's due notices). */
    @FunctionalInterface
    public interface Source {
        Reading read(Instant now) throws Exception;
    }

    private final Source source;
    private final Clock clock;
    private volatile double due = Double.NaN;
    private volatile double oldestAgeSeconds = Double.NaN;
    private volatile double readAt = Double.NaN;
    private volatile boolean failing;

    public BacklogGauges(Source source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** Reads the ledger once; returns whether it answered. */
    public boolean refresh() {
        try {
            Reading b = source.read(clock.instant());
            due = b.dueNow();
            oldestAgeSeconds = Math.max(0, b.oldestDueAge().toMillis() / 1000.0);
            readAt = System.currentTimeMillis() / 1000.0;
            if (failing) {
                failing = false;
                LOG.info("metrics: backlog readable again");
            }
            return true;
        } catch (Exception e) {
            if (!failing) {
                failing = true;
                LOG.warn("metrics: cannot read the backlog from the ledger, its gauges keep the last values: {}: {}",
                        e.getClass().getSimpleName(), e.getMessage());
            }
            return false;
        }
    }

    public double due() {
        return due;
    }

    public double oldestAgeSeconds() {
        return oldestAgeSeconds;
    }

    public double readAt() {
        return readAt;
    }
}
