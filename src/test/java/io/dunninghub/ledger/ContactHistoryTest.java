package io.dunninghub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.Ledgers;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A debt's history is what the ledger shows was sent: each SENT notice once, at the instant it was recorded, a
 * letter's tracking number from its SENT event, and what came back about each notice, oldest first; notices not
 * sent and other debts' notices are not in it. On PostgreSQL and on H2, by loan and by borrower.
 */
@Slow
class ContactHistoryTest {

    private static final Instant T0 = Instant.parse("2026-05-04T02:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private static NoticeDraft draft(String installment, String loan, String borrower, String channel) {
        return TestData.draft(DedupeKey.of(installment, "formal", channel, "borrower", 0), installment, loan, borrower,
                "ladder", "formal", 0, channel, "borrower", "overdue_formal", NoticeStatus.PLANNED, null, null, null,
                T0.minusSeconds(60));
    }

    private static String id(String installment, String channel) {
        return DedupeKey.noticeId(DedupeKey.of(installment, "formal", channel, "borrower", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void theHistoryHoldsWhatWasSentWithTheLettersTrackingAndWhatCameBack(String database) throws Exception {
        DataSource ds = Ledgers.fresh(database);
        Ledger ledger = new Ledger(ds, "a");
        List<NoticeDraft> drafts = new ArrayList<>(List.of(draft("I1", "L1", "B1", "sms"), draft("I1", "L1", "B1", "letter"),
                draft("I1", "L1", "B1", "email"), draft("I2", "L2", "B1", "sms"), draft("I3", "L3", "B2", "sms")));
        assertThat(ledger.plan(drafts, T0.minusSeconds(60))).hasSize(5);
        assertThat(ledger.claimDue(T0, 10, LEASE)).hasSize(5);
        ledger.record(List.of(
                NoticeOutcome.sent(id("I1", "sms"), "twilio", "SM1", "+86*******8000", "queued", 1),
                NoticeOutcome.failed(id("I1", "email"), "REJECTED", "550 no such user", "smtp", "b***@example.com", null),
                NoticeOutcome.sent(id("I2", "sms"), "twilio", "SM2", "+86*******8000", "queued", 1),
                NoticeOutcome.sent(id("I3", "sms"), "twilio", "SM3", "+86*******8001", "queued", 1)), T0.plusSeconds(5));
        // the letter goes out later; its vendor names the tracking number in the SENT detail
        ledger.record(List.of(NoticeOutcome.sent(id("I1", "letter"), "lob", "ltr_1", "B1 address",
                "tracking 9407111899223197428490, usps_first_class", null)), T0.plusSeconds(60));
        OutcomeBook outcomes = new OutcomeBook(ds, "a");
        outcomes.record(new ContactOutcome(id("I1", "sms"), "B1", "L1", "borrower", "sms", OutcomeKind.REPLY,
                T0.plusSeconds(3_600), "twilio", "in-2", null, null, "later"));
        outcomes.record(new ContactOutcome(id("I1", "sms"), "B1", "L1", "borrower", "sms", OutcomeKind.NO_ANSWER,
                T0.plusSeconds(600), "dialer", "call-1", null, null, null));

        ContactHistory history = new ContactHistory(ds);
        Map<String, List<PastNotice>> byLoan = history.ofLoans(List.of("L1", "L3", "L9"), Instant.MIN);
        assertThat(byLoan).containsOnlyKeys("L1", "L3");
        List<PastNotice> l1 = byLoan.get("L1");
        assertThat(l1).extracting(PastNotice::channel).containsExactly("sms", "letter"); // the failed e-mail is not
        assertThat(l1.get(0).sentAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(l1.get(0).tracking()).isNull();
        assertThat(l1.get(0).outcomes()).extracting(PastOutcome::kind)
                .containsExactly(OutcomeKind.NO_ANSWER, OutcomeKind.REPLY);
        assertThat(l1.get(1).sentAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(l1.get(1).tracking()).isEqualTo("9407111899223197428490");
        assertThat(l1.get(1).outcomes()).isEmpty();
        assertThat(byLoan.get("L3")).singleElement().satisfies(p -> assertThat(p.outcomes()).isEmpty());

        Map<String, List<PastNotice>> byBorrower = history.ofBorrowers(List.of("B1"), Instant.MIN);
        assertThat(byBorrower.get("B1")).extracting(PastNotice::noticeId)
                .containsExactly(id("I1", "sms"), id("I2", "sms"), id("I1", "letter"));
        assertThat(byBorrower.get("B1").get(0).outcomes()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void manyNoticesPerDebtAreReadInPartsWithEveryOutcome(String database) throws Exception {
        DataSource ds = Ledgers.fresh(database);
        Ledger ledger = new Ledger(ds, "a");
        List<NoticeDraft> drafts = new ArrayList<>();
        List<String> loans = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            drafts.add(draft("I" + i, "L" + (i % 600), "B" + (i % 600), "sms"));
            loans.add("L" + (i % 600));
        }
        assertThat(ledger.plan(drafts, T0.minusSeconds(60))).hasSize(1_200);
        List<NoticeOutcome> sent = new ArrayList<>();
        for (ClaimedNotice n : ledger.claimDue(T0, 2_000, LEASE)) {
            sent.add(NoticeOutcome.sent(n.id(), "twilio", "SM-" + n.id(), "+86*******8000", "queued", 1));
        }
        ledger.record(sent, T0.plusSeconds(5));
        OutcomeBook outcomes = new OutcomeBook(ds, "a");
        // one outcome on a notice of the first part of 500 loans and one on the last part's
        outcomes.record(new ContactOutcome(id("I0", "sms"), "B0", "L0", "borrower", "sms", OutcomeKind.BUSY,
                T0.plusSeconds(60), "dialer", "c-0", null, null, null));
        outcomes.record(new ContactOutcome(id("I1199", "sms"), "B599", "L599", "borrower", "sms", OutcomeKind.CONNECTED,
                T0.plusSeconds(60), "dialer", "c-1199", null, null, null));

        Map<String, List<PastNotice>> byLoan = new ContactHistory(ds).ofLoans(loans, Instant.MIN);
        assertThat(byLoan).hasSize(600);
        assertThat(byLoan.values()).allSatisfy(l -> assertThat(l).hasSize(2));
        assertThat(byLoan.values().stream().flatMap(List::stream).mapToInt(p -> p.outcomes().size()).sum()).isEqualTo(2);
        assertThat(byLoan.get("L0")).filteredOn(p -> p.noticeId().equals(id("I0", "sms")))
                .singleElement().satisfies(p -> assertThat(p.outcomes()).extracting(PastOutcome::kind)
                        .containsExactly(OutcomeKind.BUSY));
        assertThat(byLoan.get("L599")).filteredOn(p -> p.noticeId().equals(id("I1199", "sms")))
                .singleElement().satisfies(p -> assertThat(p.outcomes()).extracting(PastOutcome::kind)
                        .containsExactly(OutcomeKind.CONNECTED));
    }
}
