package io.dunninghub.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What one benchmark side costs its own JVM: wall time and process CPU per phase, peak heap used (the
 * heap just before each collection, plus a 20 ms sampler in between), the heap retained at the end of planning
 * and of dispatch (after a full collection), and the process's peak resident set (VmHWM).
 */
final class BenchMetrics {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peakUsed = new AtomicLong();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private final long startCpu = os.getProcessCpuTime();
    private long phaseNanos = startNanos;
    private long phaseCpu = startCpu;
    private volatile boolean running = true;

    BenchMetrics() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
                peakUsed.accumulateAndGet(heap(info.getMemoryUsageBeforeGc()), Math::max);
            }, null, null);
        }
        Thread sampler = new Thread(() -> {
            while (running) {
                peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private long heap(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    /** Ends a phase: records its wall and CPU milliseconds under {@code name}. */
    void phase(String name) {
        long nanos = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        results.put(name + ".ms", (nanos - phaseNanos) / 1_000_000);
        results.put(name + ".cpu-ms", (cpu - phaseCpu) / 1_000_000);
        phaseNanos = nanos;
        phaseCpu = cpu;
    }

    /**
     * Ends a phase and records the heap still reachable at its end: a full collection first, because G1 leaves
     * dead objects in the old generation until the heap fills to its marking threshold, so the heap after a
     * young collection grows with the length of a run whether or not anything is kept. The collection's time is
     * counted in neither phase.
     */
    void phaseAndRetained(String name) {
        phase(name);
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        results.put("heap.retained." + name, retained);
        results.merge("heap.retained", retained, (a, b) -> Math.max((Long) a, (Long) b));
        phaseNanos = System.nanoTime();
        phaseCpu = os.getProcessCpuTime();
    }

    void put(String key, Object value) {
        results.put(key, value);
    }

    /** Writes every figure as key=value lines to {@code out} (read back by {@link BenchMain}). */
    void finish(Path out) throws IOException {
        running = false;
        results.put("total.ms", (System.nanoTime() - startNanos) / 1_000_000);
        results.put("total.cpu-ms", (os.getProcessCpuTime() - startCpu) / 1_000_000);
        results.put("heap.peak-used", peakUsed.get());
        results.put("heap.max", Runtime.getRuntime().maxMemory());
        results.put("rss.peak", vmHwm());
        StringBuilder text = new StringBuilder();
        results.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(out, text.toString());
    }

    /** Peak resident set size in bytes, from /proc/self/status (Linux); -1 elsewhere. */
    static long vmHwm() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
