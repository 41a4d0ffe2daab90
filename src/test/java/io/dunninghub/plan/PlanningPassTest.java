package io.dunninghub.plan;

import io.dunninghub.support.TestData;
import io.dunninghub.support.Plans;
import io.dunninghub.support.Policies;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.contact.Contact;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.ContactWindow;
import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanningPassTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Instant NOON_SHANGHAI = Instant.parse("2026-11-23T04:00:00Z");
    private final LadderConfig ladder = LadderConfig.load(Path.of("config/ladder.yaml"));
    private final ContactPolicy policy = Policies.windowsOnly(ContactWindow.parse("08:00-21:00"),
            Map.of("letter", ContactWindow.ALWAYS), Map.of("CN", ZoneId.of("Asia/Shanghai")), "CN");

    private static Installment overdue(String id, String borrower, int dpd, String amount) {
        return TestData.installment(id, "L-" + id, borrower, TODAY.minusDays(dpd), new BigDecimal(amount),
                null, null, null, "CNY", "instalment", "first", 1);
    }

    private static Contact contact(String id, String zone, Set<String> optedOut) {
        return TestData.contact(id, "张伟", "zh-CN", zone, "+8613800138000", id + "@example.com", "tok-" + id, "上海", optedOut);
    }

    @Test
    void eachStepChannelBecomesOneDecidedNotice() {
        List<NoticeDraft> drafts = Plans.draft(
                List.of(overdue("I1", "B1", 2, "100.00"), overdue("I2", "B2", 31, "100.00")),
                Map.of("B1", contact("B1", "Asia/Shanghai", Set.of("email")), "B2", contact("B2", "Asia/Shanghai", Set.of())),
                ladder, policy, TODAY, NOON_SHANGHAI);
        assertThat(drafts).extracting(NoticeDraft::dedupeKey).containsExactly(
                "loan/L-I1:early:sms:borrower:0", "loan/L-I1:early:push:borrower:0", "loan/L-I1:early:email:borrower:0",
                "loan/L-I2:letter:letter:borrower:0");
        assertThat(drafts.get(2).status()).isEqualTo(NoticeStatus.SUPPRESSED);
        assertThat(drafts.get(2).reason()).isEqualTo("OPTED_OUT");
        assertThat(drafts.get(0).status()).isEqualTo(NoticeStatus.PLANNED);
        assertThat(drafts.get(0).notBefore()).isEqualTo(NOON_SHANGHAI);
    }

    @Test
    void settledNotYetDueAndUnknownBorrowers() {
        List<NoticeDraft> drafts = Plans.draft(
                List.of(overdue("paid", "B1", 2, "0.00"), overdue("due-today", "B1", 0, "10.00"), overdue("stranger", "B9", 2, "10.00")),
                Map.of("B1", contact("B1", "Asia/Shanghai", Set.of())), ladder, policy, TODAY, NOON_SHANGHAI);
        assertThat(drafts).hasSize(3).allSatisfy(d -> {
            assertThat(d.installmentId()).isEqualTo("stranger");
            assertThat(d.reason()).isEqualTo("NO_CONTACT");
        });
    }

    @Test
    void repeatingStepGetsANewCycleKey() {
        Map<String, Contact> c = Map.of("B1", contact("B1", "Asia/Shanghai", Set.of()));
        String day4 = Plans.draft(List.of(overdue("I1", "B1", 4, "1")), c, ladder, policy, TODAY, NOON_SHANGHAI).get(0).dedupeKey();
        String day11 = Plans.draft(List.of(overdue("I1", "B1", 11, "1")), c, ladder, policy, TODAY, NOON_SHANGHAI).get(0).dedupeKey();
        assertThat(day4).isEqualTo("loan/L-I1:formal:email:borrower:0");
        assertThat(day11).isEqualTo("loan/L-I1:formal:email:borrower:1");
    }

    @Test
    void nightInShanghaiDefersToTheMorning() {
        Instant night = Instant.parse("2026-11-23T15:00:00Z"); // 23:00 Shanghai
        List<NoticeDraft> drafts = Plans.draft(List.of(overdue("I1", "B1", 2, "1")),
                Map.of("B1", contact("B1", "Asia/Shanghai", Set.of())), ladder, policy, TODAY, night);
        assertThat(drafts.get(0).deferredBy()).isEqualTo("QUIET_HOURS");
        assertThat(drafts.get(0).notBefore()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    }
}
