package io.dunninghub.web.console;

import io.dunninghub.channel.ProviderSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What this instance knows that the ledger does not: each provider's circuit state, configured rate and measured
 * latency (from the metrics registry, when metrics are on), and the last scan. Suppliers, read on each page.
 */
public final class Operations {

    /** A provider as the Today page shows it; latency null when metrics are off or it has not been called. */
    public record Provider(String name, String channel, String circuit, String rateLimit, int sentLastHour,
                           Long calls, Double meanLatencyMs, Double maxLatencyMs) {
    }

    /**
     * The scan as this instance saw it: when the last one finished well (null: none since start-up, or metrics
     * off), how long the running one has run (null: none runs), and the last one's numbers (null: none yet).
     */
    public record Scan(Instant lastSuccess, Duration running, Long rows, Long newNotices, Long millis) {
    }

    /** Nothing known: no providers, no scan. */
    public static final Operations NONE = new Operations(Map::of, List::of, null, () -> new Scan(null, null, null, null, null));

    private final Supplier<Map<String, String>> circuits;
    private final Supplier<List<ProviderSettings>> providers;
    private final MeterRegistry registry;
    private final Supplier<Scan> scan;

    /** @param registry the metrics registry, or null when metrics are off (no latency then) */
    public Operations(Supplier<Map<String, String>> circuits, Supplier<List<ProviderSettings>> providers,
                      MeterRegistry registry, Supplier<Scan> scan) {
        this.circuits = circuits;
        this.providers = providers;
        this.registry = registry;
        this.scan = scan;
    }

    public List<Provider> providers(Map<String, Integer> sentLastHour) {
        Map<String, String> states = circuits.get();
        List<Provider> out = new ArrayList<>();
        for (ProviderSettings p : providers.get()) {
            Long calls = null;
            Double mean = null;
            Double max = null;
            if (registry != null) {
                long n = 0;
                double total = 0;
                double top = 0;
                for (Timer t : registry.find("dunninghub.provider.latency").tag("provider", p.name()).timers()) {
                    n += t.count();
                    total += t.totalTime(TimeUnit.MILLISECONDS);
                    top = Math.max(top, t.max(TimeUnit.MILLISECONDS));
                }
                if (n > 0) {
                    calls = n;
                    mean = total / n;
                    max = top;
                }
            }
            out.add(new Provider(p.name(), p.channel(), states.getOrDefault(p.name(), "-"),
                    p.limits().rate() == null ? null : p.limits().rate().toString(),
                    sentLastHour.getOrDefault(p.name(), 0), calls, mean, max));
        }
        return out;
    }

    public Scan scan() {
        return scan.get();
    }

    /** When the last scan finished well, from the {@code dunninghub_scan_last_success_timestamp} gauge. */
    public static Instant lastScanSuccess(MeterRegistry registry) {
        if (registry == null) {
            return null;
        }
        var gauge = registry.find("dunninghub.scan.last.success.timestamp").gauge();
        if (gauge == null || Double.isNaN(gauge.value())) {
            return null;
        }
        return Instant.ofEpochMilli((long) (gauge.value() * 1000));
    }
}
