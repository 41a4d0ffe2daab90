package io.dunninghub.ledger;

import static io.dunninghub.ledger.LedgerArchiveTest.count;
import static io.dunninghub.ledger.LedgerArchiveTest.draft;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.Ledgers;
import io.dunninghub.support.Slow;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner against an archive run moving the same keys at the same moment. Planning is
 * {@code INSERT … ON CONFLICT DO NOTHING} on the live table; a notice being moved is neither there (deleted) nor
 * visible in the archive (not committed) to a statement that began before the move committed. The planner's
 * second statement, after the insert, is what makes it safe; these tests hold a move open at the worst moment and
 * then run both at full speed over many keys.
 */
@Slow
class ArchiveRaceTest {

    private static final Instant T0 = Instant.parse("2026-05-04T02:00:00Z");
    private static final Instant LATER = T0.plus(Duration.ofDays(100));

    static Stream<String> paths() {
        return Stream.of("postgresql-bulk", "postgresql-rows", "h2");
    }

    private static Ledger ledger(DataSource ds, String path) {
        return path.equals("postgresql-rows") ? new Ledger(ds, "planner", false) : new Ledger(ds, "planner");
    }

    /** {@code n} notices about installments I0…, planned, sent and finished at T0. */
    private static List<NoticeDraft> sent(DataSource ds, int n) throws Exception {
        Ledger sender = new Ledger(ds, "sender");
        List<NoticeDraft> drafts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            drafts.add(draft("I" + i, "B" + (i % 50), NoticeStatus.PLANNED, T0.minusSeconds(60)));
        }
        for (int from = 0; from < n; from += 500) {
            sender.plan(drafts.subList(from, Math.min(n, from + 500)), T0.minusSeconds(60));
        }
        List<NoticeOutcome> outcomes = new ArrayList<>();
        for (ClaimedNotice c : sender.claimDue(T0, n, Duration.ofMinutes(5))) {
            outcomes.add(NoticeOutcome.sent(c.id(), "twilio", "SM-" + c.id(), "+86*******8000", "queued", 1));
        }
        assertThat(sender.record(outcomes, T0)).isEqualTo(n);
        return drafts;
    }

    private static List<NoticeDraft> again(List<NoticeDraft> drafts) {
        return drafts.stream().map(d -> draft(d.installmentId(), d.borrowerId(), NoticeStatus.PLANNED, LATER)).toList();
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aPlanRacingAMoveThatCommitsDuringItsInsertPlansNothing(String path) throws Exception {
        DataSource ds = Ledgers.fresh(path.startsWith("postgresql") ? "postgresql" : "h2");
        List<NoticeDraft> drafts = sent(ds, 3);
        LedgerArchive archive = new LedgerArchive(ds, Clock.fixed(LATER, ZoneOffset.UTC));
        ExecutorService planner = Executors.newSingleThreadExecutor();
        try (Connection move = ds.getConnection()) {
            move.setAutoCommit(false);
            // the move has deleted the live rows and written the archive's, and has not committed
            assertThat(archive.move(move, LATER.minus(Duration.ofDays(90)), 10, null).notices()).isEqualTo(3);
            Future<List<NoticeDraft>> planned = planner.submit(() -> ledger(ds, path).plan(again(drafts), LATER));
            boolean waited;
            try {
                planned.get(700, TimeUnit.MILLISECONDS);
                waited = false;
            } catch (TimeoutException e) {
                waited = true;
            }
            // PostgreSQL: the insert waits for the transaction deleting the keys; H2 takes them for a conflict at once
            assertThat(waited).as("the insert waited for the move").isEqualTo(path.startsWith("postgresql"));
            move.commit();
            assertThat(planned.get(30, TimeUnit.SECONDS)).as("planned again").isEmpty();
        } finally {
            planner.shutdownNow();
        }
        assertThat(count(ds, "SELECT COUNT(*) FROM notice")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_archive")).isEqualTo(3);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event WHERE event_type = 'PLANNED'")).isZero();
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aPlanAndArchiveRunsAtFullSpeedOverTheSameKeysLeaveEachKeyOnce(String path) throws Exception {
        DataSource ds = Ledgers.fresh(path.startsWith("postgresql") ? "postgresql" : "h2");
        int n = 2000;
        List<NoticeDraft> drafts = again(sent(ds, n));
        AtomicBoolean archiving = new AtomicBoolean(true);
        AtomicInteger plannedAgain = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        // the scan keeps calling for every key, in chunks, while the archive moves them 40 at a time
        CompletableFuture<Void> planner = CompletableFuture.runAsync(() -> {
            Ledger ledger = ledger(ds, path);
            try {
                do {
                    for (int from = 0; from < n; from += 200) {
                        plannedAgain.addAndGet(ledger.plan(drafts.subList(from, from + 200), LATER).size());
                    }
                    rounds.incrementAndGet();
                } while (archiving.get() || rounds.get() < 2);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        LedgerArchive.Result moved;
        try {
            moved = new LedgerArchive(ds, Clock.fixed(LATER, ZoneOffset.UTC))
                    .archive(LATER.minus(Duration.ofDays(90)), 40, LedgerArchive.Progress.NONE);
        } finally {
            archiving.set(false);
        }
        planner.get(120, TimeUnit.SECONDS);
        assertThat(moved.notices()).isEqualTo(n);
        assertThat(plannedAgain.get()).as("notices planned again").isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice n JOIN notice_archive a ON a.dedupe_key = n.dedupe_key")).isZero();
        assertThat(count(ds, "SELECT COUNT(DISTINCT dedupe_key) FROM notice_all")).isEqualTo(n);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event_archive")).isEqualTo(2L * n);
    }
}
