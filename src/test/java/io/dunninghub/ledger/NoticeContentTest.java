package io.dunninghub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.support.Ledgers;
import io.dunninghub.support.Outcomes;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestData;
import java.nio.charset.StandardCharsets;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What was sent is written with its outcome, by the instance that recorded it, on both write paths; it opens with
 * its key only; the trail lists it with the policy records; erasure and retention replace personal data and keep
 * the hashes.
 */
@Slow
class NoticeContentTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final ContentKeys KEYS = ContentKeys.of("k2", key(2), Map.of("k1", key(1)));

    static Stream<String> paths() {
        return Stream.of("postgresql-bulk", "postgresql-rows", "h2");
    }

    static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    private static Ledger ledger(DataSource ds, String kind, String instance) {
        return kind.equals("postgresql-rows") ? new Ledger(ds, instance, false) : new Ledger(ds, instance);
    }

    private static NoticeDraft draft(String installment, String borrower) {
        return TestData.draft(DedupeKey.of(installment, "early", "sms", "borrower", 0), installment, "L-" + borrower,
                borrower, "ladder", "early", 0, "sms", "borrower", "overdue_early", NoticeStatus.PLANNED, null, null,
                null, NOW.minusSeconds(60));
    }

    private static NoticeContent content(String noticeId, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new NoticeContent(1, "text/plain; charset=UTF-8", NoticeContent.sha256(bytes), bytes.length,
                "overdue_early", "zh-CN", "t".repeat(64), "c".repeat(64), KEYS.seal(bytes, noticeId));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void contentIsWrittenWithTheOutcomeOnlyByTheInstanceThatRecordsIt(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind.startsWith("postgresql") ? "postgresql" : "h2");
        Ledger a = ledger(ds, kind, "a");
        Ledger b = ledger(ds, kind, "b");
        a.plan(List.of(draft("I1", "B1"), draft("I2", "B1")), NOW);
        List<ClaimedNotice> claimed = a.claimDue(NOW, 10, Duration.ofSeconds(1));
        // a's lease on the second runs out and b takes it over: a's late answer (and what a sent) is not recorded
        List<ClaimedNotice> takenOver = b.claimDue(NOW.plusSeconds(5), 10, Duration.ofMinutes(5));
        assertThat(takenOver).hasSize(2);
        ClaimedNotice first = claimed.get(0);
        ClaimedNotice second = claimed.get(1);
        b.record(List.of(sent(first.id(), "SM1").withContent(content(first.id(), "【示例金融】您的借款已逾期2天"))), NOW);
        a.record(List.of(sent(second.id(), "SM2").withContent(content(second.id(), "late answer"))), NOW);

        NoticeContents contents = new NoticeContents(ds);
        List<NoticeContents.Stored> rows = contents.of("B1", null);
        assertThat(rows).extracting(NoticeContents.Stored::noticeId).containsExactly(first.id());
        NoticeContents.Stored row = rows.get(0);
        assertThat(row.eventType()).isEqualTo("SENT");
        assertThat(row.keyId()).isEqualTo("k2");
        assertThat(row.nonce()).hasSize(12);
        assertThat(new String(row.ciphertext(), StandardCharsets.UTF_8)).doesNotContain("逾期");
        assertThat(new String(row.open(KEYS), StandardCharsets.UTF_8)).isEqualTo("【示例金融】您的借款已逾期2天");

        // the trail puts the hashes on the SENT event they belong to
        AuditTrail.Entry sentEvent = new AuditTrail(ds).of("B1", null, null, null).stream()
                .filter(e -> "SENT".equals(e.event())).findFirst().orElseThrow();
        assertThat(sentEvent.contentSha256()).isEqualTo(row.contentSha256());
        assertThat(sentEvent.templateSha256()).isEqualTo("t".repeat(64));
        assertThat(sentEvent.contentId()).isEqualTo(row.id());
    }

    private static NoticeOutcome sent(String id, String sid) {
        return Outcomes.of(id, NoticeStatus.SENT, "SENT", null, "queued", "twilio", sid, "+86*******8000", true, null);
    }

    @Test
    void contentOpensOnlyWithItsKeyForItsNoticeAndUnaltered() {
        ContentKeys.Sealed one = KEYS.seal("hello".getBytes(StandardCharsets.UTF_8), "N1");
        ContentKeys.Sealed two = KEYS.seal("hello".getBytes(StandardCharsets.UTF_8), "N1");
        assertThat(one.nonce()).isNotEqualTo(two.nonce()); // a fresh nonce per record
        assertThat(one.ciphertext()).isNotEqualTo(two.ciphertext());
        assertThat(new String(KEYS.open(one, "N1"), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThatThrownBy(() -> KEYS.open(one, "N2")).hasMessageContaining("does not open");
        byte[] altered = one.ciphertext().clone();
        altered[0] ^= 1;
        assertThatThrownBy(() -> KEYS.open(new ContentKeys.Sealed("k2", one.nonce(), altered), "N1"))
                .hasMessageContaining("altered");

        // rotation: sealed under k1 before, k2 current now; k1 kept as an older key still opens it
        ContentKeys before = ContentKeys.of("k1", key(1), Map.of());
        ContentKeys.Sealed old = before.seal("old".getBytes(StandardCharsets.UTF_8), "N1");
        assertThat(new String(KEYS.open(old, "N1"), StandardCharsets.UTF_8)).isEqualTo("old");
        assertThat(KEYS.seal(new byte[1], "N1").keyId()).isEqualTo("k2");
        assertThatThrownBy(() -> ContentKeys.of("k2", key(2), Map.of()).open(old, "N1"))
                .hasMessageContaining("key 'k1', which is not configured");
        assertThatThrownBy(() -> ContentKeys.of("k1", "c2hvcnQ=", Map.of())).hasMessageContaining("is 5 bytes");
        assertThatThrownBy(() -> ContentKeys.of("k1", "not base64!", Map.of())).hasMessageContaining("not Base64");
    }

    @ParameterizedTest
    @MethodSource("paths")
    void erasureAndRetentionReplacePersonalDataAndKeepTheHashes(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind.startsWith("postgresql") ? "postgresql" : "h2");
        Ledger a = ledger(ds, kind, "a");
        a.plan(List.of(draft("I1", "B1"), draft("I2", "B2")), NOW);
        List<NoticeOutcome> outcomes = new ArrayList<>();
        for (ClaimedNotice n : a.claimDue(NOW, 10, Duration.ofMinutes(5))) {
            outcomes.add(sent(n.id(), "SM-" + n.borrowerId()).withContent(content(n.id(), "text for " + n.borrowerId())));
        }
        a.record(outcomes, NOW);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO legal_hold (borrower_id, kind, reason, created_by, created_at) VALUES "
                    + "('B1', 'COMPLAINT', 'complaint by Zhang Wei, 13800138000', 'ops', TIMESTAMP WITH TIME ZONE '2026-11-23 03:00:00+00')");
            s.executeUpdate("INSERT INTO contact_outcome (borrower_id, audience, channel, outcome, occurred_at, recorded_by, note, source, external_id) "
                    + "VALUES ('B1', 'borrower', 'call', 'PROMISE_TO_PAY', TIMESTAMP WITH TIME ZONE '2026-11-23 04:00:00+00', 'dialer', 'says his wife pays', 'dialer', 'C1')");
        }
        String b1Content = new NoticeContents(ds).of("B1", null).get(0).contentSha256();
        List<AuditTrail.Entry> before = new AuditTrail(ds).of("B1", null, null, null);
        assertThat(before).extracting(AuditTrail.Entry::event)
                .containsExactly("PLANNED", "SENT", "HOLD_ADDED", "OUTCOME_RECORDED");
        assertThat(before.get(3).detail()).contains("says his wife pays");

        Erasure.Result r = new Erasure(ds).eraseBorrower("B1", "request R-1", "dpo", NOW.plusSeconds(7200 * 3));
        assertThat(r.changed()).containsEntry("notice.recipient_masked", 1).containsEntry("legal_hold.reason", 1)
                .containsEntry("contact_outcome.note", 1).containsEntry("notice_content", 1);
        assertThat(one(ds, "SELECT recipient_masked FROM notice WHERE borrower_id = 'B1'"))
                .isEqualTo(Erasure.erased("+86*******8000"));
        assertThat(one(ds, "SELECT reason FROM legal_hold")).isEqualTo(Erasure.erased("complaint by Zhang Wei, 13800138000"));
        assertThat(one(ds, "SELECT note FROM contact_outcome")).startsWith("sha256:");
        NoticeContents.Stored erased = new NoticeContents(ds).of("B1", null).get(0);
        assertThat(erased.hasContent()).isFalse();
        assertThat(erased.contentSha256()).isEqualTo(b1Content); // the hash stays: the trail is still provable
        assertThat(erased.erasedReason()).isEqualTo("ERASURE");
        // B2 is untouched; counts and reason codes stay
        assertThat(one(ds, "SELECT recipient_masked FROM notice WHERE borrower_id = 'B2'")).isEqualTo("+86*******8000");
        assertThat(new NoticeContents(ds).of("B2", null).get(0).hasContent()).isTrue();
        assertThat(one(ds, "SELECT COUNT(*) FROM notice_event")).isEqualTo("4");
        assertThat(one(ds, "SELECT kind || ' ' || erased_by || ' ' || reason || ' ' || rows_changed FROM erasure"))
                .isEqualTo("REQUEST dpo request R-1 4");
        List<AuditTrail.Entry> after = new AuditTrail(ds).of("B1", null, null, null);
        assertThat(after).extracting(AuditTrail.Entry::event)
                .containsExactly("PLANNED", "SENT", "HOLD_ADDED", "OUTCOME_RECORDED", "ERASED");
        assertThat(after.toString()).doesNotContain("Zhang Wei").doesNotContain("wife");
        // erasing again finds nothing left, and says so in its record
        assertThat(new Erasure(ds).eraseBorrower("B1", "request R-1 again", "dpo", NOW.plusSeconds(30000)).total()).isZero();

        // retention: nothing is due a day later; after the content period B2's content goes; after the personal-data
        // period its recipient too
        Retention.Periods periods = new Retention.Periods(Duration.ofDays(1825), Duration.ofDays(2555));
        assertThat(retention(ds, periods, NOW.plus(Duration.ofDays(1))).total()).isZero();
        Erasure.Result content = retention(ds, periods, NOW.plus(Duration.ofDays(1826)));
        assertThat(content.changed()).containsEntry("notice_content", 1).containsEntry("notice.recipient_masked", 0);
        assertThat(new NoticeContents(ds).of("B2", null).get(0).erasedReason()).isEqualTo("RETENTION");
        Erasure.Result personal = retention(ds, periods, NOW.plus(Duration.ofDays(2556)));
        assertThat(personal.changed()).containsEntry("notice.recipient_masked", 1);
        assertThat(one(ds, "SELECT recipient_masked FROM notice WHERE borrower_id = 'B2'")).startsWith("sha256:");
        assertThat(one(ds, "SELECT COUNT(*) FROM erasure WHERE kind = 'RETENTION'")).isEqualTo("2");
    }

    private static Erasure.Result retention(DataSource ds, Retention.Periods periods, Instant at) throws Exception {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        return new Retention(new Erasure(ds), periods, new LedgerArchive(ds, clock), ArchiveAge.NEVER, 5000, clock)
                .run().erased();
    }

    private static String one(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
