package io.dunninghub.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.common.ConfigException;
import io.dunninghub.contact.Contact;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.ledger.PastNotice;
import io.dunninghub.ledger.PastOutcome;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.ContactWindow;
import io.dunninghub.policy.PolicyFile;
import io.dunninghub.policy.Standing;
import io.dunninghub.scan.Installment;
import io.dunninghub.support.Policies;
import io.dunninghub.support.TestData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps that act on what happened: {@code after} a call's result, {@code if: { no: … }} and {@code unless} on the
 * debt's history with its outcomes, a fallback channel when the primary cannot reach the person, parallel tracks,
 * and a missed one-off step caught up once.
 */
class StepsThatReadTheHistoryTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DUE = LocalDate.of(2026, 11, 2);
    static final ContactPolicy ALWAYS = Policies.windowsOnly(ContactWindow.ALWAYS, Map.of(), Map.of("CN", SHANGHAI), "CN");

    @TempDir
    Path dir;

    LadderConfig ladder(String yaml) throws Exception {
        return LadderConfig.load(Files.writeString(dir.resolve("ladder.yaml"), yaml));
    }

    static Installment due(LocalDate dueDate) {
        return TestData.installment("I1", "L1", "B1", dueDate, new BigDecimal("535.50"), null, null, null, "CNY",
                "instalment", "mass", 1);
    }

    static Contact borrower(String pushToken) {
        return TestData.contact("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zw@example.com", pushToken,
                "上海市浦东新区世纪大道100号", Set.of());
    }

    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
    }

    static PastNotice sent(String channel, String step, Instant at, String delivery, PastOutcome... outcomes) {
        return new PastNotice("n-" + step + "-" + channel, "L1", "B1", channel, step, "t", at, delivery, null,
                List.of(outcomes));
    }

    static List<NoticeDraft> plan(LadderConfig ladders, ContactPolicy policy, Contact contact, LocalDate day,
                                  Instant now, Map<String, Standing> standings, PastNotice... history) {
        ContactHistory.Histories h = new ContactHistory.Histories(Map.of("L1", List.of(history)),
                Map.of("B1", List.of(history)));
        return PlanningPass.draft(List.of(due(DUE)), Map.of("B1", contact), PartyDirectory.Parties.NONE, standings, h,
                Set.of(), ladders, policy, day, now);
    }

    static String row(NoticeDraft d) {
        return d.dedupeKey() + " " + (d.status() == NoticeStatus.SUPPRESSED ? "SUPPRESS " + d.reason()
                : d.deferredBy() != null ? "DEFER " + d.deferredBy() + " " + d.notBefore() : "SEND");
    }

    static final String MALL_DAY0 = """
            ladders:
              - id: mall
                steps:
                  - id: due-call
                    dpd: 0..1
                    channels: [ { channel: call, template: overdue_call } ]
                  - id: due-sms
                    track: texts
                    dpd: 0..1
                    after: { step: due-call, outcome: [no-answer, busy, voicemail], wait: 2h }
                    channels: [ { channel: sms, template: due_soon } ]
            """;

    @Test
    void theDueDayTextWaitsForTheCallsResultAndGoesOnlyWhenTheBorrowerWasNotReached() throws Exception {
        LadderConfig ladders = ladder(MALL_DAY0);
        Instant nine = at(DUE, 9, 0);
        // before the call task went out: both tracks plan their step, the text waits for the call's result
        assertThat(plan(ladders, ALWAYS, borrower(null), DUE, nine, Map.of()).stream().map(StepsThatReadTheHistoryTest::row))
                .containsExactly("loan/L1:due-call:call:borrower:0 SEND",
                        "loan/L1:due-sms:sms:borrower:0 DEFER OUTCOME_PENDING " + nine.plus(Duration.ofHours(1)));

        Instant called = at(DUE, 9, 5);
        // the call went out, no result yet: still waiting
        assertThat(plan(ladders, ALWAYS, borrower(null), DUE, at(DUE, 9, 30), Map.of(), sent("call", "due-call", called, null))
                .stream().map(StepsThatReadTheHistoryTest::row))
                .contains("loan/L1:due-sms:sms:borrower:0 DEFER OUTCOME_PENDING " + at(DUE, 10, 30));
        // not answered at 09:20: the text goes two hours later, not before
        PastNotice unanswered = sent("call", "due-call", called, null, new PastOutcome(OutcomeKind.NO_ANSWER, at(DUE, 9, 20)));
        assertThat(plan(ladders, ALWAYS, borrower(null), DUE, at(DUE, 10, 0), Map.of(), unanswered).stream()
                .map(StepsThatReadTheHistoryTest::row))
                .contains("loan/L1:due-sms:sms:borrower:0 DEFER OUTCOME_PENDING " + at(DUE, 11, 20));
        assertThat(plan(ladders, ALWAYS, borrower(null), DUE, at(DUE, 11, 30), Map.of(), unanswered).stream()
                .map(StepsThatReadTheHistoryTest::row)).contains("loan/L1:due-sms:sms:borrower:0 SEND");
        // reached: no text at all, and the ledger says why
        PastNotice reached = sent("call", "due-call", called, null, new PastOutcome(OutcomeKind.CONNECTED, at(DUE, 9, 20)));
        NoticeDraft sms = plan(ladders, ALWAYS, borrower(null), DUE, at(DUE, 11, 30), Map.of(), reached).stream()
                .filter(d -> d.channel().equals("sms")).findFirst().orElseThrow();
        assertThat(sms.status()).isEqualTo(NoticeStatus.SUPPRESSED);
        assertThat(sms.reason()).isEqualTo("CONDITION_NOT_MET");
        assertThat(sms.detail()).contains("after step 'due-call' came back", "it came back connected");
    }

    @Test
    void ifNoAndUnlessReadTheOutcomesAndTheReceiptsOfTheDebtsHistory() throws Exception {
        LadderConfig ladders = ladder("""
                ladders:
                  - id: l
                    steps:
                      - id: reminder
                        dpd: 1..
                        if: { no: { channel: call, outcome: connected, within: 1d } }
                        unless: { delivered: email, within: 3d }
                        channels: [ { channel: sms, template: t } ]
                """);
        LocalDate day = DUE.plusDays(5);
        Instant now = at(day, 10, 0);
        assertThat(plan(ladders, ALWAYS, borrower(null), day, now, Map.of()).get(0).deferredBy()).isNull();
        // a connected call three hours ago: no reminder today; two days ago: the reminder goes
        PastNotice call3h = sent("call", "calls", now.minus(Duration.ofHours(4)), null,
                new PastOutcome(OutcomeKind.CONNECTED, now.minus(Duration.ofHours(3))));
        PastNotice call2d = sent("call", "calls", now.minus(Duration.ofDays(2)), null,
                new PastOutcome(OutcomeKind.CONNECTED, now.minus(Duration.ofDays(2))));
        assertThat(plan(ladders, ALWAYS, borrower(null), day, now, Map.of(), call3h).get(0).reason()).isEqualTo("CONDITION_NOT_MET");
        assertThat(plan(ladders, ALWAYS, borrower(null), day, now, Map.of(), call2d).get(0).status()).isEqualTo(NoticeStatus.PLANNED);
        // an e-mail the receipt says was delivered yesterday stops it; one merely sent does not
        assertThat(plan(ladders, ALWAYS, borrower(null), day, now, Map.of(),
                sent("email", "formal", now.minus(Duration.ofDays(1)), "DELIVERED")).get(0).detail())
                .contains("unless a delivered email within 3 days");
        assertThat(plan(ladders, ALWAYS, borrower(null), day, now, Map.of(),
                sent("email", "formal", now.minus(Duration.ofDays(1)), null)).get(0).status()).isEqualTo(NoticeStatus.PLANNED);
    }

    @Test
    void aChannelThatCannotReachThePersonHandsTheNoticeToItsFallback() throws Exception {
        LadderConfig ladders = ladder("""
                ladders:
                  - id: l
                    steps:
                      - id: early
                        dpd: 1..3
                        channels:
                          - { channel: push, template: overdue_early, fallback: { channel: sms } }
                """);
        LocalDate day = DUE.plusDays(1);
        Instant now = at(day, 10, 0);
        // a push token: the push alone
        assertThat(plan(ladders, ALWAYS, borrower("tok-1"), day, now, Map.of()).stream().map(StepsThatReadTheHistoryTest::row))
                .containsExactly("loan/L1:early:push:borrower:0 SEND");
        // none: the push is suppressed and the SMS goes, with the same template
        List<NoticeDraft> noToken = plan(ladders, ALWAYS, borrower(null), day, now, Map.of());
        assertThat(noToken.stream().map(StepsThatReadTheHistoryTest::row))
                .containsExactly("loan/L1:early:push:borrower:0 SUPPRESS NO_ADDRESS", "loan/L1:early:sms:borrower:0 SEND");
        assertThat(noToken.get(1).template()).isEqualTo("overdue_early");
        assertThat(noToken.get(1).detail()).contains("fallback: push NO_ADDRESS");
        // the push went out this cycle and its token turned out dead: the SMS now, the push not again
        PastNotice dead = sent("push", "early", now.minus(Duration.ofHours(20)), "UNDELIVERED",
                new PastOutcome(OutcomeKind.TOKEN_DEAD, now.minus(Duration.ofHours(19))));
        assertThat(plan(ladders, ALWAYS, borrower("tok-1"), day, now, Map.of(), dead).stream()
                .map(StepsThatReadTheHistoryTest::row)).containsExactly("loan/L1:early:sms:borrower:0 SEND");
    }

    @Test
    void tracksRunSideBySideAndOverlapOnlyAcrossTracks() throws Exception {
        LadderConfig ladders = ladder("""
                ladders:
                  - id: l
                    steps:
                      - { id: texts, dpd: 1..10, every: 1d, track: sms, channels: [ { channel: sms, template: t } ] }
                      - { id: calls, dpd: 4..7, every: 1d, channels: [ { channel: call, template: c } ] }
                """);
        LocalDate day5 = DUE.plusDays(5);
        assertThat(plan(ladders, ALWAYS, borrower(null), day5, at(day5, 10, 0), Map.of()).stream()
                .map(StepsThatReadTheHistoryTest::row))
                .containsExactlyInAnyOrder("loan/L1:texts:sms:borrower:4 SEND", "loan/L1:calls:call:borrower:1 SEND");
        assertThatThrownBy(() -> ladder("""
                ladders:
                  - id: l
                    steps:
                      - { id: texts, dpd: 1..10, track: sms, channels: [ { channel: sms, template: t } ] }
                      - { id: more, dpd: 4..7, track: sms, channels: [ { channel: sms, template: t } ] }
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("steps[1].dpd")
                .hasMessageContaining("overlaps step 'texts'");
    }

    @Test
    void theLaddersVocabularyIsCheckedWithFileKeyAndProblem() {
        assertThatThrownBy(() -> ladder("""
                ladders:
                  - id: l
                    steps:
                      - { id: s, dpd: 1.., after: { step: nope, outcome: no-answer }, channels: [ { channel: sms, template: t } ] }
                """)).hasMessageContaining("ladders[0].steps[0].after.step").hasMessageContaining("no step 'nope'");
        assertThatThrownBy(() -> ladder("""
                ladders:
                  - id: l
                    steps:
                      - { id: s, dpd: 1.., if: { no: { channel: call, outcome: picked-up } }, channels: [ { channel: sms, template: t } ] }
                """)).hasMessageContaining("ladders[0].steps[0].if.no.outcome")
                .hasMessageContaining("unknown outcome 'picked-up'").hasMessageContaining("no-answer");
        assertThatThrownBy(() -> ladder("""
                ladders:
                  - id: l
                    steps:
                      - { id: s, dpd: 1.., unless: { delivered: email, within: soon }, channels: [ { channel: sms, template: t } ] }
                """)).hasMessageContaining("ladders[0].steps[0].unless.within").hasMessageContaining("30d, 2h or 15m");
        assertThatThrownBy(() -> ladder("""
                ladders:
                  - id: l
                    steps:
                      - { id: s, dpd: 1.., channels: [ { channel: sms, template: t, fallback: { channel: sms } } ] }
                """)).hasMessageContaining("channels[0].fallback.channel");
    }

    static final Path SHIPPED = Path.of("config/ladder.yaml");

    @Test
    void aDebtPastAOneOffStepItNeverGotGetsTheMostSevereOneOnceAndOnlyWhenItCanGoOut() throws Exception {
        LadderConfig ladders = LadderConfig.load(SHIPPED);
        ContactPolicy policy = PolicyFile.load(Path.of("config/policy.yaml"));
        // at go-live a loan is 70 days past due and the ledger has nothing about it
        LocalDate day = DUE.plusDays(70);
        Instant now = at(day, 10, 0);
        List<String> rows = new ArrayList<>(plan(ladders, policy, borrower(null), day, now, Map.of()).stream()
                .map(StepsThatReadTheHistoryTest::row).toList());
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("loan/L1:agency:agency:borrower:0 DEFER EVIDENCE_MISSING"))
                .contains("loan/L1:final:letter:borrower:catch-up SEND", "loan/L1:final:email:borrower:catch-up SEND");
        // once the final notice went out, no catch-up: the agency hand-off may follow
        PastNotice finalSent = sent("letter", "final", now.minus(Duration.ofDays(1)), null);
        assertThat(plan(ladders, policy, borrower(null), day, now, Map.of(), finalSent).stream()
                .map(StepsThatReadTheHistoryTest::row)).containsExactly("loan/L1:agency:agency:borrower:0 SEND");
        // under a hold nothing is written for the catch-up: it is decided again once the hold ends
        Standing held = new Standing(List.of(new Standing.Hold("h1", null, "DISPUTE", null, "cli")), List.of(), List.of(),
                List.of(), List.of());
        assertThat(plan(ladders, policy, borrower(null), day, now, Map.of("B1", held)).stream()
                .map(StepsThatReadTheHistoryTest::row)).noneMatch(r -> r.contains("catch-up"));
        // a step that is due and needs nothing earlier is never delayed by a catch-up
        LocalDate day46 = DUE.plusDays(46);
        assertThat(plan(ladders, policy, borrower(null), day46, at(day46, 10, 0), Map.of()).stream()
                .map(StepsThatReadTheHistoryTest::row)).noneMatch(r -> r.contains("catch-up"));
        // and a ladder may turn it off
        LadderConfig off = ladder(Files.readString(SHIPPED).replace("    per: loan\n", "    per: loan\n    catch-up: false\n"));
        assertThat(plan(off, policy, borrower(null), day, now, Map.of()).stream().map(StepsThatReadTheHistoryTest::row))
                .noneMatch(r -> r.contains("catch-up"));
    }

    @Test
    void aCatchUpLooksNoFurtherBackThanTheLiveLedgerHolds() throws Exception {
        LadderConfig ladders = LadderConfig.load(SHIPPED);
        ContactPolicy policy = PolicyFile.load(Path.of("config/policy.yaml"));
        // 150 days past due and the history shows nothing; with finished notices archived after 90 days, the final
        // notice (days 45-59) may well have gone out and left the live ledger: not sent a second time
        LocalDate day = DUE.plusDays(150);
        Instant now = at(day, 10, 0);
        ContactHistory.Histories archived = new ContactHistory.Histories(Map.of(), Map.of(), now.minus(Duration.ofDays(90)));
        assertThat(PlanningPass.draft(List.of(due(DUE)), Map.of("B1", borrower(null)), PartyDirectory.Parties.NONE,
                Map.of(), archived, Set.of(), ladders, policy, day, now).stream().map(StepsThatReadTheHistoryTest::row))
                .noneMatch(r -> r.contains("catch-up"));
        // with the whole ledger as history the same debt gets it, as at go-live
        assertThat(plan(ladders, policy, borrower(null), day, now, Map.of()).stream().map(StepsThatReadTheHistoryTest::row))
                .contains("loan/L1:final:letter:borrower:catch-up SEND");
        // at 70 days the final step began 25 days ago, well inside the live ledger: caught up as before
        LocalDate day70 = DUE.plusDays(70);
        Instant at70 = at(day70, 10, 0);
        ContactHistory.Histories recent = new ContactHistory.Histories(Map.of(), Map.of(), at70.minus(Duration.ofDays(90)));
        assertThat(PlanningPass.draft(List.of(due(DUE)), Map.of("B1", borrower(null)), PartyDirectory.Parties.NONE,
                Map.of(), recent, Set.of(), ladders, policy, day70, at70).stream().map(StepsThatReadTheHistoryTest::row))
                .contains("loan/L1:final:letter:borrower:catch-up SEND");
    }
}
