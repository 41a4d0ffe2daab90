package io.dunninghub.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.contact.Contact;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.ledger.ContactAttempt;
import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.PastNotice;
import io.dunninghub.plan.PlanningPass;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.PolicyFile;
import io.dunninghub.policy.Standing;
import io.dunninghub.scan.Installment;
import io.dunninghub.support.TestData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The four lender-style examples of config/examples, each run day by day from the due date to 90 days past due
 * with its own policy, and compared with the table in its README: on which day which step sends on which
 * channels. What goes out counts against the caps and becomes the history the next steps require, as in the
 * ledger; deferrals are listed with their reason.
 */
class LenderStyleExamplesTest {

    static final Path EXAMPLES = Path.of("config/examples");
    /** Due on a Monday with no holiday of the example calendar in the 90 days after it. */
    static final LocalDate DUE = LocalDate.of(2026, 11, 2);
    static final Pattern ROW = Pattern.compile("^\\| *(-?\\d+) *\\| *([a-z0-9-]+) *\\| *([a-z, ]+?) *\\|.*$");

    /** The expected table of an example's README: day past due → "step sms+email" (or "step DEFER reason"). */
    static Map<Integer, String> expected(Path example) throws Exception {
        Map<Integer, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(example.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(Integer.parseInt(m.group(1)), m.group(2) + " " + String.join("+", m.group(3).split(", *")));
            }
        }
        assertThat(rows).as("rows of the table in " + example.resolve("README.md")).isNotEmpty();
        return rows;
    }

    /**
     * Plans the example's ladder at 10:00 each day for a borrower with two installments of one loan (the second
     * due a month after the first) and returns what is newly planned each day.
     */
    static Map<Integer, String> dayByDay(Path example) {
        return dayByDay(example, "zw@example.com");
    }

    static Map<Integer, String> dayByDay(Path example, String email) {
        LadderConfig ladders = LadderConfig.load(example.resolve("ladder.yaml"));
        ContactPolicy policy = PolicyFile.load(example.resolve("policy.yaml"));
        Contact contact = TestData.contact("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", email,
                "tok-1", "上海市浦东新区世纪大道100号", Set.of());
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        List<Installment> installments = List.of(
                TestData.installment("I1", "L1", "B1", DUE, new BigDecimal("1234.50"), new BigDecimal("1150.00"),
                        new BigDecimal("62.30"), new BigDecimal("22.20"), "CNY", "instalment", "mass", 3, 0),
                TestData.installment("I2", "L1", "B1", DUE.plusMonths(1), new BigDecimal("1212.30"),
                        new BigDecimal("1150.00"), new BigDecimal("62.30"), BigDecimal.ZERO, "CNY", "instalment", "mass", 4, 0));
        Set<String> planned = new HashSet<>();
        List<ContactAttempt> attempts = new ArrayList<>();
        List<PastNotice> history = new ArrayList<>();
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int dpd = 0; dpd <= 90; dpd++) {
            LocalDate day = DUE.plusDays(dpd);
            Instant now = day.atTime(10, 0).atZone(zone).toInstant();
            Standing standing = new Standing(List.of(), List.of(), List.of(), attempts, List.of());
            ContactHistory.Histories histories = new ContactHistory.Histories(Map.of("L1", List.copyOf(history)),
                    Map.of("B1", List.copyOf(history)));
            List<NoticeDraft> drafts = PlanningPass.draft(installments, Map.of("B1", contact), PartyDirectory.Parties.NONE,
                    Map.of("B1", standing), histories, planned, ladders, policy, day, now);
            String step = null;
            List<String> sent = new ArrayList<>();
            List<String> deferred = new ArrayList<>();
            for (NoticeDraft d : drafts) {
                if (planned.contains(d.dedupeKey())) {
                    continue;
                }
                if (d.status() == io.dunninghub.ledger.NoticeStatus.SUPPRESSED) {
                    planned.add(d.dedupeKey());
                    continue;
                }
                if (d.deferredBy() != null) {
                    // deferred: decided again on a later day, as the ledger's recheck would
                    deferred.add(d.stepId() + " DEFER " + d.deferredBy());
                    continue;
                }
                planned.add(d.dedupeKey());
                assertThat(step == null || step.equals(d.stepId())).as("one step a day, day %d", dpd).isTrue();
                step = d.stepId();
                sent.add(d.channel());
                attempts.add(new ContactAttempt("L1", d.channel(), d.audience(), now));
                history.add(new PastNotice(d.dedupeKey(), "L1", "B1", d.channel(), d.stepId(), d.template(), now,
                        null, null));
            }
            if (step != null) {
                out.put(dpd, step + " " + String.join("+", sent));
            } else if (!deferred.isEmpty() && !out.containsValue(deferred.get(0))) {
                out.put(dpd, deferred.get(0));
            }
        }
        return out;
    }

    static void check(String example) throws Exception {
        Path dir = EXAMPLES.resolve(example);
        assertThat(dayByDay(dir)).as(example + " day by day against its README").containsExactlyEntriesOf(expected(dir));
    }

    @Test
    void instalmentApp() throws Exception {
        check("instalment-app");
    }

    @Test
    void dayFourLetter() throws Exception {
        check("day-4-letter");
    }

    @Test
    void walletCredit() throws Exception {
        check("wallet-credit");
    }

    @Test
    void instalmentMall() throws Exception {
        check("instalment-mall");
    }

    @Test
    void theMallsAgencyHandOffWaitsWhenTheFormalEmailNeverWentOut() {
        Map<Integer, String> days = dayByDay(EXAMPLES.resolve("instalment-mall"), null);
        assertThat(days).doesNotContainValue("agency agency").doesNotContainValue("plan email")
                .containsEntry(8, "agency DEFER EVIDENCE_MISSING");
    }
}
