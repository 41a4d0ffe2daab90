package io.dunninghub.web;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A readiness condition: the scan in progress has run longer than {@code hub.health.scan-stuck-seconds}. Only
 * one scan runs at a time, so a stuck one (a core query that never returns) silently stops all planning;
 * readiness says so until it ends.
 */
public final class StuckScan implements Supplier<String> {

    private static final Logger LOG = LoggerFactory.getLogger(StuckScan.class);

    private final Supplier<Duration> runningFor;
    private final Duration limit;
    private volatile boolean reported;

    /**
     * @param runningFor how long the scan in progress has run, null when none runs
     * @param limit      zero: never reported
     */
    public StuckScan(Supplier<Duration> runningFor, Duration limit) {
        this.runningFor = runningFor;
        this.limit = limit;
    }

    @Override
    public String get() {
        Duration running = limit.isZero() ? null : runningFor.get();
        if (running == null || running.compareTo(limit) <= 0) {
            reported = false;
            return null;
        }
        String problem = "scan running for " + running.toSeconds() + " s, longer than hub.health.scan-stuck-seconds ("
                + limit.toSeconds() + " s); no other scan starts until it ends";
        if (!reported) {
            reported = true;
            LOG.warn("readiness: {}", problem);
        }
        return problem;
    }
}
