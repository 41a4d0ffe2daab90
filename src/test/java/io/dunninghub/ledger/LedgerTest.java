package io.dunninghub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger's SQL on both databases it supports: PostgreSQL (production) and H2 (embedded default). */
class LedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    static Stream<String> databases() {
        return Stream.of("postgresql", "h2");
    }

    private static DataSource fresh(String kind) {
        DataSource ds;
        if (kind.equals("postgresql")) {
            ds = Postgres.dataSource(Postgres.newDatabase("ledger"));
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:ledger" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
            ds = h2;
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }

    private static NoticeDraft draft(String installment, String channel, Instant notBefore) {
        return new NoticeDraft(DedupeKey.of(installment, "early", channel, "borrower", 0), installment, "L1", "B1",
                "ladder", "early", 0, channel, "borrower", "overdue_early", NoticeStatus.PLANNED, null, null, null, notBefore);
    }

    private static List<NoticeDraft> drafts(int n) {
        List<NoticeDraft> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(draft("I" + i, "sms", NOW.minusSeconds(60)));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void planningTwiceWritesOnce(String kind) throws Exception {
        DataSource ds = fresh(kind);
        Ledger ledger = new Ledger(ds, "a");
        List<NoticeDraft> batch = new ArrayList<>(drafts(50));
        batch.add(draft("I0", "sms", NOW)); // same key twice in one batch
        assertThat(ledger.plan(batch, NOW)).hasSize(50);
        assertThat(ledger.plan(drafts(60), NOW)).hasSize(10);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice")).isEqualTo(60);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event WHERE event_type = 'PLANNED'")).isEqualTo(60);
        assertThat(ledger.existingDedupeKeys(List.of(batch.get(0).dedupeKey(), "nope"))).containsExactly(batch.get(0).dedupeKey());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentClaimersNeverShareANotice(String kind) throws Exception {
        DataSource ds = fresh(kind);
        new Ledger(ds, "setup").plan(drafts(300), NOW);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<List<ClaimedNotice>>> futures = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Ledger mine = new Ledger(ds, "instance-" + w);
            Callable<List<ClaimedNotice>> claimAll = () -> {
                List<ClaimedNotice> all = new ArrayList<>();
                List<ClaimedNotice> got;
                while (!(got = mine.claimDue(NOW, 25, Duration.ofMinutes(5))).isEmpty()) {
                    all.addAll(got);
                }
                return all;
            };
            futures.add(pool.submit(claimAll));
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (Future<List<ClaimedNotice>> f : futures) {
            for (ClaimedNotice n : f.get()) {
                total++;
                seen.add(n.id());
            }
        }
        pool.shutdown();
        assertThat(total).isEqualTo(300);
        assertThat(seen).hasSize(300);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void notYetDueIsNotClaimedAndExpiredLeaseIsReclaimed(String kind) throws Exception {
        DataSource ds = fresh(kind);
        Ledger a = new Ledger(ds, "a");
        Ledger b = new Ledger(ds, "b");
        a.plan(List.of(draft("due", "sms", NOW), draft("later", "sms", NOW.plusSeconds(3600))), NOW);
        List<ClaimedNotice> claimed = a.claimDue(NOW, 10, Duration.ofSeconds(30));
        assertThat(claimed).extracting(ClaimedNotice::installmentId).containsExactly("due");
        assertThat(b.claimDue(NOW.plusSeconds(10), 10, Duration.ofSeconds(30))).isEmpty();
        // a died: after its lease ends, b takes the notice over, and a's late answer changes nothing.
        List<ClaimedNotice> taken = b.claimDue(NOW.plusSeconds(31), 10, Duration.ofSeconds(30));
        assertThat(taken).extracting(ClaimedNotice::installmentId).containsExactly("due");
        assertThat(taken.get(0).leaseWasExpired()).isTrue();
        NoticeOutcome sent = new NoticeOutcome(taken.get(0).id(), NoticeStatus.SENT, "SENT", null, null, "p", "SM1",
                "+86***0000", true, null);
        assertThat(a.record(List.of(sent), NOW.plusSeconds(32))).isZero();
        assertThat(b.record(List.of(sent), NOW.plusSeconds(32))).isEqualTo(1);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice WHERE status = 'SENT' AND provider_message_id = 'SM1' AND attempts = 1")).isEqualTo(1);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event WHERE event_type = 'LEASE_EXPIRED'")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void retryIsDurableAndReleaseHandsBack(String kind) throws Exception {
        DataSource ds = fresh(kind);
        Ledger a = new Ledger(ds, "a");
        a.plan(drafts(2), NOW);
        List<ClaimedNotice> claimed = a.claimDue(NOW, 10, Duration.ofMinutes(5));
        Instant later = NOW.plusSeconds(120);
        a.record(List.of(new NoticeOutcome(claimed.get(0).id(), NoticeStatus.RETRY, "RETRY", "HTTP_503", "busy", "p",
                null, null, true, later)), NOW);
        assertThat(a.release(List.of(claimed.get(1).id()), NOW)).isEqualTo(1);
        List<ClaimedNotice> now = a.claimDue(NOW, 10, Duration.ofMinutes(5));
        assertThat(now).extracting(ClaimedNotice::id).containsExactly(claimed.get(1).id());
        List<ClaimedNotice> afterBackoff = a.claimDue(later, 10, Duration.ofMinutes(5));
        assertThat(afterBackoff).extracting(ClaimedNotice::id).containsExactly(claimed.get(0).id());
        assertThat(afterBackoff.get(0).attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void claimsTheLongestWaitingFirstWhateverItsStatus(String kind) throws Exception {
        DataSource ds = fresh(kind);
        Ledger a = new Ledger(ds, "a");
        a.plan(List.of(draft("p2", "sms", NOW.minusSeconds(100)), draft("r", "sms", NOW.minusSeconds(600)),
                draft("p1", "sms", NOW.minusSeconds(300))), NOW.minusSeconds(700));
        List<ClaimedNotice> first = a.claimDue(NOW, 1, Duration.ofMinutes(5));
        assertThat(first).extracting(ClaimedNotice::installmentId).containsExactly("r");
        // a RETRY due earlier than the PLANNED ones goes before them
        a.record(List.of(new NoticeOutcome(first.get(0).id(), NoticeStatus.RETRY, "RETRY", "HTTP_503", "busy", "p",
                null, null, true, NOW.minusSeconds(500))), NOW);
        assertThat(a.claimDue(NOW, 1, Duration.ofMinutes(5))).extracting(ClaimedNotice::installmentId).containsExactly("r");
        assertThat(a.claimDue(NOW, 5, Duration.ofMinutes(5))).extracting(ClaimedNotice::installmentId)
                .containsExactly("p1", "p2");
    }

    private static int count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
