package io.dunninghub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.contact.ContactDirectory;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.demo.DemoBank;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.ledger.ContactLog;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.plan.PlanningPass;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.ContactWindow;
import io.dunninghub.policy.CoreStanding;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.policy.StandingSource;
import io.dunninghub.render.NoticeModels;
import io.dunninghub.render.RenderedMessage;
import io.dunninghub.render.TemplateModel;
import io.dunninghub.scan.ColumnMapping;
import io.dunninghub.scan.InstallmentScanner;
import io.dunninghub.scan.LoanDetails;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Ledgers;
import io.dunninghub.support.Policies;
import io.dunninghub.support.Postgres;
import io.dunninghub.support.Slow;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claimed notices never wait for their lease when the hub knows it will not send them: a batch claimed just before
 * the ledger went away is handed back as soon as it is back, and calls still running when the hub stops are
 * recorded before it exits. Real PostgreSQL; the ledger "goes away" behind a switch in its data source.
 */
@Slow
class DispatchHandBackTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A fixed instant: 10:00 in Shanghai, inside any contact window. */
    private static final Instant NOW = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, SHANGHAI).toInstant();
    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path work;
    DataSource core;
    DataSource rawLedger;
    Switchable ledgerDs;
    Ledger ledger;
    InstallmentScanner scanner;
    SendTimeRules rules;
    ExecutorService workers;

    /** A data source that can be switched off: every new connection then fails, as with a database that is down. */
    static final class Switchable implements DataSource {
        final DataSource real;
        final AtomicBoolean down = new AtomicBoolean();
        /** Connections still handed out before the switch flips on its own (-1: never). */
        final AtomicInteger downAfter = new AtomicInteger(-1);

        Switchable(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (downAfter.get() >= 0 && downAfter.getAndDecrement() == 0) {
                down.set(true);
            }
            if (down.get()) {
                throw new SQLTransientConnectionException("ledger unreachable (test)");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @BeforeEach
    void world() throws Exception {
        core = Postgres.dataSource(Postgres.newDatabase("core"));
        DemoBank.createSchema(core);
        HubFixture.bulkBorrowers(core, 3, 3, LocalDate.ofInstant(NOW, SHANGHAI));
        rawLedger = Ledgers.fresh("postgresql");
        ledgerDs = new Switchable(rawLedger);
        ledger = new Ledger(ledgerDs, "hub-a");
        scanner = new InstallmentScanner(core, HubFixture.shippedProperty("hub.scan.sql"),
                HubFixture.shippedProperty("hub.recheck.sql"), new ColumnMapping(Map.of()), 100, 0);
        ContactDirectory contacts = new ContactDirectory(core, HubFixture.shippedProperty("hub.contacts.sql"),
                new ColumnMapping(Map.of()));
        PartyDirectory parties = new PartyDirectory(core, null, new ColumnMapping(Map.of()));
        Path ladderFile = Files.writeString(work.resolve("ladder.yaml"), """
                ladders:
                  - id: sms-only
                    steps:
                      - id: early
                        dpd: 1..
                        channels:
                          - { channel: sms, template: overdue_early }
                """);
        LadderConfig ladders = LadderConfig.load(ladderFile);
        ContactPolicy policy = Policies.windowsOnly(ContactWindow.ALWAYS, Map.of(), Map.of("CN", SHANGHAI), "CN");
        ContactLog contactLog = new ContactLog(ledgerDs, "hub-a");
        StandingSource standing = new StandingSource(new PolicyStore(ledgerDs),
                new CoreStanding(core, null, null, null, "CN"), "CN", Duration.ofDays(8));
        ContactHistory history = new ContactHistory(ledgerDs);
        new PlanningPass(scanner, () -> ladders, contacts, parties, () -> policy, standing, contactLog, history, ledger,
                SHANGHAI, 100, HubMetrics.NONE).run(NOW);
        assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'PLANNED'")).isEqualTo(3);
        rules = new SendTimeRules(() -> ladders, () -> policy, contacts, parties, () -> standing, contactLog, history,
                SHANGHAI);
        workers = Executors.newFixedThreadPool(3);
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private DispatchPass pass(ChannelGateway gateway) {
        return pass(gateway, LEASE);
    }

    private DispatchPass pass(ChannelGateway gateway, Duration lease) {
        NoticeRenderer renderer = (template, channel, locale, model) ->
                new RenderedMessage(template, channel, locale, null, "please pay", null, null);
        return new DispatchPass(ledger, scanner, rules, renderer, gateway,
                new NoticeModels(locale -> TemplateModel.sample().lender(), locale -> TemplateModel.LawFirm.NONE, 7,
                        SHANGHAI), new LoanDetails(core, null, null), new RetryPolicy(6, Duration.ofMinutes(1),
                Duration.ofHours(1)), workers, SHANGHAI, "en", 50, lease, HubMetrics.NONE);
    }

    private int count(String sql) throws SQLException {
        try (Connection c = rawLedger.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aBatchClaimedJustBeforeTheLedgerWentAwayIsHandedBackWhenItIsBack() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        DispatchPass pass = pass(m -> {
            sent.incrementAndGet();
            return DeliveryResult.sent("test-sms", "SM" + m.noticeId());
        });
        // the claim gets its connection; the re-check's first look at the ledger does not
        ledgerDs.downAfter.set(1);
        assertThatThrownBy(() -> pass.dispatchBatch(NOW)).isInstanceOf(SQLException.class);
        assertThat(sent).hasValue(0);
        assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'CLAIMED'")).isEqualTo(3);

        // still down: the next round fails again and loses nothing
        assertThatThrownBy(() -> pass.dispatchBatch(NOW.plusSeconds(2))).isInstanceOf(SQLException.class);

        // back 30 s later, long before the lease ends: the batch is handed back, claimed again and sent
        ledgerDs.down.set(false);
        assertThat(pass.dispatchBatch(NOW.plusSeconds(30))).isEqualTo(3);
        assertThat(sent).hasValue(3);
        assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM notice_event WHERE event_type = 'LEASE_EXPIRED'")).isZero();
    }

    @Test
    void aNoticeInFlightLongerThanItsLeaseKeepsItAndNoOtherInstanceTakesItOver() throws Exception {
        Duration lease = Duration.ofSeconds(2);
        java.util.concurrent.atomic.AtomicReference<Instant> clock = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        CountDownLatch entered = new CountDownLatch(3);
        CountDownLatch provider = new CountDownLatch(1);
        DispatchPass pass = pass(m -> {
            entered.countDown();
            try {
                provider.await(); // a provider slower than the lease
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DeliveryResult.sent("test-sms", "SM" + m.noticeId());
        }, lease);
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try {
            Future<Long> round = loop.submit(() -> pass.dispatchBatches(clock::get, () -> true));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

            // the business clock moves past half the lease: the pass extends what it holds
            clock.set(NOW.plus(lease.multipliedBy(6).dividedBy(10)));
            Instant renewedTo = clock.get().plus(lease);
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM notice WHERE status = 'CLAIMED'"
                    + " AND lease_owner = 'hub-a' AND lease_until >= TIMESTAMPTZ '" + renewedTo + "'") == 3);

            // past the first lease: another instance finds nothing to take over
            Ledger other = new Ledger(rawLedger, "hub-b");
            assertThat(other.claimDue(NOW.plus(lease.multipliedBy(12).dividedBy(10)), 50, lease)).isEmpty();

            provider.countDown();
            assertThat(round.get(30, TimeUnit.SECONDS)).isEqualTo(3);
        } finally {
            provider.countDown();
            loop.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM notice_event WHERE event_type = 'LEASE_EXPIRED'")).isZero();
    }

    @Test
    void callsStillRunningWhenTheHubStopsAreRecordedBeforeItExits() throws Exception {
        CountDownLatch entered = new CountDownLatch(3);
        CountDownLatch provider = new CountDownLatch(1);
        DispatchPass pass = pass(m -> {
            entered.countDown();
            try {
                provider.await(); // a provider that does not answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DeliveryResult.sent("test-sms", "SM" + m.noticeId());
        });
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> round = loop.submit(() -> pass.dispatchBatch(NOW));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'CLAIMED'")).isEqualTo(3);

            // the shutdown timeout has passed: stop, and account for what is still in flight
            pass.stop();
            assertThat(pass.abandonInFlight(NOW.plusSeconds(30))).isEqualTo(3);
            assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'CLAIMED'")).isZero();
            assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'RETRY' AND attempts = 1 "
                    + "AND next_attempt_at IS NOT NULL")).isEqualTo(3);
            assertThat(count("SELECT COUNT(*) FROM notice_event WHERE event_type = 'RETRY' AND reason = 'INTERRUPTED'"))
                    .isEqualTo(3);

            provider.countDown();
            round.get(30, TimeUnit.SECONDS);
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void noticesNotStartedWhenTheHubStopsAreHandedBackUnsent() throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        workers.shutdownNow();
        workers = one; // one worker: the second and third notice wait their turn
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch provider = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        DispatchPass pass = pass(m -> {
            calls.incrementAndGet();
            entered.countDown();
            try {
                provider.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DeliveryResult.sent("test-sms", "SM" + m.noticeId());
        });
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> round = loop.submit(() -> pass.dispatchBatch(NOW));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            pass.stop();
            assertThat(pass.abandonInFlight(NOW.plusSeconds(30))).isEqualTo(3);
            assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'RETRY'")).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'PLANNED' AND attempts = 0")).isEqualTo(2);
            provider.countDown();
            round.get(30, TimeUnit.SECONDS);
            assertThat(calls).hasValue(1);
        } finally {
            loop.shutdownNow();
        }
    }
}
