package io.dunninghub.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.channel.DeliveryResults;
import io.dunninghub.channel.ProviderAdapterFactory;
import io.dunninghub.channel.ProviderGuards;
import io.dunninghub.channel.LiveProviders;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.ProvidersConfig;
import io.dunninghub.channel.RateBuckets;
import io.dunninghub.common.ConfigException;
import io.dunninghub.common.ConfigProblems;
import io.dunninghub.contact.ContactFeedbackStore;
import io.dunninghub.dispatch.CamelChannelGateway;
import io.dunninghub.dispatch.FeedbackGateway;
import io.dunninghub.ledger.LedgerAdmin;
import io.dunninghub.metrics.BacklogGauges;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.metrics.MetricsEndpoint;
import io.dunninghub.metrics.PrometheusHubMetrics;
import io.dunninghub.receipt.ReceiptBook;
import io.dunninghub.receipt.ReceiptEndpoints;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * The daemon: Camel Main with the routes of {@code routes/}, and the hub's beans bound before they start.
 * Camel Main stops gracefully on SIGTERM; the dispatcher stops claiming first, so in-flight notices finish
 * and unstarted ones go back to the ledger.
 */
public final class HubApplication implements AutoCloseable {

    private final Main main = new Main();
    private final Path configDir;
    private final Path routesDir;
    private final boolean scheduler;
    private final Map<String, String> overrides;
    private final Clock clock;
    private volatile HubRuntime runtime;
    private volatile PrometheusHubMetrics metrics;
    private volatile RuntimeException startupFailure;
    private volatile ConfigReloader reloader;
    private volatile boolean watch;

    public HubApplication(Path configDir, Path routesDir, Map<String, String> overrides, boolean scheduler, Clock clock) {
        this.configDir = configDir;
        this.routesDir = routesDir;
        this.scheduler = scheduler;
        this.overrides = Map.copyOf(overrides);
        this.clock = clock;
        main.setPropertyPlaceholderLocations(ConfigProperties.locations(configDir));
        // Documented defaults are visible to route placeholders too ({{hub.scan.cron}}), at lowest precedence.
        HubSettings.KEYS.stream().filter(k -> !k.name().endsWith("*"))
                .forEach(k -> main.addInitialProperty(k.name(), k.defaultValue()));
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + routesDir.toAbsolutePath() + "/*.yaml");
        main.addOverrideProperty("hub.scheduler.enabled", Boolean.toString(scheduler));
        // The embedded HTTP server (camel-platform-http-main) follows hub.http.*; run --once never listens.
        main.addInitialProperty("camel.server.host", "{{hub.http.host}}");
        main.addInitialProperty("camel.server.port", "{{hub.http.port}}");
        if (scheduler) {
            main.addInitialProperty("camel.server.enabled", "{{hub.http.enabled}}");
        } else {
            main.addOverrideProperty("camel.server.enabled", "false");
        }
        overrides.forEach(main::addOverrideProperty);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    wire(m.getCamelContext());
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
                if (reloader != null) {
                    reloader.close();
                }
                if (runtime != null && runtime.dispatchJob() != null) {
                    runtime.dispatchJob().stop();
                }
            }

            @Override
            public void afterStop(BaseMainSupport m) {
                if (reloader != null) {
                    reloader.close();
                }
                if (runtime != null) {
                    runtime.close();
                }
                if (metrics != null) {
                    metrics.close();
                }
            }
        });
    }

    private void wire(CamelContext context) throws Exception {
        HubSettings settings = ConfigProperties.settings(context, configDir);
        // Served only by the daemon's HTTP server; run --once has no one to scrape it.
        boolean serveMetrics = scheduler && settings.bool("hub.http.enabled") && settings.bool("hub.metrics.enabled");
        settings.integer("hub.metrics.backlog-refresh-seconds", 1); // a clear error here, not from the timer route
        Duration stuckAfter = settings.seconds("hub.health.scan-stuck-seconds", 0);
        metrics = serveMetrics ? new PrometheusHubMetrics() : null;
        runtime = new HubRuntime(settings, ConfigProperties.keys(context, overrides), HubRuntime.Mode.RUN, clock,
                metrics != null ? metrics : HubMetrics.NONE);
        // Several instances on one PostgreSQL ledger: the scan's cron fires on one of them (run --once has no cron).
        if (ScanCluster.clustered(settings) && scheduler) {
            QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
            quartz.setPrefixInstanceName(false);
            quartz.setProperties(ScanCluster.quartzProperties(runtime.ledgerDataSource(),
                    settings.seconds("hub.scan.cluster-checkin-seconds", 1)));
        }
        // The checks a reload runs (every ladder channel routed, every template renders, …) also hold at start-up:
        // a config that starts must not be one the first reload would refuse.
        LiveConfig.Read read = LiveConfig.read(configDir, routesDir, settings, context::resolvePropertyPlaceholders,
                runtime.liveConfig().renderer().letterPdf());
        if (!read.ok()) {
            throw ConfigProblems.of(read.problems());
        }
        ProvidersConfig providers = read.config().providers();
        // Each provider behind its rate limit (shared through a PostgreSQL ledger), pause and circuit breaker.
        ProviderGuards guards = new ProviderGuards(
                runtime.sharedLedger() ? RateBuckets.postgres(runtime.ledgerDataSource()) : RateBuckets.local(),
                Duration.ofMillis(settings.integer("hub.dispatch.rate-wait-ms", 1)), clock, runtime.metrics());
        // Behind the channel routes' providerRouter; a reload swaps the providers it routes to.
        LiveProviders router = new LiveProviders(providers, guards.around(new ProviderAdapterFactory(context)::create));
        runtime.apply(read.config(), Duration.ZERO, () -> { });
        runtime.startDispatch(router, new FeedbackGateway(new CamelChannelGateway(context.createProducerTemplate()),
                new ContactFeedbackStore(runtime.ledgerDataSource()), clock));
        Readiness readiness = new Readiness();
        readiness.watch("scan", new StuckScan(runtime.planningJob()::runningFor, stuckAfter));
        context.getRegistry().bind("planningJob", runtime.planningJob());
        context.getRegistry().bind("dispatchJob", runtime.dispatchJob());
        context.getRegistry().bind("providerRouter", router);
        context.getRegistry().bind("providerGuards", guards);
        context.getRegistry().bind("deliveryResults", new DeliveryResults()); // for integrators' YAML routes
        context.getRegistry().bind("hubRuntime", runtime);
        context.getRegistry().bind("readiness", readiness);
        context.getRegistry().bind("health", new HealthEndpoints(readiness, guards));
        context.getRegistry().bind("databaseWatch", new DatabaseWatch(Map.of(
                "ledger", DatabaseWatch.connect(settings.get("hub.ledger.url"), settings.get("hub.ledger.username"),
                        settings.get("hub.ledger.password")),
                "core", DatabaseWatch.connect(settings.get("hub.core.url"), settings.get("hub.core.username"),
                        settings.get("hub.core.password"))), readiness));
        ReceiptEndpoints receipts = new ReceiptEndpoints(
                new ReceiptBook(runtime.ledgerDataSource(), runtime.ledger().instanceId(), runtime.metrics()),
                receiptSettings(settings, providers), clock);
        context.getRegistry().bind("receipts", receipts);
        context.getRegistry().bind("metrics", metrics == null ? MetricsEndpoint.off() : metricsEndpoint(guards));

        String token = adminToken(settings);
        if (scheduler) {
            reloader = new ConfigReloader(context, runtime, routesDir, router, guards, receipts);
            watch = settings.bool("hub.config.watch");
        }
        boolean serving = "true".equals(context.resolvePropertyPlaceholders("{{camel.server.enabled:false}}"));
        // The admin routes start only with a token (autoStartup "{{hub.admin.served}}"): none, none served.
        context.getPropertiesComponent().addOverrideProperty("hub.admin.served",
                Boolean.toString(serving && token != null));
        context.getRegistry().bind("admin", new AdminEndpoints(token,
                new LedgerAdmin(runtime.ledgerDataSource(), runtime.ledger().instanceId()), reloader, clock));
    }

    /** The file watch starts once every route runs, so a reload never races the start-up. */
    private synchronized void startWatch() {
        if (reloader != null && watch) {
            watch = false;
            try {
                reloader.watch();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The admin API's bearer token, or null when none is set (the API is then off). */
    static String adminToken(HubSettings settings) {
        String token = settings.get("hub.admin.token");
        if (token == null || token.isBlank()) {
            return null;
        }
        if (token.strip().length() < AdminEndpoints.MIN_TOKEN_LENGTH) {
            throw new ConfigException(settings.file(), "hub.admin.token", "must be at least "
                    + AdminEndpoints.MIN_TOKEN_LENGTH + " characters (e.g. openssl rand -hex 32)");
        }
        return token.strip();
    }

    private MetricsEndpoint metricsEndpoint(ProviderGuards guards) {
        metrics.circuits(guards::circuits);
        BacklogGauges backlog = new BacklogGauges(new LedgerAdmin(runtime.ledgerDataSource())::backlog, clock);
        metrics.backlog(backlog);
        for (DataSource pool : new DataSource[] {runtime.ledgerDataSource(), runtime.coreDataSource()}) {
            if (pool instanceof HikariDataSource hikari) {
                hikari.setMetricRegistry(metrics.registry()); // hikaricp_connections_* by pool (ledger, core)
            }
        }
        return new MetricsEndpoint(metrics, backlog);
    }

    static ReceiptEndpoints.Settings receiptSettings(HubSettings settings, ProvidersConfig providers) {
        Map<String, String> twilioTokens = new LinkedHashMap<>();
        for (ProviderSettings p : providers.enabled()) {
            if ("twilio".equals(p.adapter()) && p.option("account-sid") != null && p.option("auth-token") != null) {
                twilioTokens.putIfAbsent(p.option("account-sid"), p.option("auth-token"));
            }
        }
        return new ReceiptEndpoints.Settings(settings.get("hub.receipts.public-url"), twilioTokens,
                settings.get("hub.receipts.alibaba.token"), settings.get("hub.receipts.tencent.token"),
                settings.get("hub.receipts.lob.secret"),
                settings.seconds("hub.receipts.lob.tolerance-seconds", 1));
    }

    /** Starts Camel and returns; use {@link #close()} to stop. */
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
        if (reloader != null) {
            reloader.close();
        }
        main.stop();
        // main.stop() (unlike the end of main.run()) calls no afterStop listener: release the pools here too
        if (runtime != null) {
            runtime.close();
        }
    }
}
