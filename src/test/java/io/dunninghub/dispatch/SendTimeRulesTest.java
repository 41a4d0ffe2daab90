package io.dunninghub.dispatch;

import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.support.TestData;
import io.dunninghub.render.NoticeModels;
import io.dunninghub.render.TemplateModel;
import io.dunninghub.ledger.ContactAttempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.contact.Contact;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.policy.Caps;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.ContactWindow;
import io.dunninghub.policy.Decision;
import io.dunninghub.policy.Holidays;
import io.dunninghub.policy.Jurisdiction;
import io.dunninghub.policy.Standing;
import io.dunninghub.policy.StopKeywords;
import io.dunninghub.render.LetterPdfWriter;
import io.dunninghub.render.TemplateFailure;
import io.dunninghub.render.TemplateRenderer;
import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The send-time verdicts of a batch, without a database: paid, superseded, caps within the batch, amounts. */
class SendTimeRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Instant NOON = Instant.parse("2026-11-23T04:00:00Z"); // 12:00 in Shanghai
    private final LadderConfig ladders = LadderConfig.load(Path.of("config/ladder.yaml"));
    private final ContactPolicy capped = new ContactPolicy(new Jurisdiction("default", Set.of(), ContactWindow.ALWAYS,
            Map.of(), Holidays.NONE, new Caps(Map.of("all", 2), Map.of(), Map.of(), Map.of()), Duration.ZERO, Set.of(),
            List.of("borrower", "co-borrower", "guarantor"), true, 2), List.of(), Map.of("CN", ZoneId.of("Asia/Shanghai")),
            "CN", Duration.ofHours(6), Set.of("sms", "push"), StopKeywords.defaults());
    private final Contact zhang = TestData.contact("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zw@example.com",
            "tok-1", "上海", Set.of());

    private static Installment inst(String id, String loan, int dpd, String amount) {
        return TestData.installment(id, loan, "B1", TODAY.minusDays(dpd), new BigDecimal(amount), null, null, null, "CNY",
                "instalment", "first", 1);
    }

    private static ClaimedNotice claimed(String id, String installment, String loan, String step, int cycle, String channel,
                                         String audience) {
        return TestData.claimed(id, installment + ":" + step + ":" + channel + ":" + audience + ":" + cycle, installment,
                loan, "B1", step, cycle, channel, audience, "overdue_early", 0, false, "consumer-instalment");
    }

    @Test
    void paidAndSupersededNoticesAreNotSent() {
        Map<String, SendTimeRules.Verdict> v = SendTimeRules.decide(List.of(
                        claimed("n1", "I1", "L1", "early", 0, "sms", "borrower"),
                        claimed("n2", "I2", "L2", "early", 0, "sms", "borrower"),
                        claimed("n3", "I3", "L3", "formal", 0, "email", "borrower"),
                        claimed("n4", "I4", "L4", "formal", 1, "email", "borrower")),
                Map.of("I1", inst("I1", "L1", 2, "0.00"), "I2", inst("I2", "L2", 4, "10.00"),
                        "I3", inst("I3", "L3", 12, "10.00"), "I4", inst("I4", "L4", 12, "10.00")),
                Map.of("B1", zhang), PartyDirectory.Parties.NONE, Map.of(), ContactHistory.Histories.NONE, ladders, capped, TODAY, NOON);
        assertThat(((Decision.Suppress) v.get("n1").decision()).reason()).isEqualTo("PAID");
        // a day-3 reminder deferred into day 4: the formal step is due now, the early one is not replayed
        assertThat(((Decision.Suppress) v.get("n2").decision()).reason()).isEqualTo("SUPERSEDED");
        assertThat(((Decision.Suppress) v.get("n2").decision()).detail()).contains("step 'formal' cycle 0");
        // formal repeats every 7 days: at day 12 the second cycle is current, not the first
        assertThat(((Decision.Suppress) v.get("n3").decision()).reason()).isEqualTo("SUPERSEDED");
        assertThat(v.get("n4").decision()).isInstanceOf(Decision.Send.class);
    }

    @Test
    void noticesClearedEarlierInTheBatchCountAgainstTheCap() {
        Map<String, SendTimeRules.Verdict> v = SendTimeRules.decide(List.of(
                        claimed("a", "I1", "L1", "early", 0, "sms", "borrower"),
                        claimed("b", "I1", "L1", "early", 0, "email", "borrower"),
                        claimed("c", "I2", "L2", "early", 0, "push", "borrower")),
                Map.of("I1", inst("I1", "L1", 2, "10"), "I2", inst("I2", "L2", 1, "10")),
                Map.of("B1", zhang), PartyDirectory.Parties.NONE, Map.of(), ContactHistory.Histories.NONE, ladders, capped, TODAY, NOON);
        assertThat(SendTimeRules.cleared(v, NOON)).containsExactlyInAnyOrder("a", "b");
        Decision.Send third = (Decision.Send) v.get("c").decision();
        assertThat(third.deferredBy()).isEqualTo("CAP_DAY");
        assertThat(third.notBefore()).isEqualTo(Instant.parse("2026-11-23T16:00:00Z")); // midnight in Shanghai
        // with one contact already made today, only one more fits
        Standing one = new Standing(List.of(), List.of(), List.of(),
                List.of(new ContactAttempt("L9", "letter", "borrower", NOON.minusSeconds(600))), List.of());
        Map<String, SendTimeRules.Verdict> again = SendTimeRules.decide(List.of(
                        claimed("a", "I1", "L1", "early", 0, "sms", "borrower"),
                        claimed("b", "I1", "L1", "early", 0, "email", "borrower")),
                Map.of("I1", inst("I1", "L1", 2, "10")), Map.of("B1", zhang), PartyDirectory.Parties.NONE,
                Map.of("B1", one), ContactHistory.Histories.NONE, ladders, capped, TODAY, NOON);
        assertThat(SendTimeRules.cleared(again, NOON)).containsExactly("a");
    }

    @Test
    void guarantorNoticesGoToThatGuarantorOnlyAndMissingOnesHaveNoContact() {
        Contact guarantor = TestData.person(null, "李四", "zh-CN", "Asia/Shanghai", "+8613900139000", null, null, null, Set.of(),
                null, false, null, "guarantor", "G1");
        Contact relative = TestData.person(null, "王母", "zh-CN", "Asia/Shanghai", "+8613700137000", null, null, null, Set.of(),
                null, false, null, "relative", "R1");
        PartyDirectory.Parties parties = new PartyDirectory.Parties(Map.of("L1", List.of(relative, guarantor)), Map.of());
        Map<String, SendTimeRules.Verdict> v = SendTimeRules.decide(List.of(
                        claimed("g", "I1", "L1", "early", 0, "sms", "guarantor/G1"),
                        claimed("r", "I1", "L1", "early", 0, "sms", "guarantor/R1")),
                Map.of("I1", inst("I1", "L1", 2, "10")), Map.of("B1", zhang), parties, Map.of(), ContactHistory.Histories.NONE, ladders, capped, TODAY, NOON);
        assertThat(v.get("g").contact()).isSameAs(guarantor);
        assertThat(((Decision.Suppress) v.get("r").decision()).reason()).isEqualTo("NO_CONTACT");
    }

    @Test
    void smsAndPushSeeNoAmountUnlessTheStepSaysSo() throws Exception {
        Map<String, SendTimeRules.Verdict> v = SendTimeRules.decide(List.of(
                        claimed("s", "I1", "L1", "early", 0, "sms", "borrower"),
                        claimed("e", "I1", "L1", "early", 0, "email", "borrower")),
                Map.of("I1", inst("I1", "L1", 2, "10")), Map.of("B1", zhang), PartyDirectory.Parties.NONE, Map.of(), ContactHistory.Histories.NONE,
                ladders, capped, TODAY, NOON);
        assertThat(v.get("s").amountsAllowed()).isFalse();
        assertThat(v.get("e").amountsAllowed()).isTrue();

        NoticeModels model = new NoticeModels(locale -> new TemplateModel.Lender("Lender", "App", "400", null, null,
                null, null), locale -> TemplateModel.LawFirm.NONE, 7, java.time.ZoneId.of("Asia/Shanghai"));
        ClaimedNotice n = claimed("7f3c2a9e-5b1d-4c8e-9a0f-2d6b8e4c1a77", "I1", "L1", "early", 0, "sms", "borrower");
        io.dunninghub.ladder.Debt debt = new io.dunninghub.ladder.Debt(io.dunninghub.ledger.NoticeScope.INSTALLMENT,
                "I1", null, List.of(inst("I1", "L1", 2, "535.50")));
        TemplateModel hidden = model.build(new NoticeModels.Facts(n, debt, zhang, io.dunninghub.scan.LoanDetails.Loans.NONE,
                List.of(), List.of()), "zh-CN", TODAY, false);
        @SuppressWarnings("unchecked")
        Map<String, Object> installment = (Map<String, Object>) hidden.asMap().get("installment");
        assertThat(installment).doesNotContainKeys("amountDue", "principal", "interest", "fees", "loanId", "loanIdMasked")
                .containsKeys("dueDate", "dpd");
        assertThat(hidden.asMap().toString()).doesNotContain("535.50");
        // a template that tries to show the amount anyway fails instead of leaking it
        TemplateRenderer renderer = new TemplateRenderer(Path.of("config/templates"), "en",
                TestData.letterPdf(Path.of("config/fonts/NotoSansSC-Regular.ttf")));
        assertThatThrownBy(() -> renderer.render("overdue_formal", "email", "en", hidden))
                .isInstanceOf(TemplateFailure.class).hasMessageContaining("installment.");
        assertThat(renderer.render("overdue_early", "sms", "zh-CN", hidden).text()).contains("张伟");
    }
}
