package io.dunninghub.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.contact.Contact;
import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.ContactOutcome;
import io.dunninghub.ledger.DedupeKey;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.ledger.OutcomeBook;
import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.policy.AddressKey;
import io.dunninghub.policy.OptOuts;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.policy.StopKeywords;
import io.dunninghub.support.Ledgers;
import io.dunninghub.support.Outcomes;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestClock;
import io.dunninghub.support.TestData;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each outcome's effect, applied once however often the outcome is delivered, on PostgreSQL. */
@Slow
class OutcomeIntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final String PHONE = "+8613800138000";
    private static final String EMAIL = "zhang.wei@borrower.example";

    private final TestClock clock = new TestClock(NOW);
    private final Map<String, Integer> counted = new ConcurrentHashMap<>();
    private DataSource ds;
    private Ledger ledger;
    private OutcomeIntake intake;

    @BeforeEach
    void setUp() {
        ds = Ledgers.fresh("postgresql");
        ledger = new Ledger(ds, "test");
        Map<String, Contact> contacts = Map.of("B1", TestData.contact("B1", "张伟", "zh-CN", "Asia/Shanghai", "138 0013 8000",
                EMAIL, "fcm-token-1", "上海市", Set.of()));
        HubMetrics metrics = new HubMetrics() {
            @Override
            public void outcomeRecorded(String source, String outcome) {
                counted.merge(source + "/" + outcome, 1, Integer::sum);
            }
        };
        intake = new OutcomeIntake(ds, new OutcomeBook(ds, "test"),
                () -> new OptOuts(new PolicyStore(ds), StopKeywords.defaults(), "CN"),
                ids -> { Map<String, Contact> m = new java.util.HashMap<>(contacts); m.keySet().retainAll(ids); return m; },
                new ReplyRules(ReplyRules.words(ReplyRules.DEFAULT_DISPUTE), List.of("投诉")), metrics, clock);
    }

    private String sent(String installment, String channel, String masked) throws SQLException {
        NoticeDraft d = TestData.draft(DedupeKey.of(installment, "early", channel, "borrower", 0), installment, "L1", "B1",
                "ladder", "early", 0, channel, "borrower", "overdue_early", NoticeStatus.PLANNED, null, null, null,
                NOW.minusSeconds(600));
        ledger.plan(List.of(d), NOW.minusSeconds(600));
        List<ClaimedNotice> claimed = ledger.claimDue(NOW.minusSeconds(300), 10, Duration.ofMinutes(5));
        ledger.record(claimed.stream().map(n -> Outcomes.of(n.id(), NoticeStatus.SENT, "SENT", null, null, "p",
                "id-" + n.id(), masked, true, null)).toList(), NOW.minusSeconds(300));
        return d.noticeId();
    }

    private ContactOutcome call(String notice, OutcomeKind kind, String callId) {
        return new ContactOutcome(notice, "B1", "L1", "borrower", "call", kind, NOW, "dialer", callId,
                kind == OutcomeKind.PROMISE_TO_PAY ? LocalDate.parse("2026-12-01") : null,
                kind == OutcomeKind.PROMISE_TO_PAY ? new BigDecimal("500.00") : null, "said so");
    }

    @Test
    void aPromiseToPayIsRecordedWithItsPromiseOnceAndTheNoticeGetsAnOutcomeEvent() throws Exception {
        String notice = sent("I1", "call", "+86*******8000");
        OutcomeIntake.Taken first = intake.take(call(notice, OutcomeKind.PROMISE_TO_PAY, "call-1"));
        OutcomeIntake.Taken again = intake.take(call(notice, OutcomeKind.PROMISE_TO_PAY, "call-1"));

        assertThat(first.isNew()).isTrue();
        assertThat(first.noticeId()).contains(notice);
        assertThat(again.isNew()).isFalse();
        assertThat(again.id()).isEqualTo(first.id());
        List<PolicyStore.PromiseRow> promises = new PolicyStore(ds).promises("B1", null, false);
        assertThat(promises).singleElement().satisfies(p -> {
            assertThat(p.promisedDate()).isEqualTo(LocalDate.parse("2026-12-01"));
            assertThat(p.amount()).isEqualByComparingTo("500.00");
            assertThat(p.loanId()).isEqualTo("L1");
            assertThat(p.createdBy()).isEqualTo("dialer");
        });
        assertThat(count("SELECT COUNT(*) FROM notice_event WHERE event_type = 'OUTCOME' AND reason = 'PROMISE_TO_PAY'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM contact_outcome WHERE promised_amount = 500")).isEqualTo(1);
        assertThat(counted).containsExactly(Map.entry("dialer/promise-to-pay", 1));
    }

    @Test
    void aDisputeRaisesAHoldUntilReviewed() throws Exception {
        String notice = sent("I1", "call", "+86*******8000");
        intake.take(call(notice, OutcomeKind.DISPUTE, "call-2"));
        intake.take(call(notice, OutcomeKind.DISPUTE, "call-2"));

        List<PolicyStore.HoldRow> holds = new PolicyStore(ds).holds("B1", null, false, NOW.plus(Duration.ofDays(3650)));
        assertThat(holds).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo("DISPUTE");
            assertThat(h.expiresAt()).as("until reviewed").isNull();
        });
    }

    @Test
    void aWrongNumberMarksTheBorrowersPhoneInvalidForSmsAndCalls() throws Exception {
        String notice = sent("I1", "call", "+86*******8000");
        intake.take(call(notice, OutcomeKind.WRONG_NUMBER, "call-3"));
        intake.take(call(notice, OutcomeKind.WRONG_NUMBER, "call-3"));

        assertThat(rows("SELECT channel, address_hash, reason FROM contact_feedback ORDER BY channel")).containsExactly(
                "call " + ContactFeedback.addressHash("call", PHONE) + " ADDRESS_INVALID",
                "sms " + ContactFeedback.addressHash("sms", PHONE) + " ADDRESS_INVALID");
    }

    @Test
    void callResultsWithoutAnEffectAreRecordedOnly() throws Exception {
        String notice = sent("I1", "call", "+86*******8000");
        for (OutcomeKind k : List.of(OutcomeKind.CONNECTED, OutcomeKind.NO_ANSWER, OutcomeKind.BUSY, OutcomeKind.VOICEMAIL,
                OutcomeKind.REFUSED)) {
            intake.take(call(notice, k, "call-" + k));
        }
        assertThat(count("SELECT COUNT(*) FROM contact_outcome")).isEqualTo(5);
        assertThat(count("SELECT (SELECT COUNT(*) FROM legal_hold) + (SELECT COUNT(*) FROM payment_promise) "
                + "+ (SELECT COUNT(*) FROM opt_out) + (SELECT COUNT(*) FROM contact_feedback)")).isZero();
    }

    @Test
    void aStopFromANumberOptsItOutAndIsTiedToTheLastSmsSentToIt() throws Exception {
        sent("I0", "sms", "+86*******8000");
        clock.advance(Duration.ofMinutes(1));
        String last = sent("I1", "sms", "138*****8000");
        OutcomeIntake.Taken first = intake.inboundSms("twilio", "SM1", PHONE, "退订", NOW);
        OutcomeIntake.Taken again = intake.inboundSms("twilio", "SM1", PHONE, "退订", NOW);

        assertThat(first.isNew()).isTrue();
        assertThat(again.isNew()).isFalse();
        assertThat(rows("SELECT borrower_id, notice_id, outcome, source, external_id FROM contact_outcome"))
                .containsExactly("B1 " + last + " STOP twilio SM1");
        assertThat(new PolicyStore(ds).optOuts(null, AddressKey.of("sms", PHONE, "CN"), false)).singleElement()
                .satisfies(o -> {
                    assertThat(o.channel()).isEqualTo("sms");
                    assertThat(o.source()).isEqualTo(OptOuts.SOURCE_SMS_STOP);
                });
    }

    @Test
    void aStopFromANumberNoNoticeWentToStillOptsItOutOnce() throws Exception {
        intake.inboundSms("twilio", "SM2", "+8613900139000", "STOP", NOW);
        intake.inboundSms("twilio", "SM2", "+8613900139000", "STOP", NOW);
        assertThat(count("SELECT COUNT(*) FROM contact_outcome")).isZero();
        assertThat(count("SELECT COUNT(*) FROM opt_out WHERE address_hash = '" + AddressKey.of("sms", "+8613900139000", "CN")
                + "'")).isEqualTo(1);
    }

    @Test
    void aReplyIsRecordedOnceWithItsWordsAndADisputeWordRaisesAHold() throws Exception {
        sent("I1", "sms", "+86*******8000");
        intake.inboundSms("tencent", "t1", PHONE, "我已经还了", NOW);
        intake.inboundSms("tencent", "t1", PHONE, "我已经还了", NOW);
        assertThat(rows("SELECT outcome, note FROM contact_outcome")).containsExactly("REPLY 我已经还了");
        assertThat(count("SELECT COUNT(*) FROM legal_hold")).isZero();

        intake.inboundSms("tencent", "t2", PHONE, "这不是我的借款 NOT MY DEBT", NOW);
        intake.inboundSms("tencent", "t2", PHONE, "这不是我的借款 NOT MY DEBT", NOW);
        assertThat(rows("SELECT kind, expires_at FROM legal_hold")).containsExactly("DISPUTE null");
        intake.inboundSms("aliyun", "9", PHONE, "我要投诉", NOW);
        assertThat(rows("SELECT kind FROM legal_hold ORDER BY id")).containsExactly("DISPUTE", "COMPLAINT");
    }

    @Test
    void aReplyFromANumberNoNoticeWentToIsNotRecorded() throws Exception {
        sent("I1", "sms", "+86*******8000");
        OutcomeIntake.Taken t = intake.inboundSms("twilio", "SM3", "+8613700137000", "hello", NOW);
        assertThat(t.id()).isEqualTo(-1);
        // same last digits, another number: the contacts decide, not the mask
        intake.inboundSms("twilio", "SM4", "+8613700138000", "hello", NOW);
        assertThat(count("SELECT COUNT(*) FROM contact_outcome")).isZero();
    }

    @Test
    void anUnsubscribeOptsTheBorrowersAddressOutOfEmail() throws Exception {
        String notice = sent("I1", "email", "z***@borrower.example");
        ContactOutcome o = new ContactOutcome(notice, "B1", "L1", "borrower", "email", OutcomeKind.UNSUBSCRIBED, NOW,
                "unsubscribe", notice, null, null, null);
        intake.take(o);
        intake.take(o);
        assertThat(new PolicyStore(ds).optOuts(null, AddressKey.of("email", EMAIL, "CN"), false)).singleElement()
                .satisfies(x -> assertThat(x.channel()).isEqualTo("email"));
        assertThat(count("SELECT COUNT(*) FROM opt_out")).isEqualTo(1);
    }

    @Test
    void aBounceMarksTheAddressInvalidARejectionDoesNotAndADeadTokenIsMarked() throws Exception {
        String mail = sent("I1", "email", "z***@borrower.example");
        intake.take(new ContactOutcome(mail, "B1", "L1", "borrower", "email", OutcomeKind.REJECTED, NOW, "smtp", mail + "r",
                null, null, "SMTP_POLICY"), EMAIL);
        assertThat(count("SELECT COUNT(*) FROM contact_feedback")).isZero();
        intake.take(new ContactOutcome(mail, "B1", "L1", "borrower", "email", OutcomeKind.BOUNCED, NOW, "smtp", mail,
                null, null, "SMTP_550"), EMAIL);
        String push = sent("I2", "push", "****en-1");
        intake.take(new ContactOutcome(push, "B1", "L1", "borrower", "push", OutcomeKind.TOKEN_DEAD, NOW, "fcm", push,
                null, null, "TOKEN_UNREGISTERED"), "fcm-token-1");
        assertThat(rows("SELECT channel, address_hash, reason, source FROM contact_feedback ORDER BY channel")).containsExactly(
                "email " + ContactFeedback.addressHash("email", EMAIL) + " ADDRESS_INVALID smtp",
                "push " + ContactFeedback.addressHash("push", "fcm-token-1") + " TOKEN_UNREGISTERED fcm");
    }

    @Test
    void anEffectThatFailsLeavesNoOutcomeSoTheRetryAppliesIt() throws Exception {
        String notice = sent("I1", "call", "+86*******8000");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE payment_promise RENAME TO payment_promise_away");
        }
        assertThatThrownBy(() -> intake.take(call(notice, OutcomeKind.PROMISE_TO_PAY, "call-9"))).isInstanceOf(SQLException.class);
        assertThat(count("SELECT COUNT(*) FROM contact_outcome")).as("rolled back with its effect").isZero();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE payment_promise_away RENAME TO payment_promise");
        }
        assertThat(intake.take(call(notice, OutcomeKind.PROMISE_TO_PAY, "call-9")).isNew()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM payment_promise")).isEqualTo(1);
    }

    @Test
    void aPromiseWithoutADateIsRefused() {
        assertThatThrownBy(() -> intake.take(new ContactOutcome(null, "B1", null, "borrower", "call",
                OutcomeKind.PROMISE_TO_PAY, NOW, "dialer", "x", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("promised date");
    }

    private int count(String sql) throws SQLException {
        return Integer.parseInt(rows(sql).get(0));
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
