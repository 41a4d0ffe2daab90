package io.dunninghub.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config folder, its templates and the routes folder; a burst of file events (an editor writes a
 * file several times) is one call of {@code onChange}, once the folders have been quiet for {@link #DEBOUNCE}.
 * application.properties is not live: a change to it is logged, not acted on.
 */
final class ConfigWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatch.class);

    /** Editors write a file several times; wait this long after the last change before reading. */
    static final Duration DEBOUNCE = Duration.ofMillis(500);

    private final Path configDir;
    private final Path routesDir;
    private final Runnable onChange;
    private volatile WatchService watch;
    private Thread watcher;
    private volatile boolean closed;

    ConfigWatch(Path configDir, Path routesDir, Runnable onChange) {
        this.configDir = configDir;
        this.routesDir = routesDir;
        this.onChange = onChange;
    }

    void start() throws IOException {
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
        watcher = new Thread(this::loop, "config-watch");
        watcher.setDaemon(true);
        watcher.start();
        LOG.info("config: watching {} and {} for changes (hub.config.watch)", configDir, routesDir);
    }

    private void register(Path dir) throws IOException {
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean relevant = drain(key);
                WatchKey more;
                while ((more = watch.poll(DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(more);
                }
                if (relevant && !closed) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException | CancellationException
                 | RejectedExecutionException e) {
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
    }
}
