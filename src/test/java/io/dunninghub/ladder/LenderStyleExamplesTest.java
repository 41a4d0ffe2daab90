package io.dunninghub.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.contact.Contact;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.ledger.ContactAttempt;
import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.ledger.PastNotice;
import io.dunninghub.ledger.PastOutcome;
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

    /** The expected table of an example's README, one row per day and step: "4 calls call" or "1 notice sms+email". */
    static List<String> expected(Path example) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(example.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(m.group(1) + " " + m.group(2) + " " + String.join("+", m.group(3).split(", *")));
            }
        }
        assertThat(rows).as("rows of the table in " + example.resolve("README.md")).isNotEmpty();
        return rows;
    }

    static List<String> dayByDay(Path example) {
        return dayByDay(example, "zw@example.com", OutcomeKind.NO_ANSWER);
    }

    /**
     * Plans the example's ladder at 10:00 and again at 14:00 each day (as a notice deferred in the morning is decided
     * again later in the day) for a borrower with two installments of one loan, the second due a month after the
     * first, and returns what goes out, one row per day and step ("0 due-call call"); a step that waits is listed
     * once with its reason ("15 agency DEFER EVIDENCE_MISSING").
     *
     * @param callResult what the dialer reports for every call task, five minutes after it was handed out
     */
    static List<String> dayByDay(Path example, String email, OutcomeKind callResult) {
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
        Set<String> waited = new HashSet<>();
        List<ContactAttempt> attempts = new ArrayList<>();
        List<PastNotice> history = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (int dpd = 0; dpd <= 90; dpd++) {
            LocalDate day = DUE.plusDays(dpd);
            Map<String, List<String>> sentByStep = new LinkedHashMap<>();
            for (int hour : new int[] {10, 14}) {
                Instant now = day.atTime(hour, 0).atZone(zone).toInstant();
                Standing standing = new Standing(List.of(), List.of(), List.of(), attempts, List.of());
                ContactHistory.Histories histories = new ContactHistory.Histories(Map.of("L1", List.copyOf(history)),
                        Map.of("B1", List.copyOf(history)));
                for (NoticeDraft d : PlanningPass.draft(installments, Map.of("B1", contact), PartyDirectory.Parties.NONE,
                        Map.of("B1", standing), histories, planned, ladders, policy, day, now)) {
                    if (planned.contains(d.dedupeKey())) {
                        continue;
                    }
                    if (d.status() == io.dunninghub.ledger.NoticeStatus.SUPPRESSED) {
                        planned.add(d.dedupeKey());
                        continue;
                    }
                    if (d.deferredBy() != null) {
                        // deferred: decided again later, as dispatch would; shown the first time a step waits
                        if (hour == 14 && waited.add(d.stepId() + d.deferredBy())
                                && d.deferredBy().equals("EVIDENCE_MISSING")) {
                            out.add(dpd + " " + d.stepId() + " DEFER " + d.deferredBy());
                        }
                        continue;
                    }
                    planned.add(d.dedupeKey());
                    sentByStep.computeIfAbsent(d.stepId(), k -> new ArrayList<>()).add(d.channel());
                    attempts.add(new ContactAttempt("L1", d.channel(), d.audience(), now));
                    PastNotice p = new PastNotice(d.dedupeKey(), "L1", "B1", d.channel(), d.stepId(), d.template(), now,
                            null, null);
                    // the dialer's result for a call task
                    history.add(d.channel().equals("call")
                            ? p.with(new PastOutcome(callResult, now.plus(java.time.Duration.ofMinutes(5)))) : p);
                }
            }
            int today = dpd;
            sentByStep.forEach((step, channels) -> out.add(today + " " + step + " " + String.join("+", channels)));
        }
        return out;
    }

    static void check(String example) throws Exception {
        Path dir = EXAMPLES.resolve(example);
        assertThat(dayByDay(dir)).as(example + " day by day against its README").containsExactlyElementsOf(expected(dir));
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
        List<String> days = dayByDay(EXAMPLES.resolve("instalment-mall"), null, OutcomeKind.NO_ANSWER);
        assertThat(days).doesNotContain("15 agency agency", "2 plan email").contains("15 agency DEFER EVIDENCE_MISSING");
    }

    @Test
    void theMallTextsOnlyWhenTheCallDidNotReachTheBorrowerAndWritesNoLawyersLetterAfterAPromise() {
        List<String> reached = dayByDay(EXAMPLES.resolve("instalment-mall"), "zw@example.com", OutcomeKind.CONNECTED);
        assertThat(reached).contains("0 due-call call", "8 lawyer letter").noneMatch(r -> r.contains("due-sms"));
        List<String> promised = dayByDay(EXAMPLES.resolve("instalment-mall"), "zw@example.com",
                OutcomeKind.PROMISE_TO_PAY);
        assertThat(promised).noneMatch(r -> r.contains("lawyer letter") || r.endsWith("agency agency"));
    }
}
