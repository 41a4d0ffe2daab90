package io.dunninghub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.Ledgers;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The archive moves finished notices older than the cutoff with all their events, and nothing else; it is
 * idempotent and works in batches; an archived notice's dedupe key is never planned again, on both write paths of
 * PostgreSQL and on H2; the readers that must see archived notices do.
 */
@Slow
class LedgerArchiveTest {

    private static final Instant T0 = Instant.parse("2026-05-04T02:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    static Stream<String> databases() {
        return Stream.of("postgresql", "h2");
    }

    static Stream<String> paths() {
        return Stream.of("postgresql-bulk", "postgresql-rows", "h2");
    }

    private static DataSource fresh(String path) {
        return Ledgers.fresh(path.startsWith("postgresql") ? "postgresql" : "h2");
    }

    private static Ledger ledger(DataSource ds, String path) {
        return path.equals("postgresql-rows") ? new Ledger(ds, "a", false) : new Ledger(ds, "a");
    }

    private static LedgerArchive archive(DataSource ds, Instant now) {
        return new LedgerArchive(ds, Clock.fixed(now, ZoneOffset.UTC));
    }

    static NoticeDraft draft(String installment, String borrower, NoticeStatus status, Instant notBefore) {
        return TestData.draft(DedupeKey.of(installment, "early", "sms", "borrower", 0), installment, "L-" + installment,
                borrower, "ladder", "early", 0, "sms", "borrower", "overdue_early", status,
                status == NoticeStatus.SUPPRESSED ? "OPTED_OUT" : null, null, null, notBefore);
    }

    private static String id(String installment) {
        return DedupeKey.noticeId(DedupeKey.of(installment, "early", "sms", "borrower", 0));
    }

    /**
     * At T0 the ledger gets notices in every status: SENT (3), FAILED, DEAD, SUPPRESSED and CANCELLED, which are
     * finished, and PLANNED, CLAIMED and RETRY, which are not; 100 days later one more SENT.
     */
    private static void everyStatus(DataSource ds, Ledger ledger) throws Exception {
        List<NoticeDraft> claimed = new ArrayList<>();
        for (String i : List.of("S1", "S2", "S3", "F1", "D1", "R1", "C1")) {
            claimed.add(draft(i, "B1", NoticeStatus.PLANNED, T0.minusSeconds(60)));
        }
        assertThat(ledger.plan(claimed, T0.minusSeconds(60))).hasSize(7);
        assertThat(ledger.claimDue(T0, 100, LEASE)).hasSize(7);
        assertThat(ledger.record(List.of(
                NoticeOutcome.sent(id("S1"), "twilio", "SM1", "+86*******8000", "queued", 1),
                NoticeOutcome.sent(id("S2"), "twilio", "SM2", "+86*******8000", "queued", 1),
                NoticeOutcome.sent(id("S3"), "twilio", "SM3", "+86*******8000", "queued", 1),
                NoticeOutcome.failed(id("F1"), "TWILIO_21614", "not a mobile", "twilio", "+86*******8000", 1),
                NoticeOutcome.dead(id("D1"), "TIMEOUT", "gave up", "twilio", true),
                NoticeOutcome.retry(id("R1"), "TIMEOUT", "later", "twilio", true, T0.plus(Duration.ofDays(1000)))),
                T0)).isEqualTo(6);
        // C1 stays CLAIMED (its holder is still sending it)
        assertThat(ledger.plan(List.of(draft("P1", "B1", NoticeStatus.PLANNED, T0.plus(Duration.ofDays(1000))),
                draft("X1", "B1", NoticeStatus.PLANNED, T0.plus(Duration.ofDays(1000))),
                draft("U1", "B1", NoticeStatus.SUPPRESSED, T0)), T0)).hasSize(3);
        assertThat(new LedgerAdmin(ds).cancel(List.of(id("X1")), "ops", "wrong ladder", T0)).isEqualTo(1);
        Instant later = T0.plus(Duration.ofDays(100));
        assertThat(ledger.plan(List.of(draft("N1", "B1", NoticeStatus.PLANNED, later.minusSeconds(60))), later)).hasSize(1);
        // C1's lease has run out by then: another claim takes it over, and it stays CLAIMED
        assertThat(ledger.claimDue(later, 100, LEASE)).extracting(ClaimedNotice::id).containsExactlyInAnyOrder(id("N1"), id("C1"));
        ledger.record(List.of(NoticeOutcome.sent(id("N1"), "twilio", "SM9", "+86*******8000", "queued", 1)), later);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void movesOnlyFinishedNoticesOlderThanTheCutoffWithAllTheirEvents(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind);
        Ledger ledger = new Ledger(ds, "a");
        everyStatus(ds, ledger);
        Map<String, Map<String, Object>> before = rows(ds, "SELECT * FROM notice ORDER BY id");
        Map<String, Map<String, Object>> eventsBefore = rows(ds, "SELECT * FROM notice_event ORDER BY id");
        Instant now = T0.plus(Duration.ofDays(95));

        // batches of 2 for 7 notices: every one moves all the same
        LedgerArchive.Result r = archive(ds, now).archive(now.minus(Duration.ofDays(90)), 2, LedgerArchive.Progress.NONE);
        assertThat(r.notices()).isEqualTo(7);
        assertThat(r.batches()).isEqualTo(4);
        long eventsOfMoved = eventsBefore.values().stream()
                .filter(e -> List.of("S1", "S2", "S3", "F1", "D1", "U1", "X1").stream().map(LedgerArchiveTest::id)
                        .anyMatch(e.get("notice_id")::equals)).count();
        assertThat(r.events()).isEqualTo(eventsOfMoved).isGreaterThanOrEqualTo(14);
        assertThat(strings(ds, "SELECT status FROM notice ORDER BY status"))
                .containsExactly("CLAIMED", "PLANNED", "RETRY", "SENT"); // N1 is recent
        assertThat(strings(ds, "SELECT status FROM notice_archive ORDER BY status"))
                .containsExactly("CANCELLED", "DEAD", "FAILED", "SENT", "SENT", "SENT", "SUPPRESSED");
        // each row moved as it was, with when it was archived; events keep their ids
        Map<String, Map<String, Object>> archived = rows(ds, "SELECT * FROM notice_archive ORDER BY id");
        for (Map.Entry<String, Map<String, Object>> a : archived.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>(a.getValue());
            assertThat(row.remove("archived_at")).isNotNull();
            assertThat(row).isEqualTo(before.get(a.getKey()));
        }
        Map<String, Map<String, Object>> events = rows(ds, "SELECT * FROM notice_event_archive ORDER BY id");
        events.forEach((eventId, e) -> assertThat(e).isEqualTo(eventsBefore.get(eventId)));
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event e WHERE NOT EXISTS (SELECT 1 FROM notice n WHERE n.id = e.notice_id)"))
                .isZero();
        // the views show everything once
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_all")).isEqualTo(before.size());
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event_all")).isEqualTo(eventsBefore.size());

        // again: nothing more; a cutoff that takes the recent one too moves just that
        assertThat(archive(ds, now).archive(now.minus(Duration.ofDays(90)), 2, LedgerArchive.Progress.NONE).notices()).isZero();
        assertThat(archive(ds, now).pending(now.plus(Duration.ofDays(30))).notices()).isEqualTo(1);
        assertThat(archive(ds, now).archive(now.plus(Duration.ofDays(30)), 5000, LedgerArchive.Progress.NONE).notices())
                .isEqualTo(1);
        assertThat(strings(ds, "SELECT status FROM notice ORDER BY status")).containsExactly("CLAIMED", "PLANNED", "RETRY");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNoticeLastChangedAtTheCutoffStaysAndProgressIsReportedPerBatch(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind);
        Ledger ledger = new Ledger(ds, "a");
        List<NoticeDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            drafts.add(draft("I" + i, "B1", NoticeStatus.SUPPRESSED, T0));
        }
        ledger.plan(drafts, T0);
        assertThat(archive(ds, T0).pending(T0)).isEqualTo(new LedgerArchive.Pending(0, 0));
        List<LedgerArchive.Result> progress = new ArrayList<>();
        LedgerArchive.Result r = archive(ds, T0).archive(T0.plusMillis(1), 2, progress::add);
        assertThat(progress).extracting(LedgerArchive.Result::notices).containsExactly(2L, 4L, 5L);
        assertThat(r.events()).isEqualTo(10); // PLANNED and SUPPRESSED of each
        assertThat(r.summary()).startsWith("5 notices with 10 events in 3 batches, ");
    }

    @ParameterizedTest
    @MethodSource("paths")
    void anArchivedDedupeKeyIsNotPlannedAgain(String path) throws Exception {
        DataSource ds = fresh(path);
        Ledger ledger = ledger(ds, path);
        NoticeDraft once = draft("I1", "B1", NoticeStatus.PLANNED, T0.minusSeconds(60));
        assertThat(ledger.plan(List.of(once), T0)).hasSize(1);
        ledger.claimDue(T0, 10, LEASE);
        ledger.record(List.of(NoticeOutcome.sent(once.noticeId(), "twilio", "SM1", "+86*******8000", "queued", 1)), T0);
        Instant day100 = T0.plus(Duration.ofDays(100));
        assertThat(archive(ds, day100).archive(day100.minus(Duration.ofDays(90)), 5000, LedgerArchive.Progress.NONE)
                .notices()).isEqualTo(1);

        // the open-ended step calls for it again the next day: not planned, no row, no event; a new key still is
        NoticeDraft again = draft("I1", "B1", NoticeStatus.PLANNED, day100.plus(Duration.ofDays(1)));
        NoticeDraft other = draft("I2", "B1", NoticeStatus.PLANNED, day100.plus(Duration.ofDays(1)));
        assertThat(ledger.plan(List.of(again, other), day100.plus(Duration.ofDays(1))))
                .extracting(NoticeDraft::dedupeKey).containsExactly(other.dedupeKey());
        assertThat(count(ds, "SELECT COUNT(*) FROM notice WHERE dedupe_key = '" + once.dedupeKey() + "'")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event WHERE notice_id = '" + once.noticeId() + "'")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_all WHERE dedupe_key = '" + once.dedupeKey() + "'")).isEqualTo(1);
        // the look-up preview, the caps and the pre-V6 keys use finds it in the archive
        assertThat(ledger.existingDedupeKeys(List.of(once.dedupeKey(), other.dedupeKey(), "nope")))
                .containsExactlyInAnyOrder(once.dedupeKey(), other.dedupeKey());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUnrecalledAgencyCaseStaysLiveUntilItsRecall(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind);
        Ledger ledger = new Ledger(ds, "a");
        NoticeDraft handOver = new NoticeDraft(DedupeKey.of(NoticeScope.LOAN, "L1", "agency", "agency", "borrower", 0),
                "I1", "L1", "B1", "ladder", "agency", 0, "agency", "borrower", "overdue_agency", NoticeStatus.PLANNED,
                null, null, null, T0.minusSeconds(60), NoticeScope.LOAN, List.of("I1"));
        ledger.plan(List.of(handOver), T0);
        ledger.claimDue(T0, 10, LEASE);
        ledger.record(List.of(NoticeOutcome.sent(handOver.noticeId(), "agency-file", null, null, "case filed", null)), T0);
        Instant later = T0.plus(Duration.ofDays(200));
        LedgerArchive archive = archive(ds, later);
        assertThat(archive.archive(later.minus(Duration.ofDays(90)), 100, LedgerArchive.Progress.NONE).notices()).isZero();
        assertThat(ledger.agencyCasesNotRecalled()).extracting(ClaimedNotice::id).containsExactly(handOver.noticeId());

        // recalled: the SQL's recall key is the planner's, and the case may go
        String recall = Ledger.recallKey(ledger.agencyCasesNotRecalled().get(0));
        ledger.plan(List.of(new NoticeDraft(recall, "I1", "L1", "B1", "ladder", Ledger.RECALL_STEP, 0, "agency",
                "borrower", "agency_recall", NoticeStatus.PLANNED, null, null, null, later, NoticeScope.LOAN,
                List.of("I1"))), later);
        assertThat(archive.archive(later.minus(Duration.ofDays(90)), 100, LedgerArchive.Progress.NONE).notices()).isEqualTo(1);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_archive WHERE id = '" + handOver.noticeId() + "'")).isEqualTo(1);
    }

    @Test
    void theArchiveHasEveryColumnOfTheLiveTablesWithTheSameTypes() throws Exception {
        for (String kind : List.of("postgresql", "h2")) {
            DataSource ds = Ledgers.fresh(kind);
            Map<String, String> notice = columns(ds, "notice");
            Map<String, String> archived = columns(ds, "notice_archive");
            assertThat(archived.remove("archived_at")).as(kind).isNotNull();
            assertThat(archived).as(kind).isEqualTo(notice);
            assertThat(columns(ds, "notice_event_archive")).as(kind).isEqualTo(columns(ds, "notice_event"));
            assertThat(columns(ds, "notice_all").keySet()).as(kind).containsAll(notice.keySet()).contains("archived_at");
            assertThat(columns(ds, "notice_event_all").keySet()).as(kind).isEqualTo(columns(ds, "notice_event").keySet());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Column name to type (with size), in table order. */
    static Map<String, String> columns(DataSource ds, String table) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                // an identity column reads as bigserial on PostgreSQL: the archive keeps its values as plain int8
                out.put(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT),
                        md.getColumnTypeName(i).replace("bigserial", "int8") + "(" + md.getPrecision(i) + ")");
            }
        }
        return out;
    }

    /** Each row by its first column, as column name to value. */
    static Map<String, Map<String, Object>> rows(DataSource ds, String sql) throws Exception {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.put(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT), v == null ? null : String.valueOf(
                            v instanceof java.sql.Timestamp t ? t.toInstant() : v));
                }
                out.put(String.valueOf(rs.getObject(1)), row);
            }
        }
        return out;
    }

    static List<String> strings(DataSource ds, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static long count(DataSource ds, String sql) throws Exception {
        return Long.parseLong(Optional.of(strings(ds, sql).get(0)).get());
    }
}
