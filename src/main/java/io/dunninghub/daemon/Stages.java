package io.dunninghub.daemon;

import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.common.ConfigException;
import io.dunninghub.common.RouteLookup;
import io.dunninghub.config.HubConfig;
import io.dunninghub.config.HubSettings;
import io.dunninghub.config.LiveConfig;
import io.dunninghub.config.LiveTarget;
import io.dunninghub.contact.ContactDirectory;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.demo.DemoBank;
import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.ledger.ContactLog;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.LedgerSchema;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.plan.PlanningJob;
import io.dunninghub.plan.PlanningPass;
import io.dunninghub.plan.ScanLock;
import io.dunninghub.policy.CoreStanding;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.policy.StandingSource;
import io.dunninghub.scan.ColumnMapping;
import io.dunninghub.scan.Installment;
import io.dunninghub.scan.FedRows;
import io.dunninghub.scan.InstallmentRows;
import io.dunninghub.scan.InstallmentScanner;
import io.dunninghub.scan.LoanDetails;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;

/**
 * The stages of the flow built from one checked configuration: the two connection pools, the ledger, the scan,
 * contacts and parties, the policy's tables, the configuration in force and the planning job. The daemon and
 * {@code run --once} add dispatch and the web endpoints around them ({@link HubRuntime}); {@code preview} uses
 * them alone.
 */
public final class Stages implements LiveTarget, AutoCloseable {

    public enum Mode {
        /** The daemon and run --once: migrates the ledger, may create the demo bank. */
        RUN,
        /** preview: reads only; never migrates or writes the ledger. */
        PREVIEW,
        /** simulate: a scratch ledger in memory, never the real one; the core bank only read. */
        SIMULATE
    }

    private final HubSettings settings;
    private final String instanceId;
    private final HikariDataSource core;
    private final HikariDataSource ledgerPool;
    private final Ledger ledger;
    private final InstallmentScanner scanner;
    private final ContactDirectory contacts;
    private final PartyDirectory parties;
    private final PolicyStore policyStore;
    private final ContactLog contactLog;
    private final ContactHistory history;
    private final LoanDetails loans;
    private final PlanningJob planningJob;
    private final HubMetrics metrics;
    private final ZoneId businessZone;
    private final int chunkSize;
    private final int scanThreads;
    // Dispatch batches hold the read side; putting a new configuration in force takes the write side, so a
    // batch finishes with the configuration it started with. Fair, so a waiting reload is not starved.
    private final ReentrantReadWriteLock batches = new ReentrantReadWriteLock(true);
    private volatile Live live;

    /** One configuration snapshot and what is built from it; a planning pass keeps the one it started with. */
    record Live(LiveConfig config, StandingSource standing, PlanningPass planningPass) {
    }

    /** The stages alone, reading and never writing: what {@code preview} needs. */
    public static Stages preview(HubConfig config, Clock clock) throws SQLException {
        return new Stages(config, Mode.PREVIEW, clock, HubMetrics.NONE);
    }

    /**
     * The stages on a scratch ledger, for {@code simulate}: the core bank as it is, each row seen through
     * {@code view} (scripted payments, one borrower).
     */
    static Stages simulation(HubConfig config, Clock clock, java.util.function.UnaryOperator<Installment> view)
            throws SQLException {
        return new Stages(config, Mode.SIMULATE, clock, HubMetrics.NONE, view);
    }

    Stages(HubConfig config, Mode mode, Clock clock, HubMetrics metrics) throws SQLException {
        this(config, mode, clock, metrics, java.util.function.UnaryOperator.identity(), SourceRoutes.NONE);
    }

    /** As the daemon builds them: the re-check and the contacts may be answered by routes (hub.*.source = route). */
    Stages(HubConfig config, Mode mode, Clock clock, HubMetrics metrics, SourceRoutes routes) throws SQLException {
        this(config, mode, clock, metrics, java.util.function.UnaryOperator.identity(), routes);
    }

    private Stages(HubConfig config, Mode mode, Clock clock, HubMetrics metrics,
                   java.util.function.UnaryOperator<Installment> view) throws SQLException {
        this(config, mode, clock, metrics, view, SourceRoutes.NONE);
    }

    /**
     * The routes that answer for a core bank that is not a SQL schema: {@code direct:installments.recheck} and
     * {@code direct:contacts}, called only where hub.recheck.source or hub.contacts.source is route. Without Camel
     * (preview, simulate) there is no route to ask, and saying so is the answer.
     */
    record SourceRoutes(RouteLookup recheck, RouteLookup contacts) {
        static final SourceRoutes NONE = new SourceRoutes(noRoute("hub.recheck.source"), noRoute("hub.contacts.source"));

        private static RouteLookup noRoute(String key) {
            return ids -> {
                throw new IllegalStateException(key + " = route: only the daemon (run) has the routes to ask");
            };
        }
    }

    private Stages(HubConfig config, Mode mode, Clock clock, HubMetrics metrics,
                   java.util.function.UnaryOperator<Installment> view, SourceRoutes routes) throws SQLException {
        this.settings = config.settings();
        this.metrics = metrics;
        this.businessZone = settings.zone("hub.business-zone");
        this.chunkSize = settings.integer("hub.scan.chunk-size", 1);
        this.scanThreads = settings.integer("hub.scan.threads", 1);
        this.instanceId = Databases.instanceId(settings);
        HubSettings.Database coreDb = settings.database("core");
        if (settings.bool("hub.demo.enabled")) {
            // preview too: the demo bank stands in for the lender's database, preview still writes no ledger
            seedDemoBank(settings, clock);
        }
        this.core = Databases.pool(coreDb, "core", coreDb.poolSize(), true, instanceId);
        this.ledgerPool = mode == Mode.RUN ? ledgerForRun(settings, instanceId)
                : mode == Mode.SIMULATE ? scratchLedger(instanceId, "simulate")
                : ledgerForPreview(settings, instanceId);
        this.ledger = new Ledger(ledgerPool, instanceId);
        // a route-fed source (hub.scan.source = route) has no scan SQL: the scanner then only re-checks
        InstallmentScanner scanner = new InstallmentScanner(core,
                settings.scanFromRoute() ? "" : settings.required("hub.scan.sql"),
                settings.recheckFromRoute() ? "" : settings.required("hub.recheck.sql"), new ColumnMapping(settings.below("hub.scan.column.")),
                settings.integer("hub.scan.fetch-size", 1), settings.integer("hub.scan.progress-every", 0))
                .withView(view);
        this.scanner = settings.recheckFromRoute() ? scanner.withRecheckRoute(routes.recheck()) : scanner;
        ContactDirectory directory = new ContactDirectory(core,
                settings.contactsFromRoute() ? "" : settings.required("hub.contacts.sql"),
                new ColumnMapping(settings.below("hub.contacts.column.")));
        this.contacts = settings.contactsFromRoute() ? directory.withRoute(routes.contacts()) : directory;
        this.parties = new PartyDirectory(core, settings.get("hub.parties.sql"),
                new ColumnMapping(settings.below("hub.parties.column.")));
        this.policyStore = new PolicyStore(ledgerPool);
        this.contactLog = new ContactLog(ledgerPool, instanceId);
        this.history = new ContactHistory(ledgerPool, settings.archiveAge());
        this.loans = new LoanDetails(core, settings.get("hub.loans.sql"), settings.get("hub.schedule.sql"));
        this.live = live(config.live());
        // one job for the daemon's life (readiness watches it); each scan takes the pass of the snapshot in force;
        // on a PostgreSQL ledger one instance at a time plans (an advisory lock), whichever trigger started it
        InstallmentRows rows = new InstallmentRows(new ColumnMapping(settings.below("hub.scan.column.")));
        long progressEvery = settings.integer("hub.scan.progress-every", 0);
        this.planningJob = new PlanningJob(() -> live.planningPass(), clock,
                settings.sharedLedger() ? ScanLock.postgres(ledgerPool) : ScanLock.none(),
                settings.scanFromRoute() ? body -> new FedRows(body, rows, progressEvery) : null);
    }

    /**
     * Creates and fills the demo core bank when it is empty, through a connection of its own: the hub's pool on the
     * core database is read-only, and PostgreSQL refuses to write through it.
     */
    private static void seedDemoBank(HubSettings settings, Clock clock) throws SQLException {
        try (HikariDataSource writable = Databases.forCommand(settings.database("core"), "demo-seed")) {
            DemoBank.seedIfEmpty(writable, settings.integer("hub.demo.borrowers", 1),
                    LocalDate.now(clock.withZone(settings.zone("hub.business-zone"))));
        }
    }

    /** A ledger in memory with the hub's schema, dropped when the pool closes. */
    private static HikariDataSource scratchLedger(String instanceId, String name) {
        HikariDataSource scratch = Databases.pool(new HubSettings.Database("ledger",
                "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "",
                2), "ledger", 4, false, instanceId);
        LedgerSchema.migrate(scratch);
        return scratch;
    }

    private static HikariDataSource ledgerForRun(HubSettings settings, String instanceId) {
        HubSettings.Database db = settings.database("ledger");
        HikariDataSource pool = Databases.pool(db, "ledger", db.poolSize(), false, instanceId);
        try {
            LedgerSchema.migrate(pool);
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Preview reads the ledger (notices already planned, contacts made, holds) and never changes it. A ledger that
     * was never created is read as an empty one: a scratch ledger in memory, dropped when preview ends.
     */
    private static HikariDataSource ledgerForPreview(HubSettings settings, String instanceId) {
        HubSettings.Database db = settings.database("ledger");
        HikariDataSource pool = Databases.pool(db, "ledger", 2, false, instanceId);
        try {
            if (LedgerSchema.isEmpty(pool)) {
                pool.close();
                return scratchLedger(instanceId, "preview");
            }
            List<String> pending = LedgerSchema.pending(pool);
            if (!pending.isEmpty()) {
                throw new ConfigException(settings.file(), "hub.ledger.url", "the ledger's schema is older than this "
                        + "version of the hub (migrations " + String.join(", ", pending) + " pending): run the daemon "
                        + "or 'run --once' once to upgrade it, then preview");
            }
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private Live live(LiveConfig c) {
        String region = c.policy().defaultPhoneRegion();
        StandingSource standing = new StandingSource(policyStore, new CoreStanding(core, settings.get("hub.holds.sql"),
                settings.get("hub.promises.sql"), settings.get("hub.optouts.sql"), region),
                // conversations count for cool-downs and for connected-calls caps over 7 days
                region, java.util.Collections.max(java.util.List.of(c.policy().longestCoolDown(),
                        java.time.Duration.ofDays(7))).plusDays(1));
        PlanningPass pass = new PlanningPass(scanner, c::ladders, contacts, parties, c::policy, standing,
                contactLog, history, ledger, businessZone, chunkSize, scanThreads, metrics);
        return new Live(c, standing, pass);
    }

    @Override
    public LiveConfig liveConfig() {
        return live.config();
    }

    @Override
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

    /** The snapshot in force and what was built from it; read once per batch under the batch lock. */
    Live live() {
        return live;
    }

    ReentrantReadWriteLock batchLock() {
        return batches;
    }

    public HubSettings settings() {
        return settings;
    }

    public String instanceId() {
        return instanceId;
    }

    /** The hub's own database (ledger, receipts, rate buckets, contact feedback). */
    public DataSource ledgerDataSource() {
        return ledgerPool;
    }

    /** The core banking database (read only). */
    public DataSource coreDataSource() {
        return core;
    }

    public Ledger ledger() {
        return ledger;
    }

    public InstallmentScanner scanner() {
        return scanner;
    }

    public ContactDirectory contacts() {
        return contacts;
    }

    public PartyDirectory parties() {
        return parties;
    }

    public ContactLog contactLog() {
        return contactLog;
    }

    /** What the ledger shows was sent about each debt. */
    public ContactHistory history() {
        return history;
    }

    /** What the core bank says about loans (hub.loans.sql, hub.schedule.sql). */
    public LoanDetails loans() {
        return loans;
    }

    public PolicyStore policyStore() {
        return policyStore;
    }

    /** The planning pass of the configuration in force. */
    public PlanningPass planningPass() {
        return live.planningPass();
    }

    /** The scan routes' job (one scan at a time); the same instance on every call. */
    public PlanningJob planningJob() {
        return planningJob;
    }

    public ZoneId businessZone() {
        return businessZone;
    }

    @Override
    public void close() {
        core.close();
        ledgerPool.close();
    }
}
