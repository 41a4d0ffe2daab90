package io.dunninghub.config;

import java.time.Duration;

/** Where a reloaded configuration goes: the daemon's runtime, which swaps it in between dispatch batches. */
public interface LiveTarget {

    /** The configuration in force. */
    LiveConfig liveConfig();

    /**
     * Puts {@code next} in force as soon as no dispatch batch runs; {@code alsoSwap} runs in the same moment
     * (providers, routes); if it throws, nothing changes.
     *
     * @return false when running batches did not finish within {@code wait}: nothing changed
     */
    boolean apply(LiveConfig next, Duration wait, Runnable alsoSwap) throws InterruptedException;
}
