package io.dunninghub.config;

import io.dunninghub.channel.LiveProviders;
import io.dunninghub.channel.ProviderGuards;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.receipt.ReceiptEndpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live configuration: ladder.yaml, policy.yaml, providers.yaml, templates and routes/*.yaml take effect without a
 * restart, on a file change ({@link ConfigWatch}) or {@code POST /admin/reload}. The new files are read and
 * checked as {@code validate} does, the changed routes are parsed by Camel ({@link RouteSwap}), changed providers
 * are built; only if all of that succeeds is the whole set put in force at once, between dispatch batches.
 * Otherwise each problem is logged as {@code config reload rejected: <file>: <key>: <problem>} and the running
 * configuration stays. application.properties is read at start-up only.
 */
public final class ConfigReloader implements LiveReload, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    /** How long the watch waits after the last file event before reading. */
    static final Duration DEBOUNCE = ConfigWatch.DEBOUNCE;

    static final String FILE_CHANGE = "file change";

    private final CamelContext context;
    private final LiveTarget target;
    private final HubSettings settings;
    private final Path configDir;
    private final Path routesDir;
    private final LiveProviders providers;
    private final ProviderGuards guards;
    private final ReceiptEndpoints receipts;
    private final io.dunninghub.outcome.OutcomeEndpoints outcomes;
    private final Duration batchWait;
    private final ConfigWatch watch;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "config-reload");
        t.setDaemon(true);
        return t;
    });
    // the files in force, and the last set refused (not reported again while unchanged)
    private Map<String, String> fingerprints;
    private Map<String, String> refused = Map.of();

    public ConfigReloader(CamelContext context, LiveTarget target, HubSettings settings, Path routesDir,
                          LiveProviders providers, ProviderGuards guards, ReceiptEndpoints receipts) {
        this(context, target, settings, routesDir, providers, guards, receipts,
                io.dunninghub.outcome.OutcomeEndpoints.class.cast(null));
    }

    /** @param outcomes the inbound endpoints, whose Twilio tokens come from providers.yaml too (null: none) */
    public ConfigReloader(CamelContext context, LiveTarget target, HubSettings settings, Path routesDir,
                          LiveProviders providers, ProviderGuards guards, ReceiptEndpoints receipts,
                          io.dunninghub.outcome.OutcomeEndpoints outcomes) {
        this.outcomes = outcomes;
        this.context = context;
        this.target = target;
        this.settings = settings;
        this.configDir = settings.configDir();
        this.routesDir = routesDir;
        this.providers = providers;
        this.guards = guards;
        this.receipts = receipts;
        this.batchWait = settings.seconds("hub.dispatch.lease-seconds", 1);
        this.fingerprints = ConfigFingerprints.of(configDir, routesDir);
        this.watch = new ConfigWatch(configDir, routesDir, () -> reloadAsync(FILE_CHANGE).join());
    }

    /** Starts watching the files (hub.config.watch); {@code POST /admin/reload} works either way. */
    public void watch() throws IOException {
        watch.start();
    }

    /** Reloads on the reload thread (one at a time); the future completes when the outcome is known. */
    @Override
    public CompletableFuture<Result> reloadAsync(String trigger) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return reload(trigger);
            } catch (RuntimeException e) {
                // a bug or a folder gone: report it, keep the configuration in force and keep watching
                LOG.error("config reload ({}) failed; the configuration in force stays: {}", trigger, e.toString());
                return new Result(Status.REJECTED, List.of(), List.of(String.valueOf(e.getMessage())));
            }
        }, worker);
    }

    /** Reads, checks and applies the live files now. Call from one thread at a time (the reload thread). */
    Result reload(String trigger) {
        Map<String, String> seen = ConfigFingerprints.of(configDir, routesDir);
        List<String> changed = ConfigFingerprints.changed(fingerprints, seen);
        if (changed.isEmpty()) {
            LOG.debug("config reload ({}): nothing changed", trigger);
            return new Result(Status.UNCHANGED, List.of(), List.of());
        }
        if (seen.equals(refused) && trigger.equals(FILE_CHANGE)) {
            return new Result(Status.REJECTED, changed, List.of("refused before; see the log"));
        }
        LiveConfig current = target.liveConfig();
        LiveConfig.Read read = LiveConfig.read(configDir, routesDir, settings, context::resolvePropertyPlaceholders,
                current.renderer().letterPdf());
        read.warnings().forEach(w -> LOG.warn("config warning: {}", w));
        List<String> problems = new ArrayList<>(read.problems());
        RouteSwap routes = null;
        if (read.ok()) {
            routes = RouteSwap.prepare(context, routesDir, current.routes(), read.config().routes(), problems);
        }
        LiveProviders.Change providerChange = null;
        if (problems.isEmpty() && !read.config().providers().equals(current.providers())) {
            try {
                providerChange = providers.prepare(read.config().providers());
            } catch (RuntimeException e) {
                problems.add(configDir.resolve("providers.yaml") + ": providers: cannot build: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return reject(trigger, seen, changed, problems);
        }
        LiveProviders.Change pc = providerChange;
        RouteSwap rc = routes;
        LiveConfig next = read.config();
        try {
            boolean applied = target.apply(next, batchWait, () -> {
                rc.apply();
                if (pc != null) {
                    pc.commit();
                    guards.retain(next.providers().enabled().stream().map(ProviderSettings::name).toList());
                    receipts.update(settings.receipts(next.providers()));
                    if (outcomes != null) {
                        outcomes.update(settings.outcomes(next.providers()));
                    }
                }
            });
            if (!applied) {
                if (pc != null) {
                    pc.abort();
                }
                // not seen as applied, so the next change or reload tries again
                LOG.warn("config reload ({}): a dispatch batch ran longer than {} s; nothing changed, try again",
                        trigger, batchWait.toSeconds());
                return new Result(Status.REJECTED, changed, List.of("a dispatch batch is still running; try again"));
            }
        } catch (RuntimeException e) {
            if (pc != null) {
                pc.abort();
            }
            return reject(trigger, seen, changed, List.of(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Status.REJECTED, changed, List.of("interrupted"));
        }
        fingerprints = seen;
        refused = Map.of();
        LOG.info("config reloaded ({}): {}", trigger, String.join(", ", changed));
        return new Result(Status.APPLIED, changed, List.of());
    }

    private Result reject(String trigger, Map<String, String> seen, List<String> changed, List<String> problems) {
        refused = seen;
        problems.forEach(p -> LOG.error("config reload rejected: {}", p));
        LOG.warn("config reload ({}) rejected; the configuration in force stays", trigger);
        return new Result(Status.REJECTED, changed, List.copyOf(problems));
    }

    @Override
    public void close() {
        watch.close();
        worker.shutdownNow();
    }
}
