package io.dunninghub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's metrics in a Micrometer {@link PrometheusMeterRegistry}, with the JVM and process binders, served
 * as Prometheus text by {@link MetricsEndpoint}. Names are Micrometer's dotted form of the Prometheus names the
 * reference lists (docs/reference/metrics.md; {@code dunninghub.notices.sent} is {@code dunninghub_notices_sent_total}).
 */
public final class PrometheusHubMetrics implements HubMetrics, AutoCloseable {

    /** Circuit breaker states a provider's gauge reports, in the reference's order. */
    static final List<String> CIRCUIT_STATES = List.of("closed", "open", "half_open");

    /**
     * The latency histogram's buckets: fixed, so every provider has the same few series for histogram_quantile
     * (Micrometer's own percentile histogram would publish some 70 per provider and outcome).
     */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private static final int MAX_LABEL = 64;
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusHubMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Set<String> circuitGauges = ConcurrentHashMap.newKeySet();
    private volatile Supplier<Map<String, String>> circuits = Map::of;
    private volatile long scanStartedNanos;
    private volatile double lastScanSuccess = Double.NaN;
    private volatile boolean recordingFailed;

    public PrometheusHubMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("dunninghub.scan.last.success.timestamp", () -> lastScanSuccess).baseUnit("seconds")
                .description("When the last scan finished successfully (Unix time)").register(registry);
        Gauge.builder("dunninghub.scan.running", this::scanRunningSeconds).baseUnit("seconds")
                .description("How long the scan in progress has been running; 0 when none runs").register(registry);
    }

    /** The registry, for binders of other libraries (connection pools) and tests. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition format 0.0.4. */
    public String scrape() {
        registerCircuits();
        return registry.scrape();
    }

    /** Where circuit states come from: provider name → CLOSED, OPEN, HALF_OPEN (or DISABLED). */
    public void circuits(Supplier<Map<String, String>> states) {
        this.circuits = states;
        registerCircuits();
    }

    /** The due backlog and the age of the oldest due notice, read by {@code backlog} from the ledger. */
    public void backlog(BacklogGauges backlog) {
        Gauge.builder("dunninghub.backlog.due", backlog::due)
                .description("Notices due now and not yet claimed (the ledger's claim backlog)").register(registry);
        Gauge.builder("dunninghub.backlog.oldest.age", backlog::oldestAgeSeconds).baseUnit("seconds")
                .description("How long the oldest due notice has been waiting").register(registry);
        Gauge.builder("dunninghub.backlog.read.timestamp", backlog::readAt).baseUnit("seconds")
                .description("When the backlog gauges last read the ledger (Unix time)").register(registry);
    }

    /**
     * Whether the daemon is ready (what {@code /health/ready} answers), as {@code dunninghub_ready} 1 or 0, so an
     * alert can fire on an instance that is up but cannot reach its databases or has a scan stuck.
     */
    public void readiness(BooleanSupplier ready) {
        Gauge.builder("dunninghub.ready", () -> ready.getAsBoolean() ? 1 : 0)
                .description("1 while the daemon is ready (ledger and core database reachable, no scan stuck), else 0")
                .register(registry);
    }

    private void registerCircuits() {
        for (String provider : circuits.get().keySet()) {
            if (circuitGauges.add(provider)) {
                for (String state : CIRCUIT_STATES) {
                    Gauge.builder("dunninghub.provider.circuit.state", () -> state.equals(circuitState(provider)) ? 1 : 0)
                            .tags("provider", label(provider), "status", state)
                            .description("1 for the provider's current circuit breaker state, else 0 (all 0: no breaker)")
                            .register(registry);
                }
            }
        }
    }

    private String circuitState(String provider) {
        String s = circuits.get().get(provider);
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    @Override
    public void noticePlanned(String channel) {
        safely(() -> {
            counter("dunninghub.notices.planned", "New notices planned for sending, by channel", "channel", channel)
                    .increment();
        });
    }

    @Override
    public void noticeSuppressed(String channel, String reason) {
        safely(() -> {
            counter("dunninghub.notices.suppressed", "Notices suppressed at planning or at the send-time check",
                    "channel", channel, "reason", reason).increment();
        });
    }

    @Override
    public void noticeDeferred(String channel, String reason) {
        safely(() -> {
            counter("dunninghub.notices.deferred", "Notices made to wait at planning or at the send-time check",
                    "channel", channel, "reason", reason).increment();
        });
    }

    @Override
    public void noticeDispatched(String channel, String provider, String eventType, String reason) {
        if (eventType == null) {
            return;
        }
        safely(() -> {
            switch (eventType) {
                case "SENT" -> counter("dunninghub.notices.sent", "Notices a provider accepted",
                        "channel", channel, "provider", provider).increment();
                case "RETRY" -> counter("dunninghub.notices.retried", "Attempts that will be retried later",
                        "channel", channel, "provider", provider, "reason", reason).increment();
                case "FAILED" -> counter("dunninghub.notices.failed", "Notices failed permanently",
                        "channel", channel, "provider", provider, "reason", reason).increment();
                case "DEAD" -> counter("dunninghub.notices.dead", "Notices given up after hub.dispatch.max-attempts",
                        "channel", channel, "provider", provider, "reason", reason).increment();
                default -> HubMetrics.super.noticeDispatched(channel, provider, eventType, reason);
            }
        });
    }

    @Override
    public void outcomeRecorded(String source, String outcome) {
        safely(() -> counter("dunninghub.outcomes", "Outcomes recorded (call results, replies, opt-outs, bounces, dead "
                + "tokens), once each however often their source delivers them", "source", source, "outcome", outcome)
                .increment());
    }

    @Override
    public void noticeReceipt(String channel, String provider, String outcome, String reason) {
        safely(() -> {
            if ("DELIVERED".equals(outcome)) {
                counter("dunninghub.notices.delivered", "Sent notices a provider's receipt confirmed delivered",
                        "channel", channel, "provider", provider).increment();
            } else {
                counter("dunninghub.notices.undelivered", "Sent notices a provider's receipt reported undelivered",
                        "channel", channel, "provider", provider, "reason", reason).increment();
            }
        });
    }

    @Override
    public void providerCall(String provider, String outcome, Duration took) {
        safely(() -> {
            Timer.builder("dunninghub.provider.latency")
                    .description("Time a provider's adapter took for one request, by answer")
                    .tags("provider", label(provider), "outcome", label(outcome).toLowerCase(Locale.ROOT))
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry)
                    .record(took);
        });
    }

    @Override
    public void providerHeld(String provider, String reason) {
        safely(() -> {
            counter("dunninghub.provider.held", "Notices a provider could not take yet (nothing sent), by reason",
                    "provider", provider, "reason", reason).increment();
        });
    }

    @Override
    public void rateLimitWait(String provider, Duration waited) {
        safely(() -> {
            Timer.builder("dunninghub.provider.rate.wait")
                    .description("Time workers waited for a provider's rate-limit token")
                    .tags("provider", label(provider))
                    .register(registry)
                    .record(waited);
        });
    }

    @Override
    public void scanStarted() {
        scanStartedNanos = System.nanoTime();
    }

    @Override
    public void scanFinished(boolean success, Duration took, long rows, long skipped) {
        safely(() -> {
            scanStartedNanos = 0;
            Timer.builder("dunninghub.scan.duration").description("How long scans took, by outcome")
                    .tags("outcome", success ? "success" : "failure").register(registry).record(took);
            counter("dunninghub.scan.rows", "Installment rows read by scans").increment(rows);
            counter("dunninghub.scan.rows.skipped", "Installment rows scans could not read and left out")
                    .increment(skipped);
            if (success) {
                lastScanSuccess = System.currentTimeMillis() / 1000.0;
            }
        });
    }

    private double scanRunningSeconds() {
        long started = scanStartedNanos;
        return started == 0 ? 0 : (System.nanoTime() - started) / 1e9;
    }

    /**
     * Recording runs on the dispatch threads between a provider's answer and the ledger write: it must never
     * throw there, or an outcome already sent could go unrecorded.
     */
    private void safely(Runnable recording) {
        try {
            recording.run();
        } catch (RuntimeException e) {
            if (!recordingFailed) {
                recordingFailed = true;
                LOG.warn("metrics: could not record a measurement ({}); the hub goes on without it",
                        e.getClass().getSimpleName(), e);
            }
        }
    }

    private Counter counter(String name, String description, String... tags) {
        for (int i = 1; i < tags.length; i += 2) {
            tags[i] = label(tags[i]);
        }
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** A label value: never null (Micrometer refuses it), never long. */
    static String label(String value) {
        if (value == null || value.isBlank()) {
            return "none";
        }
        return value.length() <= MAX_LABEL ? value : value.substring(0, MAX_LABEL);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
