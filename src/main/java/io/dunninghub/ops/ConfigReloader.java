package io.dunninghub.ops;

import io.dunninghub.channel.LiveProviders;
import io.dunninghub.channel.ProviderGuards;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.receipt.ReceiptEndpoints;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live configuration: ladder.yaml, policy.yaml, providers.yaml, templates and routes/*.yaml take effect without a
 * restart, on a file change (watched, bursts debounced) or {@code POST /admin/reload}. The new files are read and
 * checked as {@code validate} does, the changed routes are parsed by Camel, changed providers are built; only if
 * all of that succeeds is the whole set put in force at once, between dispatch batches. Otherwise each problem is
 * logged as {@code config reload rejected: <file>: <key>: <problem>} and the running configuration stays.
 * application.properties is read at start-up only.
 */
public final class ConfigReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    /** Editors write a file several times; wait this long after the last change before reading. */
    static final Duration DEBOUNCE = Duration.ofMillis(500);

    static final String FILE_CHANGE = "file change";

    public enum Status { APPLIED, UNCHANGED, REJECTED }

    /** @param changed the files that differ from the configuration that was in force */
    public record Result(Status status, List<String> changed, List<String> problems) {
    }

    private final CamelContext context;
    private final HubRuntime runtime;
    private final Path configDir;
    private final Path routesDir;
    private final LiveProviders providers;
    private final ProviderGuards guards;
    private final ReceiptEndpoints receipts;
    private final Duration batchWait;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "config-reload");
        t.setDaemon(true);
        return t;
    });
    // the files in force, and the last set refused (not reported again while unchanged)
    private Map<String, String> fingerprints;
    private Map<String, String> refused = Map.of();
    private volatile WatchService watch;
    private Thread watcher;
    private volatile boolean closed;

    public ConfigReloader(CamelContext context, HubRuntime runtime, Path routesDir, LiveProviders providers,
                          ProviderGuards guards, ReceiptEndpoints receipts) {
        this.context = context;
        this.runtime = runtime;
        this.configDir = runtime.settings().configDir();
        this.routesDir = routesDir;
        this.providers = providers;
        this.guards = guards;
        this.receipts = receipts;
        this.batchWait = runtime.settings().seconds("hub.dispatch.lease-seconds", 1);
        this.fingerprints = fingerprints(configDir, routesDir);
    }

    /** Reloads on the reload thread (one at a time); the future completes when the outcome is known. */
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
        Map<String, String> seen = fingerprints(configDir, routesDir);
        List<String> changed = changedFiles(fingerprints, seen);
        if (changed.isEmpty()) {
            LOG.debug("config reload ({}): nothing changed", trigger);
            return new Result(Status.UNCHANGED, List.of(), List.of());
        }
        if (seen.equals(refused) && trigger.equals(FILE_CHANGE)) {
            return new Result(Status.REJECTED, changed, List.of("refused before; see the log"));
        }
        LiveConfig current = runtime.liveConfig();
        LiveConfig.Read read = LiveConfig.read(configDir, routesDir, runtime.settings(),
                context::resolvePropertyPlaceholders, current.renderer().letterPdf());
        List<String> problems = new ArrayList<>(read.problems());
        RouteChanges routes = null;
        if (read.ok()) {
            routes = routeChanges(current.routes(), read.config().routes(), problems);
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
        RouteChanges rc = routes;
        LiveConfig next = read.config();
        try {
            boolean applied = runtime.apply(next, batchWait, () -> {
                rc.apply();
                if (pc != null) {
                    pc.commit();
                    guards.retain(next.providers().enabled().stream().map(ProviderSettings::name).toList());
                    if (receipts != null) {
                        receipts.update(HubApplication.receiptSettings(runtime.settings(), next.providers()));
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

    // ---- routes -----------------------------------------------------------------------------------------------

    /** The route files to replace, parsed by Camel's YAML DSL beforehand, and those to remove. */
    private final class RouteChanges {

        final Map<Path, RoutesBuilder> parsed = new TreeMap<>();
        final Set<Path> removed = new LinkedHashSet<>();
        final Map<Path, String> before;

        RouteChanges(Map<Path, String> before) {
            this.before = before;
        }

        void apply() {
            List<Path> done = new ArrayList<>();
            try {
                for (Path f : removed) {
                    removeRoutesOf(f);
                    done.add(f);
                }
                for (Map.Entry<Path, RoutesBuilder> e : parsed.entrySet()) {
                    done.add(e.getKey());
                    removeRoutesOf(e.getKey());
                    context.addRoutes(e.getValue());
                }
            } catch (Exception e) {
                // back to the routes that were running, then report
                for (Path f : done) {
                    try {
                        removeRoutesOf(f);
                        if (before.containsKey(f)) {
                            context.addRoutes(builders(f, before.get(f)).iterator().next());
                        }
                    } catch (Exception again) {
                        LOG.error("config reload: could not restore the routes of {}: {}", f, again.getMessage());
                    }
                }
                Path f = done.isEmpty() ? routesDir : done.get(done.size() - 1);
                throw new IllegalStateException(f + ": (routes): " + oneLine(e));
            }
        }
    }

    private RouteChanges routeChanges(Map<Path, String> before, Map<Path, String> after, List<String> problems) {
        RouteChanges changes = new RouteChanges(before);
        before.keySet().stream().filter(f -> !after.containsKey(f)).forEach(changes.removed::add);
        Map<String, Path> ids = new TreeMap<>();
        for (Route r : context.getRoutes()) {
            ids.put(r.getRouteId(), sourceOf(r));
        }
        for (Map.Entry<Path, String> e : after.entrySet()) {
            if (e.getValue().equals(before.get(e.getKey()))) {
                continue;
            }
            try {
                Collection<RoutesBuilder> builders = builders(e.getKey(), e.getValue());
                for (RoutesBuilder b : builders) {
                    if (b instanceof RouteBuilder rb) {
                        for (RouteDefinition d : rb.configureRoutes(context).getRoutes()) {
                            Path owner = d.getRouteId() == null ? null : ids.get(d.getRouteId());
                            if (owner != null && !owner.equals(e.getKey()) && !changes.removed.contains(owner)) {
                                problems.add(e.getKey() + ": " + d.getRouteId() + ": route id already used in " + owner);
                            }
                        }
                    }
                    changes.parsed.put(e.getKey(), b);
                }
            } catch (Exception ex) {
                problems.add(e.getKey() + ": (routes): " + oneLine(ex));
            }
        }
        return changes;
    }

    private Collection<RoutesBuilder> builders(Path file, String yaml) throws Exception {
        Resource r = ResourceHelper.fromString("file:" + file, yaml);
        RoutesLoader loader = PluginHelper.getRoutesLoader(context);
        Collection<RoutesBuilder> builders = loader.findRoutesBuilders(List.of(r));
        if (builders.size() != 1) {
            throw new IllegalStateException("expected one set of routes, got " + builders.size());
        }
        return builders;
    }

    private void removeRoutesOf(Path file) throws Exception {
        for (Route r : List.copyOf(context.getRoutes())) {
            if (file.equals(sourceOf(r))) {
                context.getRouteController().stopRoute(r.getRouteId());
                context.removeRoute(r.getRouteId());
            }
        }
    }

    private static Path sourceOf(Route r) {
        Resource res = r.getSourceResource();
        if (res == null || res.getLocation() == null) {
            return null;
        }
        String loc = res.getLocation();
        loc = loc.startsWith("file:") ? loc.substring(5) : loc;
        try {
            return Path.of(loc).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }

    // ---- what changed -----------------------------------------------------------------------------------------

    /** A hash of every live file: ladder, policy, providers, templates/**, routes/*.yaml. */
    static Map<String, String> fingerprints(Path configDir, Path routesDir) {
        Map<String, String> out = new TreeMap<>();
        for (String name : List.of("ladder.yaml", "policy.yaml", "providers.yaml")) {
            add(out, configDir.resolve(name), configDir);
        }
        Path templates = configDir.resolve("templates");
        if (Files.isDirectory(templates)) {
            try (Stream<Path> walk = Files.walk(templates)) {
                walk.filter(Files::isRegularFile).forEach(p -> add(out, p, configDir));
            } catch (IOException e) {
                out.put("templates/", "unreadable");
            }
        }
        try (Stream<Path> list = Files.list(routesDir)) {
            list.filter(p -> p.toString().endsWith(".yaml")).forEach(p -> add(out, p, routesDir.getParent() == null
                    ? routesDir : routesDir.toAbsolutePath().getParent()));
        } catch (IOException e) {
            out.put("routes/", "unreadable");
        }
        return out;
    }

    private static void add(Map<String, String> out, Path file, Path base) {
        String name = base.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
        try {
            out.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        } catch (IOException e) {
            out.put(name, "unreadable");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> changedFiles(Map<String, String> before, Map<String, String> after) {
        Set<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        return names.stream().filter(n -> !java.util.Objects.equals(before.get(n), after.get(n))).toList();
    }

    // ---- the file watch ---------------------------------------------------------------------------------------

    /** Watches the config folder, its templates and the routes folder; a burst of events is one reload. */
    public void watch() throws IOException {
        watch = FileSystems.getDefault().newWatchService();
        register(configDir);
        register(routesDir);
        Path templates = configDir.resolve("templates");
        if (Files.isDirectory(templates)) {
            try (Stream<Path> dirs = Files.walk(templates)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    register(d);
                }
            }
        }
        watcher = new Thread(this::watchLoop, "config-watch");
        watcher.setDaemon(true);
        watcher.start();
        LOG.info("config: watching {} and {} for changes (hub.config.watch)", configDir, routesDir);
    }

    private void register(Path dir) throws IOException {
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean relevant = drain(key);
                // debounce: keep collecting until the folder has been quiet for a moment
                WatchKey more;
                while ((more = watch.poll(DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(more);
                }
                if (relevant && !closed) {
                    reloadAsync(FILE_CHANGE).join();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException | java.util.concurrent.CancellationException
                 | java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private boolean drain(WatchKey key) {
        Path dir = (Path) key.watchable();
        boolean relevant = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            if (!(e.context() instanceof Path name)) {
                relevant = true; // overflow: look at everything
                continue;
            }
            Path p = dir.resolve(name);
            if (p.equals(ConfigProperties.applicationFile(configDir))) {
                LOG.warn("config: {} changed; application.properties takes effect after a restart", p);
                continue;
            }
            if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(p)) {
                try {
                    register(p); // a new locale folder under templates
                } catch (IOException ex) {
                    LOG.warn("config: cannot watch {}: {}", p, ex.getMessage());
                }
            }
            relevant = true;
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        if (watcher != null) {
            watcher.interrupt();
        }
        worker.shutdownNow();
    }
}
