package io.dunninghub.policy;

import io.dunninghub.contact.Contact;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.dispatch.SendTimeRules;
import io.dunninghub.ladder.Audience;
import io.dunninghub.ladder.DpdRange;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ladder.LadderStep;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.ContactAttempt;
import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.plan.PlanningPass;
import io.dunninghub.scan.DaysPastDue;
import io.dunninghub.scan.Installment;
import io.dunninghub.support.TestData;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.api.Assertions;

/**
 * Call tasks over a simulated month with a dialer that answers: each task handed out comes back later (minutes to
 * two hours) connected, not answered, busy or to voicemail, at generated rates. The real planner runs at 08:00 and
 * the real send-time rules every half hour, with the results recorded so far. Checked independently: China's at
 * most N connected calls a day (N = 1 to 3), and Regulation F's at most 7 call attempts per debt in 7 days and no
 * call within 7 days after a conversation.
 */
class CallRulesPropertyTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final LocalDate MONTH = LocalDate.of(2026, 11, 1);
    static final int DAYS = 30;

    record World(boolean regF, int connectedCap, int loansPerBorrower, int borrowers, int connectPercent,
                 int callsPerDay, long seed) {
    }

    @Provide
    Arbitrary<World> worlds() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 3),
                Arbitraries.longs()).as(World::new);
    }

    record Result(Instant at, String borrowerId, String loanId, boolean reached) {
    }

    record Task(Instant at, String borrowerId, String loanId) {
    }

    @Property(tries = 60)
    void connectedCallCapsAndRegulationFHoldWhateverTheDialerAnswers(@ForAll("worlds") World w) {
        ZoneId zone = w.regF() ? CHICAGO : SHANGHAI;
        Caps caps = w.regF()
                ? new Caps(Map.of(), Map.of(), Map.of(), Map.of("call", 7))
                : new Caps(Map.of(Caps.CONNECTED_CALLS, w.connectedCap()), Map.of(), Map.of(), Map.of());
        Jurisdiction j = new Jurisdiction("default", Set.of(), ContactWindow.parse(w.regF() ? "08:00-21:00" : "08:00-22:00"),
                Map.of(), Holidays.NONE, caps, w.regF() ? Duration.ofDays(7) : Duration.ZERO, Set.of("call"),
                Audience.ALL, true, 0);
        ContactPolicy policy = new ContactPolicy(j, List.of(), Map.of("CN", SHANGHAI, "US", CHICAGO),
                w.regF() ? "US" : "CN", Duration.ofHours(6), Set.of("sms", "push"), StopKeywords.defaults());
        // several call steps a day: calls every day from the first day past due, on as many tracks
        List<LadderStep> steps = new ArrayList<>();
        for (int k = 0; k < w.callsPerDay(); k++) {
            steps.add(new LadderStep("calls-" + k, new DpdRange(1, null), 1,
                    List.of(new LadderStep.StepChannel("call", "c", "borrower")), io.dunninghub.ladder.Condition.ALWAYS,
                    false, List.of(), List.of(), "t" + k));
        }
        LadderConfig ladders = new LadderConfig(List.of(TestData.ladder("calls", List.of(), List.of(), steps)));

        Map<String, Contact> contacts = new LinkedHashMap<>();
        List<Installment> installments = new ArrayList<>();
        for (int b = 0; b < w.borrowers(); b++) {
            String id = "B" + b;
            contacts.put(id, TestData.contact(id, "N" + b, "en", zone.getId(),
                    w.regF() ? "+1312555" + String.format("%04d", 100 + b) : "+86138" + String.format("%08d", 10000000 + b),
                    null, null, null, Set.of()));
            for (int l = 0; l < w.loansPerBorrower(); l++) {
                installments.add(TestData.installment("I" + b + "-" + l, "L" + b + "-" + l, id, MONTH.minusDays(1),
                        new BigDecimal("100.00"), null, null, null, "CNY", "p", "s", 1, 0));
            }
        }

        Random dialer = new Random(w.seed());
        Map<String, NoticeDraft> ledger = new LinkedHashMap<>();
        PriorityQueue<NoticeDraft> due = new PriorityQueue<>(Comparator.comparing(NoticeDraft::notBefore)
                .thenComparing(NoticeDraft::dedupeKey));
        Map<String, Instant> notBefore = new HashMap<>();
        List<Task> tasks = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            for (int half = 0; half < 48; half++) {
                Instant now = MONTH.plusDays(d).atStartOfDay(SHANGHAI).toInstant().plus(Duration.ofMinutes(30L * half));
                LocalDate businessDate = DaysPastDue.businessDate(now, SHANGHAI);
                if (half == 16) {
                    for (NoticeDraft nd : PlanningPass.draft(installments, contacts, PartyDirectory.Parties.NONE,
                            standings(contacts, tasks, results, now), ContactHistory.Histories.NONE, ledger.keySet(),
                            ladders, policy, businessDate, now)) {
                        if (ledger.putIfAbsent(nd.dedupeKey(), nd) == null && nd.status() == NoticeStatus.PLANNED) {
                            notBefore.put(nd.dedupeKey(), nd.notBefore());
                            due.add(nd);
                        }
                    }
                }
                List<NoticeDraft> batch = new ArrayList<>();
                while (!due.isEmpty() && !notBefore.get(due.peek().dedupeKey()).isAfter(now)) {
                    batch.add(due.poll());
                }
                if (batch.isEmpty()) {
                    continue;
                }
                Map<String, Installment> current = new HashMap<>();
                installments.forEach(i -> current.put(i.installmentId(), i));
                List<ClaimedNotice> claimed = batch.stream().map(n -> TestData.claimed(n.noticeId(), n.dedupeKey(),
                        n.installmentId(), n.loanId(), n.borrowerId(), n.stepId(), n.cycle(), n.channel(), n.audience(),
                        n.template(), 0, false, n.ladderId())).toList();
                Map<String, SendTimeRules.Verdict> verdicts = SendTimeRules.decide(claimed, current, contacts,
                        PartyDirectory.Parties.NONE, standings(contacts, tasks, results, now), ContactHistory.Histories.NONE,
                        ladders, policy, businessDate, now);
                for (NoticeDraft n : batch) {
                    if (verdicts.get(n.noticeId()).decision() instanceof Decision.Send s) {
                        if (s.notBefore().isAfter(now)) {
                            notBefore.put(n.dedupeKey(), s.notBefore());
                            due.add(n);
                        } else {
                            tasks.add(new Task(now, n.borrowerId(), n.loanId()));
                            // the dialer works the task and reports back later
                            Instant back = now.plus(Duration.ofMinutes(1 + dialer.nextInt(120)));
                            results.add(new Result(back, n.borrowerId(), n.loanId(), dialer.nextInt(100) < w.connectPercent()));
                        }
                    }
                }
            }
        }

        List<String> violations = new ArrayList<>();
        for (String b : contacts.keySet()) {
            List<Result> mine = results.stream().filter(r -> r.borrowerId().equals(b)).toList();
            if (!w.regF()) {
                Map<LocalDate, Long> connected = new HashMap<>();
                mine.stream().filter(Result::reached).forEach(r -> connected.merge(r.at().atZone(zone).toLocalDate(), 1L, Long::sum));
                connected.forEach((day, n) -> {
                    if (n > w.connectedCap()) {
                        violations.add(b + " had " + n + " connected calls on " + day + ", cap " + w.connectedCap());
                    }
                });
            } else {
                for (Task t : tasks.stream().filter(x -> x.borrowerId().equals(b)).toList()) {
                    long inWeek = tasks.stream().filter(x -> x.loanId().equals(t.loanId()) && !x.at().isAfter(t.at())
                            && x.at().isAfter(t.at().minus(Duration.ofDays(7)))).count();
                    if (inWeek > 7) {
                        violations.add(t + ": call " + inWeek + " about the debt in 7 days");
                    }
                    mine.stream().filter(r -> r.reached() && !r.at().isAfter(t.at())
                                    && t.at().isBefore(r.at().plus(Duration.ofDays(7))))
                            .findFirst().ifPresent(r -> violations.add(t + ": within 7 days after a conversation at " + r.at()));
                }
            }
        }
        Assertions.assertThat(violations).as("call rule violations among %d call tasks", tasks.size()).isEmpty();
    }

    /** What the hub knows at {@code now}: the call tasks handed out and the results that came back by then. */
    static Map<String, Standing> standings(Map<String, Contact> contacts, List<Task> tasks, List<Result> results,
                                           Instant now) {
        Map<String, Standing> out = new HashMap<>();
        for (String b : contacts.keySet()) {
            List<ContactAttempt> attempts = tasks.stream().filter(t -> t.borrowerId().equals(b))
                    .map(t -> new ContactAttempt(t.loanId(), "call", "borrower", t.at())).toList();
            List<Standing.Conversation> back = results.stream().filter(r -> r.borrowerId().equals(b) && !r.at().isAfter(now))
                    .map(r -> new Standing.Conversation(r.loanId(), "borrower", r.at(), r.reached())).toList();
            out.put(b, new Standing(List.of(), List.of(), List.of(), attempts, back));
        }
        return out;
    }
}
