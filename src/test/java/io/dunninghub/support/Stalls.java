package io.dunninghub.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How long this JVM's threads stall on a busy machine: a thread that asks to wake every 5 ms notes how much later
 * than that it did. A test that observes timing from outside the hub (arrivals at a stub) can then tell the hub's
 * pacing apart from the machine's pauses.
 */
public final class Stalls implements AutoCloseable {

    private static final long NAP = TimeUnit.MILLISECONDS.toNanos(5);

    private final AtomicLong worst = new AtomicLong();
    private final Thread meter;
    private volatile boolean stopped;

    private Stalls() {
        meter = new Thread(() -> {
            while (!stopped) {
                long before = System.nanoTime();
                LockSupport.parkNanos(NAP);
                long late = System.nanoTime() - before - NAP;
                worst.accumulateAndGet(late, Math::max);
            }
        }, "stall-meter");
        meter.setDaemon(true);
    }

    /** Starts measuring. */
    public static Stalls measure() {
        Stalls s = new Stalls();
        s.meter.start();
        return s;
    }

    /** The longest stall seen so far. */
    public Duration worst() {
        return Duration.ofNanos(worst.get());
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        meter.join();
    }
}
