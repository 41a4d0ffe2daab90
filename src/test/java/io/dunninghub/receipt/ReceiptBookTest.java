package io.dunninghub.receipt;

import io.dunninghub.support.TestData;
import io.dunninghub.support.Slow;
import io.dunninghub.support.Outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.DedupeKey;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeOutcome;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.support.Ledgers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Receipts applied to the ledger, on both databases: once, sticky, in any order, and late. */
@Slow
class ReceiptBookTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final String PHONE_HASH = ContactFeedback.addressHash("sms", "+8613800138000");

    static Stream<String> databases() {
        return Stream.of("postgresql", "h2");
    }

    /** A notice sent through {@code provider} with the provider's message id {@code sid}; returns its id. */
    private static String sent(Ledger ledger, String installment, String channel, String provider, String sid) throws SQLException {
        NoticeDraft d = TestData.draft(DedupeKey.of(installment, "early", channel, "borrower", 0), installment, "L1", "B-" + installment,
                "ladder", "early", 0, channel, "borrower", "overdue_early", NoticeStatus.PLANNED, null, null, null, NOW.minusSeconds(60));
        ledger.plan(List.of(d), NOW.minusSeconds(60));
        List<ClaimedNotice> claimed = ledger.claimDue(NOW, 10, Duration.ofMinutes(5));
        ledger.record(claimed.stream().map(n -> Outcomes.of(n.id(), NoticeStatus.SENT, "SENT", null, null, provider,
                sid, "+86*******8000", true, null)).toList(), NOW);
        return d.noticeId();
    }

    private static Receipt twilio(String sid, String status, Receipt.Outcome outcome, String reason) {
        return new Receipt("twilio", sid + ":" + status, sid, null, status, outcome, reason, PHONE_HASH);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void finalReportsSetTheDeliveryOnceAndStick(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind);
        Ledger ledger = new Ledger(ds, "test");
        String id = sent(ledger, "I1", "sms", "twilio-main", "SM1");
        ReceiptBook book = new ReceiptBook(ds, "test", io.dunninghub.metrics.HubMetrics.NONE);

        assertThat(book.apply(List.of(twilio("SM1", "sent", null, null)), NOW)).isEqualTo(new ReceiptBook.Applied(1, 0, 0, 0));
        assertThat(book.apply(List.of(twilio("SM1", "delivered", Receipt.Outcome.DELIVERED, null)), NOW))
                .isEqualTo(new ReceiptBook.Applied(1, 0, 1, 0));
        // the same callback again (the provider retried, or someone replays it): nothing changes
        assertThat(book.apply(List.of(twilio("SM1", "delivered", Receipt.Outcome.DELIVERED, null)), NOW.plusSeconds(5)))
                .isEqualTo(new ReceiptBook.Applied(1, 1, 0, 0));
        // out of order: a late "sent", and a contradicting final word, do not undo "delivered"
        book.apply(List.of(twilio("SM1", "sending", null, null), twilio("SM1", "undelivered", Receipt.Outcome.UNDELIVERED, "TWILIO_30003")), NOW);

        assertThat(value(ds, "SELECT delivery_status FROM notice WHERE id = '" + id + "'")).isEqualTo("DELIVERED");
        assertThat(value(ds, "SELECT status FROM notice WHERE id = '" + id + "'")).isEqualTo("SENT");
        assertThat(value(ds, "SELECT COUNT(*) FROM notice_event WHERE notice_id = '" + id + "' AND event_type = 'DELIVERED'")).isEqualTo("1");
        assertThat(value(ds, "SELECT COUNT(*) FROM notice_event WHERE event_type = 'UNDELIVERED'")).isEqualTo("0");
        assertThat(value(ds, "SELECT COUNT(*) FROM receipt")).as("sent, delivered, sending, undelivered").isEqualTo("4");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUnsubscribedNumberBecomesContactFeedback(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind);
        Ledger ledger = new Ledger(ds, "test");
        String id = sent(ledger, "I2", "sms", "twilio-main", "SM2");
        ReceiptBook book = new ReceiptBook(ds, "test", io.dunninghub.metrics.HubMetrics.NONE);
        book.apply(List.of(twilio("SM2", "failed", Receipt.Outcome.UNDELIVERED, "TWILIO_21610")), NOW);
        book.apply(List.of(twilio("SM2", "failed", Receipt.Outcome.UNDELIVERED, "TWILIO_21610")), NOW);

        assertThat(value(ds, "SELECT delivery_status || ' ' || delivery_reason FROM notice WHERE id = '" + id + "'"))
                .isEqualTo("UNDELIVERED TWILIO_21610");
        assertThat(value(ds, "SELECT borrower_id || ' ' || channel || ' ' || reason || ' ' || address_hash || ' ' || notice_id FROM contact_feedback"))
                .isEqualTo("B-I2 sms OPTED_OUT " + PHONE_HASH + " " + id);
        assertThat(new io.dunninghub.contact.ContactFeedbackStore(ds).forBorrowers(List.of("B-I2", "B-other")))
                .containsOnlyKeys("B-I2");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReportThatBeatsTheSentRecordIsMatchedLater(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind);
        ReceiptBook book = new ReceiptBook(ds, "test", io.dunninghub.metrics.HubMetrics.NONE);
        assertThat(book.apply(List.of(new Receipt("lob", "evt_1", "ltr_1", null, "letter.returned_to_sender",
                Receipt.Outcome.UNDELIVERED, "LOB_RETURNED_TO_SENDER", ContactFeedback.addressHash("letter", "185 Berry St"))), NOW))
                .isEqualTo(new ReceiptBook.Applied(1, 0, 0, 1));
        assertThat(book.matchLate(NOW)).isZero();

        String id = sent(new Ledger(ds, "test"), "I3", "letter", "lob-main", "ltr_1");
        assertThat(book.matchLate(NOW.plusSeconds(10))).isEqualTo(1);
        assertThat(book.matchLate(NOW.plusSeconds(20))).isZero();
        assertThat(value(ds, "SELECT delivery_status FROM notice WHERE id = '" + id + "'")).isEqualTo("UNDELIVERED");
        assertThat(value(ds, "SELECT reason FROM contact_feedback WHERE notice_id = '" + id + "'")).isEqualTo("ADDRESS_INVALID");
        assertThat(value(ds, "SELECT notice_id FROM receipt WHERE event_key = 'evt_1'")).isEqualTo(id);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void reportsNamingTheNoticeIdAreMatchedByIt(String kind) throws Exception {
        DataSource ds = Ledgers.fresh(kind);
        String id = sent(new Ledger(ds, "test"), "I4", "sms", "alibaba-main", "900619746936498440^0");
        ReceiptBook book = new ReceiptBook(ds, "test", io.dunninghub.metrics.HubMetrics.NONE);
        book.apply(List.of(new Receipt("alibaba", "x:1:DELIVERED", "some-other-biz-id", id, "DELIVERED",
                Receipt.Outcome.DELIVERED, null, PHONE_HASH)), NOW);
        assertThat(value(ds, "SELECT delivery_status FROM notice WHERE id = '" + id + "'")).isEqualTo("DELIVERED");
    }

    private static String value(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
