package io.dunninghub.ops;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.common.ConfigException;
import io.dunninghub.contact.ContactDirectory;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.demo.DemoBank;
import io.dunninghub.dispatch.ChannelGateway;
import io.dunninghub.dispatch.DispatchJob;
import io.dunninghub.dispatch.DispatchPass;
import io.dunninghub.dispatch.RetryPolicy;
import io.dunninghub.dispatch.SendTimeRules;
import io.dunninghub.dispatch.TemplateModel;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ledger.ContactLog;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.plan.PlanningJob;
import io.dunninghub.plan.PlanningPass;
import io.dunninghub.plan.ScanLock;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.CoreStanding;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.policy.StandingSource;
import io.dunninghub.render.LetterPdfWriter;
import io.dunninghub.render.TemplateRenderer;
import io.dunninghub.scan.ColumnMapping;
import io.dunninghub.scan.InstallmentScanner;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the hub's pieces from its configuration: data sources, ledger, the planning and dispatch passes.
 * Camel only triggers them (routes) and carries messages to providers (channel routes).
 */
public final class HubRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubRuntime.class);

    public enum Mode {
        /** The daemon and run --once: migrates the ledger, may create the demo bank. */
        RUN,
        /** preview: reads only; never migrates or writes the ledger. */
        PREVIEW
    }

    private final HubSettings settings;
    private final HikariDataSource core;
    private final HikariDataSource hub;
    private final Ledger ledger;
    private final InstallmentScanner scanner;
    private final ContactDirectory contacts;
    private final PartyDirectory parties;
    private final PolicyStore policyStore;
    private final ContactLog contactLog;
    private final PlanningJob planningJob;
    private final HubMetrics metrics;
    private final Clock clock;
    private final java.time.ZoneId businessZone;
    private final int chunkSize;
    // Dispatch batches hold the read side; putting a new configuration in force takes the write side, so a
    // batch finishes with the configuration it started with. Fair, so a waiting reload is not starved.
    private final ReentrantReadWriteLock batches = new ReentrantReadWriteLock(true);
    private volatile Live live;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private ExecutorService workers;
    private AutoCloseable providers;
    private DispatchJob dispatchJob;

    public HubRuntime(HubSettings settings, Set<String> propertyKeys, Mode mode, Clock clock) throws SQLException {
        this(settings, propertyKeys, mode, clock, HubMetrics.NONE);
    }

    /** @param metrics where the passes count what they do ({@link HubMetrics#NONE}: nowhere) */
    public HubRuntime(HubSettings settings, Set<String> propertyKeys, Mode mode, Clock clock, HubMetrics metrics)
            throws SQLException {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        LadderConfig ladders = LadderConfig.load(settings.configDir().resolve("ladder.yaml"));
        ContactPolicy policy = ContactPolicy.load(settings.configDir().resolve("policy.yaml"));
        TemplateRenderer renderer = renderer(settings);
        this.businessZone = settings.zone("hub.business-zone");
        this.chunkSize = settings.integer("hub.scan.chunk-size", 1);
        String instanceId = instanceId(settings);

        this.core = dataSource("core", settings, true, instanceId);
        this.hub = dataSource("ledger", settings, false, instanceId);
        boolean ledgerReady;
        if (mode == Mode.RUN) {
            migrate(hub);
            ledgerReady = true;
            if (settings.bool("hub.demo.enabled")) {
                DemoBank.seedIfEmpty(core, settings.integer("hub.demo.borrowers", 1),
                        LocalDate.now(clock.withZone(settings.zone("hub.business-zone"))));
            }
        } else {
            ledgerReady = ledgerExists(hub);
            if (settings.bool("hub.demo.enabled") && !DemoBank.hasSchema(core)) {
                throw new ConfigException(settings.file(), "hub.demo.enabled",
                        "the demo core-banking database does not exist yet; run 'run --once' first");
            }
        }
        this.ledger = ledgerReady ? new Ledger(hub, instanceId) : null;

        this.scanner = new InstallmentScanner(core, settings.required("hub.scan.sql"),
                settings.required("hub.recheck.sql"),
                new ColumnMapping(settings.below("hub.scan.column.", propertyKeys)),
                settings.integer("hub.scan.fetch-size", 1), settings.integer("hub.scan.progress-every", 0));
        this.contacts = new ContactDirectory(core, settings.required("hub.contacts.sql"),
                new ColumnMapping(settings.below("hub.contacts.column.", propertyKeys)));
        this.parties = new PartyDirectory(core, settings.get("hub.parties.sql"),
                new ColumnMapping(settings.below("hub.parties.column.", propertyKeys)));
        // Preview reads the policy tables only where the ledger already has them; it never creates them.
        this.policyStore = mode == Mode.RUN ? new PolicyStore(hub) : ledgerReady ? PolicyStore.ifPresent(hub) : null;
        this.contactLog = policyStore == null ? null : new ContactLog(hub, instanceId);
        this.live = live(new LiveConfig(ladders, policy, renderer, null, null));
        // one job for the daemon's life (readiness watches it); each scan takes the pass of the snapshot in force
        // on a PostgreSQL ledger one instance at a time plans (an advisory lock), whichever trigger started it
        this.planningJob = new PlanningJob(() -> live.planningPass(), clock,
                sharedLedger() ? ScanLock.postgres(hub) : ScanLock.none());
    }

    /** One configuration snapshot and what is built from it; a planning pass keeps the one it started with. */
    private record Live(LiveConfig config, StandingSource standing, PlanningPass planningPass) {
    }

    private Live live(LiveConfig c) {
        String region = c.policy().defaultPhoneRegion();
        StandingSource standing = new StandingSource(policyStore, new CoreStanding(core, settings.get("hub.holds.sql"),
                settings.get("hub.promises.sql"), settings.get("hub.optouts.sql"), region),
                region, c.policy().longestCoolDown().plusDays(1));
        PlanningPass pass = new PlanningPass(scanner, c::ladders, contacts, parties, c::policy, standing,
                contactLog, ledger, businessZone, chunkSize, metrics);
        return new Live(c, standing, pass);
    }

    /** The configuration in force. */
    public LiveConfig liveConfig() {
        return live.config();
    }

    /**
     * Puts {@code next} in force as soon as no dispatch batch is running; planning passes already running finish
     * with the snapshot they started with. {@code alsoSwap} runs in the same moment (providers, routes); if it
     * throws, nothing changes.
     *
     * @return false when running batches did not finish within {@code wait}: nothing changed
     */
    public boolean apply(LiveConfig next, Duration wait, Runnable alsoSwap) throws InterruptedException {
        Live built = live(next);
        if (!batches.writeLock().tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            alsoSwap.run();
            this.live = built;
        } finally {
            batches.writeLock().unlock();
        }
        return true;
    }

    /** Wires dispatch once the channel routes exist: providers, workers and the dispatch pass. */
    public void startDispatch(AutoCloseable providers, ChannelGateway gateway) {
        this.providers = providers;
        int threads = settings.integer("hub.dispatch.threads", 1);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dispatch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        RetryPolicy retry = new RetryPolicy(settings.integer("hub.dispatch.max-attempts", 1),
                settings.seconds("hub.dispatch.backoff-initial-seconds", 1),
                settings.seconds("hub.dispatch.backoff-max-seconds", 1));
        // Read once per batch under the batch lock, so one batch sees one snapshot.
        SendTimeRules rules = new SendTimeRules(() -> live.config().ladders(), () -> live.config().policy(), contacts,
                parties, () -> live.standing(), contactLog, businessZone);
        DispatchPass pass = new DispatchPass(ledger, scanner, rules,
                (template, channel, locale, model) -> live.config().renderer().render(template, channel, locale, model), gateway,
                new TemplateModel(lender(settings), settings.integer("hub.render.deadline-days", 0)), retry, workers,
                settings.zone("hub.business-zone"), settings.get("hub.render.default-locale"),
                settings.integer("hub.dispatch.batch-size", 1), settings.seconds("hub.dispatch.lease-seconds", 10),
                metrics);
        this.dispatchJob = new DispatchJob(pass, clock, Duration.ofSeconds(30), batches.readLock(),
                batches::hasQueuedThreads);
    }

    public HubSettings settings() {
        return settings;
    }

    /** The hub's own database (ledger, receipts, rate buckets, contact feedback). */
    public DataSource ledgerDataSource() {
        return hub;
    }

    /** The core banking database (read only). */
    public DataSource coreDataSource() {
        return core;
    }

    /** Whether the ledger is PostgreSQL, so instances can share rate buckets through it. */
    public boolean sharedLedger() {
        String url = settings.get("hub.ledger.url");
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    public Ledger ledger() {
        return ledger;
    }

    public ContactPolicy policy() {
        return live.config().policy();
    }

    /** The hub's policy tables (holds, promises, opt-outs), or null in a preview of a ledger without them. */
    public PolicyStore policyStore() {
        return policyStore;
    }

    public LadderConfig ladders() {
        return live.config().ladders();
    }

    public TemplateRenderer renderer() {
        return live.config().renderer();
    }

    /** The planning pass of the configuration in force. */
    public PlanningPass planningPass() {
        return live.planningPass();
    }

    /** The scan routes' job (one scan at a time); the same instance on every call. */
    public PlanningJob planningJob() {
        return planningJob;
    }

    public HubMetrics metrics() {
        return metrics;
    }

    public DispatchJob dispatchJob() {
        return dispatchJob;
    }

    public Clock clock() {
        return clock;
    }

    /** The templates as they are now (a snapshot: edits on disk take effect through a reload). */
    static TemplateRenderer renderer(HubSettings settings) {
        return TemplateRenderer.snapshot(settings.configDir().resolve("templates"), settings.get("hub.render.default-locale"),
                letterPdf(settings));
    }

    static LetterPdfWriter letterPdf(HubSettings settings) {
        String paper = settings.get("hub.render.letter-paper");
        if (paper != null && !paper.strip().matches("(?i)A4|LETTER")) {
            throw new ConfigException(settings.file(), "hub.render.letter-paper", "must be A4 or LETTER, not '" + paper + "'");
        }
        return new LetterPdfWriter(settings.path("hub.render.letter-font"), settings.get("hub.render.letter-paper"));
    }

    static Map<String, String> lender(HubSettings settings) {
        Map<String, String> lender = new LinkedHashMap<>();
        Function<String, String> v = k -> settings.get("hub.lender." + k);
        lender.put("name", v.apply("name"));
        lender.put("appName", v.apply("app-name"));
        lender.put("hotline", v.apply("hotline"));
        lender.put("website", v.apply("website"));
        lender.put("email", v.apply("email"));
        lender.put("address", v.apply("address"));
        lender.put("complaints", v.apply("complaints"));
        return lender;
    }

    private static HikariDataSource dataSource(String name, HubSettings settings, boolean readOnly, String instanceId) {
        String prefix = "hub." + name + ".";
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName(name);
        cfg.setJdbcUrl(settings.required(prefix + "url"));
        if (cfg.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            // pg_stat_activity and pg_locks then say which instance holds a session (e.g. the scan's lock)
            cfg.addDataSourceProperty("ApplicationName", applicationName(instanceId, name));
        }
        cfg.setUsername(settings.get(prefix + "username"));
        cfg.setPassword(settings.get(prefix + "password"));
        cfg.setMaximumPoolSize(settings.integer(prefix + "pool-size", 1));
        cfg.setReadOnly(readOnly);
        // Start even when the database is down: the daemon reports it and recovers when it comes back.
        cfg.setInitializationFailTimeout(-1);
        cfg.setConnectionTimeout(10_000);
        return new HikariDataSource(cfg);
    }

    /** What PostgreSQL shows as a session's application_name: at most 63 bytes are kept. */
    static String applicationName(String instanceId, String pool) {
        String name = "dunning-hub " + instanceId + " " + pool;
        return name.length() <= 63 ? name : "dunning-hub ..." + name.substring(name.length() - 48);
    }

    static void migrate(DataSource hub) {
        Flyway.configure().dataSource(hub).locations("classpath:db/migration").load().migrate();
    }

    private static boolean ledgerExists(DataSource hub) throws SQLException {
        try (Connection c = hub.getConnection()) {
            for (String name : new String[] {"notice", "NOTICE"}) {
                try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static String instanceId(HubSettings settings) {
        String id = settings.get("hub.instance-id");
        if (id != null && !id.isBlank()) {
            return id;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ManagementFactory.getRuntimeMXBean().getPid();
        } catch (Exception e) {
            return "hub-" + ManagementFactory.getRuntimeMXBean().getPid();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (dispatchJob != null) {
            dispatchJob.stop();
        }
        if (workers != null) {
            workers.shutdown();
        }
        if (providers != null) {
            try {
                providers.close();
            } catch (Exception e) {
                LOG.warn("providers did not close cleanly: {}", e.getClass().getSimpleName());
            }
        }
        core.close();
        hub.close();
        LOG.debug("runtime closed");
    }
}
