package io.dunninghub.daemon;

import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.channel.DeliveryResults;
import io.dunninghub.channel.LiveProviders;
import io.dunninghub.channel.ProviderAdapterFactory;
import io.dunninghub.channel.ProviderGuards;
import io.dunninghub.channel.RateBuckets;
import io.dunninghub.config.ConfigReloader;
import io.dunninghub.config.HubConfig;
import io.dunninghub.config.HubSettings;
import io.dunninghub.config.LiveConfig;
import io.dunninghub.config.LiveReload;
import io.dunninghub.config.LiveTarget;
import io.dunninghub.contact.ContactFeedbackStore;
import io.dunninghub.dispatch.CamelChannelGateway;
import io.dunninghub.dispatch.DispatchJob;
import io.dunninghub.dispatch.DispatchPass;
import io.dunninghub.dispatch.EvidenceCapture;
import io.dunninghub.dispatch.FeedbackGateway;
import io.dunninghub.dispatch.SendTimeRules;
import io.dunninghub.ledger.EvidenceMode;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.NoticeContents;
import io.dunninghub.ledger.LedgerAdmin;
import io.dunninghub.ledger.Erasure;
import io.dunninghub.ledger.LedgerArchive;
import io.dunninghub.ledger.Retention;
import io.dunninghub.ledger.OutcomeBook;
import io.dunninghub.channel.email.ListUnsubscribe;
import io.dunninghub.outcome.OutcomeEndpoints;
import io.dunninghub.outcome.OutcomeGateway;
import io.dunninghub.outcome.OutcomeIntake;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.OptOuts;
import io.dunninghub.metrics.BacklogGauges;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.metrics.PrometheusHubMetrics;
import io.dunninghub.plan.PlanningJob;
import io.dunninghub.plan.PlanningPass;
import io.dunninghub.receipt.ReceiptBook;
import io.dunninghub.receipt.ReceiptEndpoints;
import io.dunninghub.receipt.SendGridReceipts;
import io.dunninghub.render.NoticeModels;
import io.dunninghub.render.TemplateRenderer;
import io.dunninghub.web.AdminEndpoints;
import io.dunninghub.web.AdminToken;
import io.dunninghub.web.DatabaseWatch;
import io.dunninghub.web.HealthEndpoints;
import io.dunninghub.web.MetricsEndpoint;
import io.dunninghub.web.Readiness;
import io.dunninghub.web.StuckScan;
import io.dunninghub.web.console.Console;
import io.dunninghub.web.console.ConsoleAccess;
import io.dunninghub.web.console.Operations;
import io.dunninghub.web.console.EvidenceSentContent;
import io.dunninghub.web.console.SentContent;
import io.dunninghub.web.console.Timeline;
import io.dunninghub.web.console.TodayReport;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole object graph of a running hub, built in one place, in dependency order, from one checked
 * configuration: the stages ({@link Stages}), metrics, the providers behind their guards, dispatch, the receipt,
 * health, metrics and admin endpoints, and the live reload. Camel only triggers the jobs (routes) and carries
 * messages to providers (channel routes); {@link #bind} puts every bean the routes call into its registry under
 * the names of {@link Beans}.
 */
public final class HubRuntime implements LiveTarget, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubRuntime.class);
    private static final Duration ROUND_BUDGET = Duration.ofSeconds(30);

    private final HubConfig config;
    private final Clock clock;
    private final HubMetrics metrics;
    private final PrometheusHubMetrics prometheus;
    private final Stages stages;
    private final ProviderGuards guards;
    private final LiveProviders providers;
    private final ExecutorService workers;
    private final DispatchJob dispatchJob;
    private final Readiness readiness;
    private final HealthEndpoints health;
    private final DatabaseWatch databaseWatch;
    private final ReceiptEndpoints receipts;
    private final SendGridReceipts sendGridReceipts;
    private final ListUnsubscribe listUnsubscribe;
    private final OutcomeIntake outcomeIntake;
    private final OutcomeEndpoints outcomes;
    private final MetricsEndpoint metricsEndpoint;
    private final LiveReload reload;
    private final ConfigReloader reloader;
    private final AdminEndpoints admin;
    private final boolean adminServed;
    private final Console console;
    private final boolean consoleServed;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param daemon true for the daemon (HTTP server, metrics, live reload), false for {@code run --once}
     */
    HubRuntime(HubConfig config, CamelContext camel, Clock clock, boolean daemon) throws SQLException {
        this.config = config;
        this.clock = clock;
        HubSettings settings = config.settings();
        boolean serving = daemon && settings.bool("hub.http.enabled");
        // Served only by the daemon's HTTP server; run --once has no one to scrape it.
        this.prometheus = serving && settings.bool("hub.metrics.enabled") ? new PrometheusHubMetrics() : null;
        this.metrics = prometheus == null ? HubMetrics.NONE : prometheus;
        this.stages = new Stages(config, Stages.Mode.RUN, clock, metrics, sourceRoutes(camel));
        try {
            // each provider behind its rate limit (shared through a PostgreSQL ledger), pause and circuit breaker
            this.guards = new ProviderGuards(settings.sharedLedger() ? RateBuckets.postgres(stages.ledgerDataSource())
                    : RateBuckets.local(), Duration.ofMillis(settings.integer("hub.dispatch.rate-wait-ms", 1)), clock,
                    metrics, settings.callsPerProvider());
            // the e-mail adapters find the unsubscribe header in the registry when they are built, now and on reloads
            this.listUnsubscribe = settings.listUnsubscribe();
            camel.getRegistry().bind(Beans.LIST_UNSUBSCRIBE, listUnsubscribe);
            this.outcomeIntake = new OutcomeIntake(stages.ledgerDataSource(),
                    new OutcomeBook(stages.ledgerDataSource(), stages.instanceId()), this::optOuts,
                    stages.contacts()::lookup, settings.replyRules(), metrics, clock);
            this.providers = new LiveProviders(config.live().providers(),
                    guards.around(new ProviderAdapterFactory(camel)::create));
            this.workers = workers(settings.integer("hub.dispatch.threads", 1));
            this.dispatchJob = dispatchJob(settings, camel);

            this.readiness = new Readiness();
            readiness.watch("scan", new StuckScan(stages.planningJob()::runningFor,
                    settings.seconds("hub.health.scan-stuck-seconds", 0)));
            this.health = new HealthEndpoints(readiness, guards::circuits);
            this.databaseWatch = new DatabaseWatch(Map.of(
                    "ledger", DatabaseWatch.connect(settings.database("ledger")),
                    "core", DatabaseWatch.connect(settings.database("core"))), readiness);
            this.receipts = new ReceiptEndpoints(new ReceiptBook(stages.ledgerDataSource(), stages.instanceId(), metrics),
                    settings.receipts(config.live().providers()), clock);
            this.sendGridReceipts = new SendGridReceipts(new ReceiptBook(stages.ledgerDataSource(), stages.instanceId(),
                    metrics), settings.sendGridReceipts(), clock);
            this.outcomes = new OutcomeEndpoints(outcomeIntake, settings.outcomes(config.live().providers()), clock);
            this.metricsEndpoint = prometheus == null ? MetricsEndpoint.OFF : metricsEndpoint(prometheus);
            this.reloader = daemon ? new ConfigReloader(camel, this, settings, config.routesDir(), providers, guards,
                    receipts, outcomes) : null;
            this.reload = reloader == null ? LiveReload.UNAVAILABLE : reloader;
            AdminToken token = AdminToken.of(settings.adminToken());
            // the admin routes start only with a token (autoStartup "{{hub.admin.served}}"): none, none served
            this.adminServed = serving && token.isSet();
            LedgerAdmin ledgerAdmin = new LedgerAdmin(stages.ledgerDataSource(), stages.instanceId());
            this.admin = new AdminEndpoints(token, ledgerAdmin, reload, clock, outcomeIntake);
            this.console = console(settings, ledgerAdmin);
            // like the admin routes: the console's route starts only with a viewer or admin token
            this.consoleServed = serving && console.enabled();
        } catch (RuntimeException e) {
            stages.close();
            throw e;
        }
    }

    /** The opt-outs under the policy in force (its stop words and default phone region). */
    private OptOuts optOuts() {
        ContactPolicy policy = stages.live().config().policy();
        return new OptOuts(stages.policyStore(), policy.stopKeywords(), policy.defaultPhoneRegion());
    }


    /**
     * The web console. Its ladder calendar simulates with the configuration in force (a reload included), on a
     * scratch ledger of its own, as {@code simulate} does.
     */
    private Console console(HubSettings settings, LedgerAdmin ledgerAdmin) {
        ConsoleAccess access = new ConsoleAccess(settings.viewerToken(), settings.adminToken(), clock);
        var registry = prometheus == null ? null : prometheus.registry();
        Operations operations = new Operations(guards::circuits, () -> stages.live().config().providers().enabled(),
                registry, () -> {
                    var last = stages.planningJob().lastSummary();
                    return new Operations.Scan(Operations.lastScanSuccess(registry), stages.planningJob().runningFor(),
                            last == null ? null : last.rows(), last == null ? null : last.newNotices(),
                            last == null ? null : last.millis());
                });
        return new Console(access, new TodayReport(stages.ledgerDataSource(), stages.businessZone()),
                new Timeline(stages.ledgerDataSource(), sentContent(settings)), new ConsoleCalendar(() -> new HubConfig(
                        config.settings(), stages.liveConfig(), config.routesDir())), operations, ledgerAdmin,
                new io.dunninghub.policy.PolicyStore(stages.ledgerDataSource()), stages.businessZone(),
                settings.integer("hub.console.refresh-seconds", 0), settings.path("hub.render.letter-font"), clock);
    }

    /** Where the timeline finds the message as sent: the evidence store, unless nothing is kept. */
    private SentContent sentContent(HubSettings settings) {
        return settings.evidenceMode() == EvidenceMode.NONE ? SentContent.NONE
                : new EvidenceSentContent(new NoticeContents(stages.ledgerDataSource()), settings.evidenceKeys());
    }

    private static ExecutorService workers(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dispatch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private DispatchJob dispatchJob(HubSettings settings, CamelContext camel) {
        // read once per batch under the batch lock, so one batch sees one snapshot
        SendTimeRules rules = new SendTimeRules(() -> stages.live().config().ladders(),
                () -> stages.live().config().policy(), stages.contacts(), stages.parties(),
                () -> stages.live().standing(), stages.contactLog(), stages.history(), stages.businessZone());
        NoticeModels models = new NoticeModels(settings::lender, settings::lawFirm,
                settings.integer("hub.render.deadline-days", 0), stages.businessZone(), listUnsubscribe::link);
        // a provider's answer about the address: contact feedback, and the outcome (bounced, rejected, token dead)
        OutcomeGateway gateway = new OutcomeGateway(new FeedbackGateway(new CamelChannelGateway(
                camel.createProducerTemplate(), providers, Beans.PROVIDER_ROUTER), new ContactFeedbackStore(stages.ledgerDataSource()), clock), outcomeIntake);
        DispatchPass pass = new DispatchPass(stages.ledger(), stages.scanner(), rules,
                (template, channel, locale, model) -> stages.live().config().renderer().render(template, channel,
                        locale, model), gateway, models, stages.loans(), settings.retryPolicy(), workers,
                stages.businessZone(),
                settings.get("hub.render.default-locale"), settings.integer("hub.dispatch.batch-size", 1),
                settings.integer("hub.dispatch.window", 1), settings.seconds("hub.dispatch.lease-seconds", 10), metrics,
                evidence(settings));
        return new DispatchJob(pass, clock, ROUND_BUDGET, stages.batchLock().readLock(),
                stages.batchLock()::hasQueuedThreads);
    }

    /** What is kept of every notice sent, hashed against the snapshot of the batch sending it. */
    private EvidenceCapture evidence(HubSettings settings) {
        return new EvidenceCapture(settings.evidenceMode(), settings.evidenceKeys(), () -> {
            LiveConfig c = stages.live().config();
            return new EvidenceCapture.Snapshot(c.fingerprint(), c.renderer());
        });
    }

    private MetricsEndpoint metricsEndpoint(PrometheusHubMetrics registry) {
        registry.circuits(guards::circuits);
        registry.readiness(readiness::isReady);
        LedgerAdmin ledger = new LedgerAdmin(stages.ledgerDataSource());
        BacklogGauges backlog = new BacklogGauges(now -> {
            LedgerAdmin.Backlog b = ledger.backlog(now);
            return new BacklogGauges.Reading(b.dueNow(), b.oldestDueAge());
        }, clock);
        registry.backlog(backlog);
        for (DataSource pool : new DataSource[] {stages.ledgerDataSource(), stages.coreDataSource()}) {
            if (pool instanceof HikariDataSource hikari) {
                hikari.setMetricRegistry(registry.registry()); // hikaricp_connections_* by pool (ledger, core)
            }
        }
        return new MetricsEndpoint(registry, backlog);
    }

    /** The endpoints that answer the re-check and the contacts when hub.*.source = route; asked once Camel runs. */
    static Stages.SourceRoutes sourceRoutes(CamelContext camel) {
        java.util.concurrent.atomic.AtomicReference<org.apache.camel.ProducerTemplate> template =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.Function<String, io.dunninghub.common.RouteLookup> call = uri -> ids -> {
            org.apache.camel.ProducerTemplate t = template.updateAndGet(p -> p != null ? p : camel.createProducerTemplate());
            return t.requestBody(uri, ids);
        };
        return new Stages.SourceRoutes(call.apply(RECHECK_ENDPOINT), call.apply(CONTACTS_ENDPOINT));
    }

    /** Answers the current rows of a list of installment ids (hub.recheck.source = route). */
    public static final String RECHECK_ENDPOINT = "direct:installments.recheck";
    /** Answers one contact row per borrower id (hub.contacts.source = route). */
    public static final String CONTACTS_ENDPOINT = "direct:contacts";

    /** Binds every bean the routes call, by the names of {@link Beans}. */
    void bind(Registry registry) {
        registry.bind(Beans.PLANNING_JOB, stages.planningJob());
        registry.bind(Beans.DISPATCH_JOB, dispatchJob);
        registry.bind(Beans.PROVIDER_ROUTER, providers);
        registry.bind(Beans.PROVIDER_GUARDS, guards);
        registry.bind(Beans.DELIVERY_RESULTS, new DeliveryResults()); // for integrators' YAML routes
        registry.bind(Beans.HUB_RUNTIME, this);
        registry.bind(Beans.READINESS, readiness);
        registry.bind(Beans.HEALTH, health);
        registry.bind(Beans.DATABASE_WATCH, databaseWatch);
        registry.bind(Beans.RECEIPTS, receipts);
        registry.bind(Beans.SENDGRID_RECEIPTS, sendGridReceipts);
        registry.bind(Beans.OUTCOMES, outcomes);
        registry.bind(Beans.LIST_UNSUBSCRIBE, listUnsubscribe);
        registry.bind(Beans.METRICS, metricsEndpoint);
        registry.bind(Beans.ADMIN, admin);
        registry.bind(Beans.RETENTION, new Retention(new Erasure(stages.ledgerDataSource()),
                config.settings().retention(), new LedgerArchive(stages.ledgerDataSource(), clock),
                config.settings().archiveAge(), config.settings().archiveBatch(), clock));

        registry.bind(Beans.CONSOLE, console);
        registry.bind(Beans.INSTALLMENT_CSV, new io.dunninghub.scan.CsvRows());
        registry.bind(Beans.CORE_BANK, stages.coreDataSource());
    }

    /** Whether the admin routes are to start: the HTTP server runs and a token is set. */
    boolean adminServed() {
        return adminServed;
    }

    /** Whether the console's route is to start: the HTTP server runs and a viewer or admin token is set. */
    boolean consoleServed() {
        return consoleServed;
    }

    /** Starts watching the live files when {@code hub.config.watch} is on (the daemon only). */
    void watchConfig() throws IOException {
        if (reloader != null && config.settings().bool("hub.config.watch")) {
            reloader.watch();
        }
    }

    @Override
    public LiveConfig liveConfig() {
        return stages.liveConfig();
    }

    @Override
    public boolean apply(LiveConfig next, Duration wait, Runnable alsoSwap) throws InterruptedException {
        return stages.apply(next, wait, alsoSwap);
    }

    public HubSettings settings() {
        return config.settings();
    }

    public Clock clock() {
        return clock;
    }

    public HubMetrics metrics() {
        return metrics;
    }

    public DataSource ledgerDataSource() {
        return stages.ledgerDataSource();
    }

    public DataSource coreDataSource() {
        return stages.coreDataSource();
    }

    /** Whether the ledger is PostgreSQL, so instances share it. */
    public boolean sharedLedger() {
        return config.settings().sharedLedger();
    }

    public Ledger ledger() {
        return stages.ledger();
    }

    public TemplateRenderer renderer() {
        return liveConfig().renderer();
    }

    /** The planning pass of the configuration in force. */
    public PlanningPass planningPass() {
        return stages.planningPass();
    }

    public PlanningJob planningJob() {
        return stages.planningJob();
    }

    /** Takes in call results, replies, unsubscribes and provider answers about addresses. */
    public OutcomeIntake outcomeIntake() {
        return outcomeIntake;
    }

    public DispatchJob dispatchJob() {
        return dispatchJob;
    }

    public ProviderGuards providerGuards() {
        return guards;
    }

    public Readiness readiness() {
        return readiness;
    }

    /**
     * Before Camel stops: no more reloads, and dispatch stops claiming (notices in flight finish, claimed ones not
     * started go back to the ledger).
     */
    void quiesce() {
        if (reloader != null) {
            reloader.close();
        }
        dispatchJob.stop();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (reloader != null) {
            reloader.close();
        }
        dispatchJob.stop();
        // calls still running past the shutdown timeout: recorded (or handed back) before the pools close
        dispatchJob.abandonInFlight();
        workers.shutdown();
        try {
            providers.close();
        } catch (RuntimeException e) {
            LOG.warn("providers did not close cleanly: {}", e.getClass().getSimpleName());
        }
        stages.close();
        if (prometheus != null) {
            prometheus.close();
        }
        LOG.debug("runtime closed");
    }
}
