package io.dunninghub.daemon;

import io.dunninghub.common.ConfigProblems;
import io.dunninghub.config.ConfigProperties;
import io.dunninghub.config.HubConfig;
import io.dunninghub.config.HubSettings;
import io.dunninghub.common.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon (and {@code run --once}): Camel Main with the routes of {@code routes/}. Once Camel has read its
 * properties, the whole configuration is read and checked ({@link HubConfig}); only a configuration without
 * problems is built into a {@link HubRuntime}, whose beans are bound before any route starts. Camel Main stops
 * gracefully on SIGTERM; dispatch stops claiming first, so in-flight notices finish and unstarted ones go back
 * to the ledger.
 */
public final class HubDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubDaemon.class);

    private final Main main = new Main() {
        @Override
        protected CamelContext createCamelContext() {
            CamelContext context = super.createCamelContext();
            // before Camel Main adds application.properties as a location, so the file is read as UTF-8
            context.getPropertiesComponent().setEncoding(ConfigProperties.ENCODING);
            return context;
        }
    };
    private final Path configDir;
    private final Path routesDir;
    private final boolean daemon;
    private final Map<String, String> overrides;
    private final Clock clock;
    private volatile HubRuntime runtime;
    private volatile RuntimeException startupFailure;
    private volatile boolean watching;

    /**
     * @param daemon true: the scheduler, the HTTP server and the live reload run; false: {@code run --once}
     * @param clock  the business clock: days past due, contact windows and caps are reckoned by it
     */
    public HubDaemon(Path configDir, Path routesDir, Map<String, String> overrides, boolean daemon, Clock clock) {
        this.configDir = configDir;
        this.routesDir = routesDir;
        this.daemon = daemon;
        this.overrides = Map.copyOf(overrides);
        this.clock = clock;
        main.setPropertyPlaceholderLocations(ConfigProperties.locations(configDir));
        // Documented defaults are visible to route placeholders too ({{hub.scan.cron}}), at lowest precedence.
        HubSettings.KEYS.stream().filter(k -> !k.name().endsWith("*"))
                .forEach(k -> main.addInitialProperty(k.name(), k.defaultValue()));
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + routesDir.toAbsolutePath() + "/*.yaml");
        main.addOverrideProperty("hub.scheduler.enabled", Boolean.toString(daemon));
        // The embedded HTTP server (camel-platform-http-main) follows hub.http.*; run --once never listens.
        main.addInitialProperty("camel.server.host", "{{hub.http.host}}");
        main.addInitialProperty("camel.server.port", "{{hub.http.port}}");
        if (daemon) {
            main.addInitialProperty("camel.server.enabled", "{{hub.http.enabled}}");
        } else {
            main.addOverrideProperty("camel.server.enabled", "false");
        }
        overrides.forEach(main::addOverrideProperty);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    assemble(m.getCamelContext());
                } catch (RuntimeException e) {
                    startupFailure = e;
                    throw e;
                } catch (Exception e) {
                    startupFailure = new IllegalStateException(e.getMessage(), e);
                    throw startupFailure;
                }
            }

            @Override
            public void afterStart(BaseMainSupport m) {
                startWatch();
            }

            @Override
            public void beforeStop(BaseMainSupport m) {
                if (runtime != null) {
                    runtime.quiesce();
                }
            }

            @Override
            public void afterStop(BaseMainSupport m) {
                if (runtime != null) {
                    runtime.close();
                }
            }
        });
    }

    /** Reads and checks the configuration, builds the runtime and binds its beans; nothing starts otherwise. */
    private void assemble(CamelContext context) throws Exception {
        HubConfig.Read read = HubConfig.read(context, configDir, routesDir, overrides);
        if (!read.ok()) {
            throw new ConfigProblems(read.issues());
        }
        read.warnings().forEach(w -> LOG.warn("config warning: {}", w));
        HubConfig config = read.config();
        if (daemon && config.settings().bool("hub.http.enabled")) {
            // the HTTP server would only log a warning and the daemon would run without health, metrics and receipts
            requireFreePort(config.settings());
        }
        runtime = new HubRuntime(config, context, clock, daemon);
        // Several instances on one PostgreSQL ledger: the scan's cron fires on one of them (run --once has no cron).
        if (daemon && config.settings().scanClustered()) {
            QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
            quartz.setPrefixInstanceName(false);
            quartz.setProperties(ScanCluster.quartzProperties(runtime.ledgerDataSource(),
                    config.settings().seconds("hub.scan.cluster-checkin-seconds", 1)));
        }
        runtime.bind(context.getRegistry());
        context.getPropertiesComponent().addOverrideProperty("hub.admin.served", Boolean.toString(runtime.adminServed()));
        context.getPropertiesComponent().addOverrideProperty("hub.console.served", Boolean.toString(runtime.consoleServed()));
        watching = daemon;
    }

    /** Stops start-up, naming {@code hub.http.port}, when something else listens there already. */
    static void requireFreePort(HubSettings settings) {
        String host = settings.get("hub.http.host");
        int port = settings.integer("hub.http.port", 0);
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new ConfigException(settings.file(), "hub.http.port", "port " + port + " on " + host + " is in use "
                    + "by another process (health, metrics, receipts and the admin API need it; stop that process or "
                    + "choose another port)");
        }
    }

    /** The file watch starts once every route runs, so a reload never races the start-up. */
    private synchronized void startWatch() {
        if (watching && runtime != null) {
            watching = false;
            try {
                runtime.watchConfig();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts Camel and returns the runtime; use {@link #close()} to stop. */
    public HubRuntime start() throws Exception {
        try {
            main.start();
        } catch (Exception e) {
            throw startupFailure != null ? startupFailure : e;
        }
        if (startupFailure != null) {
            throw startupFailure;
        }
        startWatch();
        return runtime;
    }

    /**
     * Runs until SIGTERM or Ctrl-C. The signal ends Camel Main's run loop, which stops routes gracefully
     * (dispatch stops claiming, in-flight notices finish, unstarted ones are released) and returns, so the
     * process exits 0 instead of dying by the signal.
     */
    public void runUntilStopped() throws Exception {
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> main.completed());
        }
        main.run();
        if (startupFailure != null) {
            throw startupFailure;
        }
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public HubRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() throws Exception {
        if (runtime != null) {
            runtime.quiesce();
        }
        main.stop();
        // main.stop() (unlike the end of main.run()) calls no afterStop listener: release the pools here too
        if (runtime != null) {
            runtime.close();
        }
    }
}
