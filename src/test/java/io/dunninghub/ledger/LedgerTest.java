package io.dunninghub.ledger;

import io.dunninghub.support.TestData;
import io.dunninghub.support.Slow;
import io.dunninghub.support.Outcomes;
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
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger's SQL on both databases it supports: PostgreSQL (production) and H2 (embedded default). */
@Slow
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
        io.dunninghub.ledger.LedgerSchema.migrate(ds);
        return ds;
    }

    private static NoticeDraft draft(String installment, String channel, Instant notBefore) {
        return TestData.draft(DedupeKey.of(installment, "early", channel, "borrower", 0), installment, "L1", "B1",
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
    void capsCountUnderOneLockPerBorrowerAndAPolicyWithoutCapsTakesNoLocks(String kind) throws Exception {
        DataSource ds = fresh(kind);
        Ledger ledger = new Ledger(ds, "a");
        ledger.plan(List.of(draft("I1", "sms", NOW), draft("I2", "email", NOW)), NOW);
        List<String> ids = ledger.claimDue(NOW, 10, Duration.ofSeconds(30)).stream().map(ClaimedNotice::id).toList();
        ContactLog log = new ContactLog(ds, "a");

        // no caps: nothing counted, locked or marked
        Set<String> cleared = log.clearUnderLock(List.of("B1"), ids, NOW, false, attempts -> {
            assertThat(attempts).isEmpty();
            return Set.copyOf(ids);
        });
        assertThat(cleared).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(count(ds, "SELECT COUNT(*) FROM borrower_lock")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice WHERE cleared_at IS NOT NULL")).isZero();

        // caps: the borrower's lock row, and the cleared notice marked (the other one is not)
        log.clearUnderLock(List.of("B1"), ids, NOW, true, attempts -> Set.of(ids.get(0)));
        assertThat(count(ds, "SELECT COUNT(*) FROM borrower_lock WHERE borrower_id = 'B1'")).isEqualTo(1);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice WHERE cleared_at IS NOT NULL")).isEqualTo(1);

        // handed back and claimed again: the claim clears the mark, so the notice is not counted as being sent
        ledger.release(ids, NOW);
        ledger.claimDue(NOW, 10, Duration.ofSeconds(30));
        assertThat(count(ds, "SELECT COUNT(*) FROM notice WHERE cleared_at IS NOT NULL")).isZero();
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
        // a died. b looked for expired leases at +10 s and looks again one lease period later (+40 s), not on
        // every claim: at +31 s the lease has run out but the notice waits; at +40 s b takes it over, and a's
        // late answer changes nothing.
        assertThat(b.claimDue(NOW.plusSeconds(31), 10, Duration.ofSeconds(30))).isEmpty();
        List<ClaimedNotice> taken = b.claimDue(NOW.plusSeconds(40), 10, Duration.ofSeconds(30));
        assertThat(taken).extracting(ClaimedNotice::installmentId).containsExactly("due");
        assertThat(taken.get(0).leaseWasExpired()).isTrue();
        NoticeOutcome sent = Outcomes.of(taken.get(0).id(), NoticeStatus.SENT, "SENT", null, null, "p", "SM1",
                "+86***0000", true, null);
        assertThat(a.record(List.of(sent), NOW.plusSeconds(41))).isZero();
        assertThat(b.record(List.of(sent), NOW.plusSeconds(41))).isEqualTo(1);
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
        a.record(List.of(Outcomes.of(claimed.get(0).id(), NoticeStatus.RETRY, "RETRY", "HTTP_503", "busy", "p",
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
        a.record(List.of(Outcomes.of(first.get(0).id(), NoticeStatus.RETRY, "RETRY", "HTTP_503", "busy", "p",
                null, null, true, NOW.minusSeconds(500))), NOW);
        assertThat(a.claimDue(NOW, 1, Duration.ofMinutes(5))).extracting(ClaimedNotice::installmentId).containsExactly("r");
        assertThat(a.claimDue(NOW, 5, Duration.ofMinutes(5))).extracting(ClaimedNotice::installmentId)
                .containsExactly("p1", "p2");
    }

    /** Drafts with every kind of value the bulk path must carry over as the row-at-a-time path does. */
    private static List<NoticeDraft> awkwardDrafts() {
        List<NoticeDraft> out = new ArrayList<>();
        Instant t = Instant.parse("2026-11-23T09:00:00Z");
        // nanoseconds either side of pgjdbc's rounding to microseconds
        int[] nanos = {0, 1_000, 499, 500, 1_499, 1_500, 2_500, 999_999_499, 999_999_500, 999_999_999};
        for (int k = 0; k < nanos.length; k++) {
            out.add(draft("N" + k, "sms", t.plusNanos(nanos[k])));
        }
        String odd = "逾期-還款 \"quoted\", {braces} back\\slash 'tick' NULL";
        out.add(TestData.draft(DedupeKey.of(odd, "early", "sms", "borrower", 0), odd, null, "借款人-王",
                "ladder", "early", 0, "sms", "guarantor:G-É", "overdue_early", NoticeStatus.PLANNED, null, null,
                null, t));
        out.add(TestData.draft(DedupeKey.of("S1", "early", "sms", "borrower", 0), "S1", "L1", "B1", "ladder",
                "early", 0, "sms", "borrower", "overdue_early", NoticeStatus.SUPPRESSED, "LEGAL_HOLD", null,
                "hold 42: 法院 {x}", t));
        out.add(TestData.draft(DedupeKey.of("S2", "early", "email", "borrower", 0), "S2", "L1", "B1", "ladder",
                "early", 0, "email", "borrower", "overdue_early", NoticeStatus.SUPPRESSED, "OPTED_OUT", null, null, t));
        out.add(TestData.draft(DedupeKey.of("D1", "formal", "sms", "borrower", 2), "D1", "L2", "B2", "ladder",
                "formal", 2, "sms", "borrower", "overdue_formal", NoticeStatus.PLANNED, null, "QUIET_HOURS", null,
                t.plusSeconds(3600)));
        out.add(TestData.draft(DedupeKey.of("D2", "formal", "sms", "borrower", 2), "D2", "L2", "B2", "ladder",
                "formal", 2, "sms", "borrower", "overdue_formal", NoticeStatus.PLANNED, null, "CAP_DAY",
                "x".repeat(700), t.plusSeconds(7200)));
        out.add(TestData.draft(DedupeKey.of("E", "early", "push", "borrower", 0), "E", "", "", "ladder",
                "early", 0, "push", "borrower", "overdue_early", NoticeStatus.PLANNED, null, null, "", t));
        return out;
    }

    @org.junit.jupiter.api.Test
    void bulkPlanningOnPostgresStoresWhatRowAtATimeStores() throws Exception {
        DataSource rows = fresh("postgresql");
        DataSource bulk = fresh("postgresql");
        Ledger byRow = new Ledger(rows, "a", false);
        Ledger byArray = new Ledger(bulk, "a"); // PostgreSQL: the bulk path by itself
        Instant now = NOW.plusNanos(123_456_500);
        List<NoticeDraft> first = awkwardDrafts().subList(0, 9);
        assertThat(byArray.plan(first, now)).isEqualTo(byRow.plan(first, now)).hasSize(9);
        // the second chunk repeats some notices, changed: they stay as first planned and get no events
        List<NoticeDraft> second = new ArrayList<>(awkwardDrafts());
        second.set(3, draft("N3", "sms", NOW.plusSeconds(99_999)));
        java.util.Collections.reverse(second);
        List<NoticeDraft> newOnes = byArray.plan(second, now.plusSeconds(1));
        assertThat(newOnes).isEqualTo(byRow.plan(second, now.plusSeconds(1)));
        assertThat(newOnes).isEqualTo(second.subList(0, second.size() - 9));
        assertThat(dump(bulk, "SELECT * FROM notice ORDER BY id")).isEqualTo(dump(rows, "SELECT * FROM notice ORDER BY id"))
                .hasSize(awkwardDrafts().size());
        assertThat(dump(bulk, "SELECT * FROM notice_event ORDER BY id"))
                .isEqualTo(dump(rows, "SELECT * FROM notice_event ORDER BY id"))
                .hasSize(awkwardDrafts().size() + 4);
        assertThat(dump(bulk, "SELECT to_char(not_before, 'SS.US') FROM notice WHERE installment_id LIKE 'N%' ORDER BY installment_id"))
                .containsExactly("[00.000000]", "[00.000001]", "[00.000000]", "[00.000001]", "[00.000001]",
                        "[00.000002]", "[00.000003]", "[00.999999]", "[01.000000]", "[01.000000]");
    }

    @org.junit.jupiter.api.Test
    void bulkPlanningWaitsForAnotherInstancesChunkAndWritesOnlyWhatItDidNotPlan() throws Exception {
        DataSource ds = fresh("postgresql");
        List<NoticeDraft> chunk = drafts(40);
        List<NoticeDraft> others = new ArrayList<>();
        for (int k = 0; k < chunk.size(); k += 3) {
            others.add(chunk.get(k));
        }
        Set<String> othersKeys = new HashSet<>();
        others.forEach(d -> othersKeys.add(d.dedupeKey()));
        try (Connection other = ds.getConnection()) {
            // another instance's chunk holding every third notice, not yet committed
            other.setAutoCommit(false);
            Ledger elsewhere = new Ledger(ds, "b");
            insertUncommitted(other, others);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<List<NoticeDraft>> mine = pool.submit(() -> new Ledger(ds, "a").plan(chunk, NOW));
            awaitLockWait(ds);
            assertThat(mine.isDone()).isFalse();
            other.commit();
            List<NoticeDraft> planned = mine.get();
            pool.shutdown();
            assertThat(planned).isEqualTo(chunk.stream().filter(d -> !othersKeys.contains(d.dedupeKey())).toList());
            assertThat(elsewhere.plan(chunk, NOW)).isEmpty();
        }
        assertThat(count(ds, "SELECT COUNT(*) FROM notice")).isEqualTo(40);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event WHERE instance_id = 'a'")).isEqualTo(40 - others.size());
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id")).isEqualTo(40 - others.size());
    }

    @org.junit.jupiter.api.Test
    void bulkPlanningAfterAnotherInstancesChunkRolledBackWritesItAll() throws Exception {
        DataSource ds = fresh("postgresql");
        List<NoticeDraft> chunk = drafts(20);
        try (Connection other = ds.getConnection()) {
            other.setAutoCommit(false);
            insertUncommitted(other, chunk.subList(5, 15));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<List<NoticeDraft>> mine = pool.submit(() -> new Ledger(ds, "a").plan(chunk, NOW));
            awaitLockWait(ds);
            other.rollback();
            assertThat(mine.get()).isEqualTo(chunk);
            pool.shutdown();
        }
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event WHERE event_type = 'PLANNED'")).isEqualTo(20);
    }

    @org.junit.jupiter.api.Test
    void twoInstancesPlanningTheSameChunksAtOnceWriteEachNoticeOnce() throws Exception {
        DataSource ds = fresh("postgresql");
        List<NoticeDraft> all = drafts(3000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        List<Future<List<NoticeDraft>>> futures = new ArrayList<>();
        for (String instance : List.of("a", "b")) {
            Ledger ledger = new Ledger(ds, instance);
            futures.add(pool.submit(() -> {
                List<NoticeDraft> mine = new ArrayList<>();
                for (int from = 0; from < all.size(); from += 500) {
                    together.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    mine.addAll(ledger.plan(all.subList(from, from + 500), NOW));
                }
                return mine;
            }));
        }
        Set<String> planned = new HashSet<>();
        int total = 0;
        for (Future<List<NoticeDraft>> f : futures) {
            for (NoticeDraft d : f.get()) {
                total++;
                planned.add(d.dedupeKey());
            }
        }
        pool.shutdown();
        assertThat(total).isEqualTo(3000);
        assertThat(planned).hasSize(3000);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice")).isEqualTo(3000);
        assertThat(count(ds, "SELECT COUNT(*) FROM (SELECT notice_id FROM notice_event WHERE event_type = 'PLANNED' "
                + "GROUP BY notice_id HAVING COUNT(*) = 1) one")).isEqualTo(3000);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event")).isEqualTo(3000);
        // whoever inserted a notice wrote its event
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event WHERE instance_id = 'a'")).isEqualTo(
                futures.get(0).get().size());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChunkThatFailsWritesNothing(String kind) throws Exception {
        DataSource ds = fresh(kind);
        Ledger ledger = new Ledger(ds, "a");
        List<NoticeDraft> chunk = new ArrayList<>(drafts(10));
        String tooLong = "I".repeat(65);
        chunk.add(draft(tooLong, "sms", NOW));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.plan(chunk, NOW))
                .isInstanceOf(java.sql.SQLException.class);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event")).isZero();
        assertThat(ledger.plan(chunk.subList(0, 10), NOW)).hasSize(10);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event")).isEqualTo(10);
    }

    /** Plans, claims and records a mix of outcomes; returns what each record call said. */
    private static List<Integer> recordScenario(Ledger a, Ledger b) throws Exception {
        List<NoticeDraft> planned = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            planned.add(draft("R" + i, "sms", NOW.minusSeconds(60 - i)));
        }
        a.plan(planned, NOW.minusSeconds(60));
        List<ClaimedNotice> claimed = a.claimDue(NOW, 10, Duration.ofSeconds(30));
        assertThat(claimed).extracting(ClaimedNotice::installmentId).containsExactly("R0", "R1", "R2", "R3", "R4",
                "R5", "R6", "R7");
        String[] id = claimed.stream().map(ClaimedNotice::id).toArray(String[]::new);
        // a's lease ran out: b takes over the oldest, R0
        assertThat(b.claimDue(NOW.plusSeconds(31), 1, Duration.ofSeconds(30))).extracting(ClaimedNotice::id)
                .containsExactly(id[0]);
        Instant t = NOW.plusSeconds(32);
        List<Integer> said = new ArrayList<>();
        said.add(a.record(List.of(
                Outcomes.of(id[0], NoticeStatus.SENT, "SENT", null, null, "p1", "SM0-late", null, true, null),
                Outcomes.of(id[1], NoticeStatus.SENT, "SENT", null, "receipt 7", "p1", "SM1", "+86***0000", true,
                        null, 2),
                Outcomes.of(id[2], NoticeStatus.RETRY, "RETRY", "HTTP_503", "忙 busy", "p2", null, "+86***0001",
                        true, NOW.plusSeconds(120).plusNanos(2_500)),
                Outcomes.of(id[3], NoticeStatus.FAILED, "FAILED", "INVALID_NUMBER", "y".repeat(600), "p1", null,
                        null, true, null),
                Outcomes.of(id[4], NoticeStatus.PLANNED, "DEFERRED", "QUIET_HOURS", null, null, null, null,
                        false, NOW.plusSeconds(3600)),
                Outcomes.of(id[5], NoticeStatus.PLANNED, null, null, null, null, null, null, false,
                        NOW.plusSeconds(5)),
                Outcomes.of(id[6], NoticeStatus.DEAD, "DEAD", "HTTP_500", "{\"error\": \"x\"}", "p2", null,
                        null, true, null),
                Outcomes.of(id[7], NoticeStatus.SUPPRESSED, "SUPPRESSED", "PAID", null, null, null, null, false,
                        null),
                Outcomes.of("no-such-notice", NoticeStatus.SENT, "SENT", null, null, "p1", "SMX", null, true,
                        null)), t));
        said.add(b.record(List.of(Outcomes.of(id[0], NoticeStatus.SENT, "SENT", null, null, "p3", "SM0", null,
                true, null, 1)), t));
        List<ClaimedNotice> again = a.claimDue(NOW.plusSeconds(121), 10, Duration.ofSeconds(30));
        assertThat(again).extracting(ClaimedNotice::id).containsExactlyInAnyOrder(id[2], id[5]);
        said.add(a.record(List.of(
                Outcomes.of(id[2], NoticeStatus.SENT, "SENT", null, null, null, "SM2", null, true, null)), t));
        // the same notice twice in one call: the first outcome counts
        said.add(a.record(List.of(
                Outcomes.of(id[5], NoticeStatus.SENT, "SENT", null, null, "p1", "SM5", null, true, null),
                Outcomes.of(id[5], NoticeStatus.FAILED, "FAILED", "X", null, "p2", null, null, true, null)), t));
        return said;
    }

    @org.junit.jupiter.api.Test
    void bulkRecordingOnPostgresWritesWhatRowAtATimeWrites() throws Exception {
        DataSource rows = fresh("postgresql");
        DataSource bulk = fresh("postgresql");
        List<Integer> byRow = recordScenario(new Ledger(rows, "a", false), new Ledger(rows, "b", false));
        List<Integer> byArray = recordScenario(new Ledger(bulk, "a"), new Ledger(bulk, "b"));
        assertThat(byArray).isEqualTo(byRow).containsExactly(7, 1, 1, 1);
        assertThat(dump(bulk, "SELECT * FROM notice ORDER BY id")).isEqualTo(dump(rows, "SELECT * FROM notice ORDER BY id"));
        assertThat(dump(bulk, "SELECT * FROM notice_event ORDER BY id"))
                .isEqualTo(dump(rows, "SELECT * FROM notice_event ORDER BY id"));
        assertThat(dump(bulk, "SELECT installment_id, status, provider, provider_message_id, segments, attempts "
                + "FROM notice WHERE installment_id IN ('R0', 'R2', 'R5') ORDER BY installment_id")).containsExactly(
                "[R0, SENT, p3, SM0, 1, 1]", "[R2, SENT, p2, SM2, null, 2]", "[R5, SENT, p1, SM5, null, 1]");
        assertThat(count(bulk, "SELECT COUNT(*) FROM notice_event WHERE event_type NOT IN ('PLANNED', 'LEASE_EXPIRED')"))
                .isEqualTo(6 + 1 + 1 + 1);
    }

    @org.junit.jupiter.api.Test
    void bulkRecordingSkipsANoticeWhoseLeaseIsTakenWhileItWaits() throws Exception {
        DataSource ds = fresh("postgresql");
        Ledger a = new Ledger(ds, "a");
        a.plan(drafts(5), NOW);
        List<ClaimedNotice> claimed = a.claimDue(NOW, 10, Duration.ofSeconds(30));
        List<NoticeOutcome> sent = new ArrayList<>();
        for (ClaimedNotice n : claimed) {
            sent.add(Outcomes.of(n.id(), NoticeStatus.SENT, "SENT", null, null, "p", "SM-" + n.id(), null, true, null));
        }
        try (Connection other = ds.getConnection()) {
            other.setAutoCommit(false);
            try (java.sql.PreparedStatement ps = other.prepareStatement(
                    "UPDATE notice SET lease_owner = 'b' WHERE id = ?")) {
                ps.setString(1, claimed.get(2).id());
                ps.executeUpdate();
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<Integer> written = pool.submit(() -> a.record(sent, NOW.plusSeconds(1)));
            awaitLockWait(ds);
            other.commit();
            assertThat(written.get()).isEqualTo(4);
            pool.shutdown();
        }
        assertThat(count(ds, "SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(4);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice WHERE status = 'CLAIMED' AND lease_owner = 'b' "
                + "AND provider_message_id IS NULL")).isEqualTo(1);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event WHERE event_type = 'SENT' AND notice_id = '"
                + claimed.get(2).id() + "'")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event WHERE event_type = 'SENT'")).isEqualTo(4);
    }

    private static void insertUncommitted(Connection c, List<NoticeDraft> drafts) throws Exception {
        try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO notice (id, dedupe_key, installment_id, "
                + "borrower_id, ladder_id, step_id, step_cycle, channel, audience, template, status, not_before, "
                + "next_attempt_at, planned_at, updated_at) VALUES (?, ?, ?, 'B1', 'ladder', 'early', 0, 'sms', "
                + "'borrower', 'overdue_early', 'PLANNED', now(), now(), now(), now())")) {
            for (NoticeDraft d : drafts) {
                ps.setString(1, d.noticeId());
                ps.setString(2, d.dedupeKey());
                ps.setString(3, d.installmentId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Until some session of this database waits for a lock (the planner, on the other's uncommitted rows). */
    private static void awaitLockWait(DataSource ds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(ds, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'") == 0) {
            assertThat(System.nanoTime()).as("a planner waiting for a lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static List<String> dump(DataSource ds, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static int count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
