package io.dunninghub;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.evidence.EvidencePackage;
import io.dunninghub.ledger.ArchiveAge;
import io.dunninghub.ledger.AuditTrail;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.ledger.ContactOutcome;
import io.dunninghub.ledger.ContentKeys;
import io.dunninghub.ledger.DedupeKey;
import io.dunninghub.ledger.Erasure;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.LedgerAdmin;
import io.dunninghub.ledger.LedgerArchive;
import io.dunninghub.ledger.NoticeContent;
import io.dunninghub.ledger.NoticeContents;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeOutcome;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.ledger.OutcomeBook;
import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.ledger.PastNotice;
import io.dunninghub.ledger.Retention;
import io.dunninghub.render.LetterPdfWriter;
import io.dunninghub.support.Ledgers;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestData;
import io.dunninghub.web.console.SentContent;
import io.dunninghub.web.console.Timeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After the archive job has moved a borrower's notices, the readers of the trail still show them (the audit, the
 * evidence package, the console's timeline, an outcome naming an old notice), erasure still reaches them, and the
 * history the hub reasons with leaves them out, whether or not the job has run.
 */
@Slow
class ArchivedNoticesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
    private static final Instant LATER = T0.plus(Duration.ofDays(120));
    private static final ContentKeys KEYS = ContentKeys.of("k1", Base64.getEncoder().encodeToString(new byte[32]), Map.of());

    @TempDir
    Path work;

    static Stream<String> databases() {
        return Stream.of("postgresql", "h2");
    }

    private static NoticeDraft draft(String installment, String borrower) {
        return TestData.draft(DedupeKey.of(installment, "early", "sms", "borrower", 0), installment, "L-" + borrower,
                borrower, "ladder", "early", 0, "sms", "borrower", "overdue_early", NoticeStatus.PLANNED, null, null,
                null, T0.minusSeconds(60));
    }

    /** B1 and B2 each get a SENT notice with its content at T0; B1 also one cancelled by an operator, with a note. */
    private static String[] history(DataSource ds) throws Exception {
        Ledger ledger = new Ledger(ds, "a");
        ledger.plan(List.of(draft("I1", "B1"), draft("I2", "B2")), T0.minusSeconds(60));
        List<NoticeOutcome> sent = new ArrayList<>();
        for (ClaimedNotice n : ledger.claimDue(T0, 10, Duration.ofMinutes(5))) {
            byte[] text = ("您的借款已逾期 " + n.borrowerId()).getBytes(StandardCharsets.UTF_8);
            sent.add(NoticeOutcome.sent(n.id(), "twilio", "SM-" + n.borrowerId(), "+86*******8000", "queued", 1)
                    .withContent(new NoticeContent(1, "text/plain; charset=UTF-8", NoticeContent.sha256(text),
                            text.length, "overdue_early", "zh-CN", "t".repeat(64), "c".repeat(64), KEYS.seal(text, n.id()))));
        }
        ledger.record(sent, T0);
        NoticeDraft later = draft("I3", "B1");
        ledger.plan(List.of(new NoticeDraft(later.dedupeKey(), "I3", "L-B1", "B1", "ladder", "early", 0, "sms",
                "borrower", "overdue_early", NoticeStatus.PLANNED, null, null, null, T0.plus(Duration.ofDays(3)),
                later.scope(), List.of("I3"))), T0);
        new LedgerAdmin(ds).cancel(List.of(later.noticeId()), "ops-anna", "borrower Zhang Wei phoned, 13800138000", T0);
        return new String[] {draft("I1", "B1").noticeId(), draft("I2", "B2").noticeId(), later.noticeId()};
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theTrailEvidenceTimelineAndOutcomesSeeArchivedNoticesAndTheHistoryDoesNot(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind);
        String[] ids = history(ds);
        List<AuditTrail.Entry> before = new AuditTrail(ds).of("B1", null, null, null);
        ContactHistory history = new ContactHistory(ds, ArchiveAge.ofDays(90));
        // 120 days on, the job has not run yet: B1's SENT notice is already out of the history, as it will be moved
        assertThat(history.of(List.of("L-B1"), List.of(), LATER).byLoan()).isEmpty();
        assertThat(new ContactHistory(ds).of(List.of("L-B1"), List.of(), LATER).byLoan().get("L-B1"))
                .extracting(PastNotice::noticeId).containsExactly(ids[0]);
        assertThat(history.of(List.of("L-B1"), List.of(), T0.plus(Duration.ofDays(89))).byLoan().get("L-B1"))
                .extracting(PastNotice::noticeId).containsExactly(ids[0]);
        assertThat(history.of(List.of("L-B1"), List.of(), LATER).since()).isEqualTo(LATER.minus(Duration.ofDays(90)));

        LedgerArchive.Result moved = new LedgerArchive(ds, Clock.fixed(LATER, ZoneOffset.UTC))
                .archive(LATER.minus(Duration.ofDays(90)), 5000, LedgerArchive.Progress.NONE);
        assertThat(moved.notices()).isEqualTo(3);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice")).isZero();
        assertThat(history.of(List.of("L-B1"), List.of(), LATER).byLoan()).isEmpty();

        // the audit trail is the same, hashes of what was sent included
        List<AuditTrail.Entry> after = new AuditTrail(ds).of("B1", null, null, null);
        assertThat(after).isEqualTo(before);
        assertThat(after).extracting(AuditTrail.Entry::event).containsExactly("PLANNED", "SENT", "PLANNED", "CANCELLED");
        assertThat(after.get(1).contentSha256()).isNotNull();
        assertThat(new AuditTrail(ds).of(null, "L-B1", null, null)).hasSameSizeAs(before);
        assertThat(new LedgerAdmin(ds).audit("B1", null, null, null)).hasSize(4);
        // the content stays where it was, read by notice id
        assertThat(new NoticeContents(ds).of("B1", null)).extracting(NoticeContents.Stored::noticeId).containsExactly(ids[0]);

        // an outcome naming the old notice is tied to it, and its event joins the notice's trail in the archive
        OutcomeBook book = new OutcomeBook(ds, "a");
        assertThat(book.notice(ids[0])).map(OutcomeBook.NoticeRef::status).contains("SENT");
        OutcomeBook.Recorded r = book.record(new ContactOutcome(ids[0], "B1", "L-B1", "borrower", "sms",
                OutcomeKind.DISPUTE, LATER, "cli:ops-anna", null, null, null, "says it was paid in March"));
        assertThat(r.noticeId()).contains(ids[0]);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event_archive WHERE event_type = 'OUTCOME' AND notice_id = '"
                + ids[0] + "'")).isEqualTo(1);
        assertThat(new AuditTrail(ds).of("B1", null, null, null)).extracting(AuditTrail.Entry::event)
                .containsExactly("PLANNED", "SENT", "PLANNED", "CANCELLED", "OUTCOME", "OUTCOME_RECORDED");

        // the console's timeline
        Timeline timeline = new Timeline(ds, SentContent.NONE);
        assertThat(timeline.identify("B1")).isEqualTo(Timeline.Subject.BORROWER);
        assertThat(timeline.identify("L-B1")).isEqualTo(Timeline.Subject.LOAN);
        Timeline.Record record = timeline.ofBorrower("B1");
        assertThat(record.notices()).extracting(Timeline.Notice::id).containsExactly(ids[0], ids[2]);
        assertThat(record.entries()).extracting(Timeline.Entry::what).contains("SENT", "CANCELLED");

        // the evidence package: the trail and the message as sent
        Path zip = work.resolve("b1-" + kind + ".zip");
        EvidencePackage.Written w = new EvidencePackage(ds, KEYS,
                new LetterPdfWriter(Path.of("config/fonts/NotoSansSC-Regular.ttf"), "A4").baseFont())
                .write("B1", null, zip, LATER, "dpo");
        assertThat(w.entries()).isEqualTo(6);
        assertThat(w.withContent()).isEqualTo(1);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.stream().map(java.util.zip.ZipEntry::getName)).anyMatch(n -> n.startsWith("messages/")
                    && n.contains(ids[0]));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void erasureAndRetentionReachTheArchive(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind);
        String[] ids = history(ds);
        new LedgerArchive(ds, Clock.fixed(LATER, ZoneOffset.UTC))
                .archive(LATER.minus(Duration.ofDays(90)), 1, LedgerArchive.Progress.NONE);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_archive")).isEqualTo(3);

        Erasure.Result r = new Erasure(ds).eraseBorrower("B1", "request R-7", "dpo", LATER);
        assertThat(r.changed()).containsEntry("notice_archive.recipient_masked", 1)
                .containsEntry("notice_event_archive.detail", 1).containsEntry("notice_content", 1)
                .containsEntry("notice.recipient_masked", 0);
        // nothing of B1's is left readable in the archive tables
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_archive WHERE borrower_id = 'B1' AND recipient_masked IS NOT NULL "
                + "AND recipient_masked NOT LIKE 'sha256:%'")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM notice_event_archive e JOIN notice_archive n ON n.id = e.notice_id "
                + "WHERE n.borrower_id = 'B1' AND e.event_type IN ('REPLAYED', 'CANCELLED') AND e.detail NOT LIKE 'sha256:%'"))
                .isZero();
        assertThat(strings(ds, "SELECT detail FROM notice_event_archive WHERE notice_id = '" + ids[2]
                + "' AND event_type = 'CANCELLED'")).containsExactly(Erasure.erased("by ops-anna: borrower Zhang Wei phoned, 13800138000"));
        assertThat(new NoticeContents(ds).of("B1", null).get(0).hasContent()).isFalse();
        // B2's archived notice is untouched until its periods end; then the retention job reaches it too
        assertThat(strings(ds, "SELECT recipient_masked FROM notice_archive WHERE borrower_id = 'B2'"))
                .containsExactly("+86*******8000");
        Instant years = T0.plus(Duration.ofDays(2556));
        Retention.Run run = new Retention(new Erasure(ds), new Retention.Periods(Duration.ofDays(1825),
                Duration.ofDays(2555)), new LedgerArchive(ds, Clock.fixed(years, ZoneOffset.UTC)), ArchiveAge.ofDays(90),
                5000, Clock.fixed(years, ZoneOffset.UTC)).run();
        assertThat(run.erased().changed()).containsEntry("notice_archive.recipient_masked", 1)
                .containsEntry("notice_content", 1);
        assertThat(run.archived().notices()).isZero();
        assertThat(strings(ds, "SELECT recipient_masked FROM notice_archive WHERE borrower_id = 'B2'"))
                .allMatch(v -> v.startsWith("sha256:"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theDailyJobArchivesAfterItErases(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind);
        history(ds);
        Clock at = Clock.fixed(T0.plus(Duration.ofDays(91)), ZoneOffset.UTC);
        Retention job = new Retention(new Erasure(ds), new Retention.Periods(Duration.ofDays(1825), Duration.ofDays(2555)),
                new LedgerArchive(ds, at), ArchiveAge.ofDays(90), 2, at);
        assertThat(job.run().archived().notices()).isEqualTo(3);
        assertThat(job.run().archived().notices()).isZero();
        Retention off = new Retention(new Erasure(ds), new Retention.Periods(Duration.ofDays(1825), Duration.ofDays(2555)),
                new LedgerArchive(ds, at), ArchiveAge.NEVER, 2, at);
        assertThat(off.run().archived()).isEqualTo(LedgerArchive.Result.NONE);
    }

    private static List<String> strings(DataSource ds, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long count(DataSource ds, String sql) throws Exception {
        return Long.parseLong(strings(ds, sql).get(0));
    }
}
