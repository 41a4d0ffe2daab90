package io.dunninghub.policy;

import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.support.TestData;
import io.dunninghub.ledger.ContactAttempt;
import io.dunninghub.contact.Contact;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.dispatch.SendTimeRules;
import io.dunninghub.ladder.Audience;
import io.dunninghub.ladder.DpdRange;
import io.dunninghub.ladder.Ladder;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ladder.LadderStep;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.plan.PlanningPass;
import io.dunninghub.scan.DaysPastDue;
import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.assertj.core.api.Assertions;

/**
 * Whole simulated months: generated borrowers (zones across DST changes, unknown zones, work e-mail, relatives
 * and employers and guarantors on their loans), holidays, windows, caps, ladders, and a history of opt-outs,
 * holds, promises, conversations and payments arriving at any hour. Each day the real planner runs at 08:00
 * in the lender's zone; every half hour the real send-time rules decide on the due notices in batches, with the
 * contacts made so far. Then every message sent is checked, with code written independently of the policy's,
 * against the rules: zero violations are allowed.
 */
class ContactRulesPropertyTest {

    private static final ZoneId BUSINESS = ZoneId.of("Asia/Shanghai");
    private static final LocalDate MONTH = LocalDate.of(2026, 3, 1); // US and UK clocks change this month
    private static final int DAYS = 31;
    private static final List<String> ZONES = java.util.Arrays.asList("Asia/Shanghai", "America/New_York",
            "Europe/London", "Australia/Sydney", "America/Los_Angeles", "Asia/Kolkata", null, "Mars/Olympus");
    private static final List<String> CHANNELS = List.of("sms", "email", "push", "letter");

    // ---- the generated world ---------------------------------------------------------------------------------

    record PolicySpec(int open, int close, boolean letterAlways, Set<Integer> holidays, Integer dayAll, Integer daySms,
                      Integer weekAll, Integer debtWeekAll, int grace, int coolDownDays) {
    }

    record StepSpec(int length, Integer every, Set<String> channels, boolean guarantor) {
    }

    record BorrowerSpec(int zone, boolean cnPhone, boolean country, List<Integer> dueDays, boolean workEmail,
                        boolean guarantor, boolean relatives) {
    }

    /** Something that happens to a borrower at day/hour: OPT_OUT, OPT_OUT_ADDRESS, HOLD, HOLD_LOAN, PROMISE, TALK, PAID. */
    record EventSpec(String kind, int borrower, int loan, int day, int hour, int length, int channel) {
    }

    record World(PolicySpec policy, boolean preDue, List<StepSpec> steps, List<BorrowerSpec> borrowers,
                 List<EventSpec> events, int batchSize) {
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<PolicySpec> policy = Combinators.combine(
                Arbitraries.integers().between(6, 10), Arbitraries.integers().between(17, 23), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, DAYS + 5).set().ofMaxSize(6),
                Arbitraries.integers().between(1, 4).injectNull(0.3), Arbitraries.integers().between(1, 2).injectNull(0.4),
                Arbitraries.integers().between(2, 12).injectNull(0.3), Arbitraries.integers().between(1, 7).injectNull(0.4))
                .as((o, c, l, h, da, ds, wa, dw) -> new PolicySpec(o, c, l, h, da, ds, wa, dw, 0, 0));
        Arbitrary<PolicySpec> policyMore = Combinators.combine(policy, Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3)).as((p, g, cd) -> new PolicySpec(p.open(), p.close(),
                p.letterAlways(), p.holidays(), p.dayAll(), p.daySms(), p.weekAll(), p.debtWeekAll(), g, cd));
        Arbitrary<StepSpec> step = Combinators.combine(Arbitraries.integers().between(1, 10),
                Arbitraries.integers().between(1, 7).injectNull(0.4), Arbitraries.of(CHANNELS).set().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(true, false)).as(StepSpec::new);
        Arbitrary<BorrowerSpec> borrower = Combinators.combine(Arbitraries.integers().between(0, ZONES.size() - 1),
                Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(-8, DAYS + 3).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false)).as(BorrowerSpec::new);
        Arbitrary<EventSpec> event = Combinators.combine(
                Arbitraries.of("OPT_OUT", "OPT_OUT_ADDRESS", "HOLD", "HOLD_LOAN", "PROMISE", "TALK", "PAID"),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, DAYS - 1), Arbitraries.integers().between(0, 23),
                Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 4)).as(EventSpec::new);
        return Combinators.combine(policyMore, Arbitraries.of(true, false), step.list().ofMinSize(1).ofMaxSize(4),
                        borrower.list().ofMinSize(1).ofMaxSize(6), event.list().ofMaxSize(12),
                        Arbitraries.integers().between(1, 25))
                .as(World::new);
    }

    // ---- building the hub's inputs from the world --------------------------------------------------------------

    private static ContactPolicy policyOf(PolicySpec p) {
        Map<String, Integer> day = new HashMap<>();
        if (p.dayAll() != null) {
            day.put("all", p.dayAll());
        }
        if (p.daySms() != null) {
            day.put("sms", p.daySms());
        }
        Map<String, Integer> week = p.weekAll() == null ? Map.of() : Map.of("all", p.weekAll());
        Map<String, Integer> debtWeek = p.debtWeekAll() == null ? Map.of() : Map.of("all", p.debtWeekAll());
        Set<LocalDate> holidays = new HashSet<>();
        p.holidays().forEach(d -> holidays.add(MONTH.plusDays(d)));
        ContactWindow window = new ContactWindow(LocalTime.of(p.open(), 0), LocalTime.of(p.close(), 0));
        Map<String, ContactWindow> windows = p.letterAlways() ? Map.of("letter", ContactWindow.ALWAYS) : Map.of();
        Caps caps = new Caps(day, week, Map.of(), debtWeek);
        Jurisdiction defaults = new Jurisdiction("default", Set.of(), window, windows, new Holidays(holidays), caps,
                Duration.ofDays(p.coolDownDays()), Set.of("sms"), Audience.ALL, true, p.grace());
        Jurisdiction cn = new Jurisdiction("CN", Set.of("CN"), ContactWindow.parse("08:00-22:00"),
                Map.of("letter", ContactWindow.ALWAYS), new Holidays(holidays), caps, Duration.ofDays(p.coolDownDays()),
                Set.of("sms"), List.of("borrower"), true, p.grace());
        return new ContactPolicy(defaults, List.of(cn), Map.of("CN", ZoneId.of("Asia/Shanghai")), "CN",
                Duration.ofHours(6), Set.of("sms", "push"), StopKeywords.defaults());
    }

    private static LadderConfig ladderOf(boolean preDue, List<StepSpec> specs) {
        List<LadderStep> steps = new ArrayList<>();
        if (preDue) {
            steps.add(TestData.step("soon", DpdRange.parse("-3..-1"), 1,
                    List.of(new LadderStep.StepChannel("sms", "t", "borrower"))));
        }
        int from = 1;
        for (int i = 0; i < specs.size(); i++) {
            StepSpec s = specs.get(i);
            boolean last = i == specs.size() - 1;
            DpdRange range = new DpdRange(from, last ? null : from + s.length() - 1);
            List<LadderStep.StepChannel> channels = new ArrayList<>();
            new TreeSet<>(s.channels()).forEach(c -> channels.add(new LadderStep.StepChannel(c, "t", "borrower")));
            if (s.guarantor()) {
                channels.add(new LadderStep.StepChannel("sms", "t", "guarantor"));
            }
            steps.add(TestData.step("s" + i, range, s.every(), channels));
            from += s.length();
        }
        return new LadderConfig(List.of(TestData.ladder("gen", List.of(), List.of(), steps)));
    }

    /** Who owns each address, so the check can tell a borrower's phone from a relative's. */
    record Person(String borrowerId, String loanId, String role, Contact contact) {
    }

    private record Opt(Instant at, String borrowerId, String channel, String addressKey) {
    }

    private record Hold(Instant from, Instant until, String borrowerId, String loanId) {
    }

    private record Promise(Instant at, String borrowerId, String loanId, LocalDate date) {
    }

    private record Talk(Instant at, String borrowerId) {
    }

    record Sent(Instant at, String borrowerId, String loanId, String installmentId, String channel, String audience,
                Contact to) {
    }

    private static final class Notice {
        final NoticeDraft draft;
        Instant notBefore;
        NoticeStatus status;

        Notice(NoticeDraft d) {
            draft = d;
            notBefore = d.notBefore();
            status = d.status();
        }
    }

    @Property(tries = 40)
    void noMessageEverBreaksAContactRuleOverAWholeMonth(@ForAll("worlds") World w) {
        ContactPolicy policy = policyOf(w.policy());
        LadderConfig ladders = ladderOf(w.preDue(), w.steps());

        // borrowers, their loans, and everyone the core database knows about those loans
        Map<String, Contact> contacts = new LinkedHashMap<>();
        Map<String, Installment> installments = new LinkedHashMap<>();
        Map<String, List<Contact>> partiesByLoan = new HashMap<>();
        Map<String, Person> owners = new HashMap<>();
        List<String> borrowerIds = new ArrayList<>();
        for (int b = 0; b < w.borrowers().size(); b++) {
            BorrowerSpec s = w.borrowers().get(b);
            String id = "B" + b;
            borrowerIds.add(id);
            String phone = s.cnPhone() ? "+86138" + String.format("%08d", 10000000 + b) : "+1212555" + String.format("%04d", 100 + b);
            Contact c = TestData.person(id, "N" + b, "en", ZONES.get(s.zone()), phone, "b" + b + "@example.com",
                    "tok-" + b, "Street " + b, Set.of(), s.country() ? (s.cnPhone() ? "CN" : "US") : null, s.workEmail(),
                    null, "borrower", null);
            contacts.put(id, c);
            owners.put(phone, new Person(id, null, "borrower", c));
            for (int l = 0; l < s.dueDays().size(); l++) {
                String loan = "L" + b + "-" + l;
                installments.put("I" + b + "-" + l, TestData.installment("I" + b + "-" + l, loan, id,
                        MONTH.plusDays(s.dueDays().get(l)), new BigDecimal("100.00"), null, null, null, "CNY", "p", "s", 1, 0));
                List<Contact> people = new ArrayList<>();
                if (s.guarantor()) {
                    people.add(party(loan, "guarantor", "G", b, l, s));
                }
                if (s.relatives()) { // handed to the hub as if a careless query returned them
                    people.add(party(loan, "relative", "R", b, l, s));
                    people.add(party(loan, "employer", "E", b, l, s));
                }
                people.forEach(p -> owners.put(p.phone(), new Person(id, loan, p.role(), p)));
                partiesByLoan.put(loan, people);
            }
        }
        PartyDirectory.Parties parties = new PartyDirectory.Parties(partiesByLoan, Map.of());

        // the history as it arrives
        List<Opt> opts = new ArrayList<>();
        List<Hold> holds = new ArrayList<>();
        List<Promise> promises = new ArrayList<>();
        List<Talk> talks = new ArrayList<>();
        Map<String, Instant> paidAt = new HashMap<>();
        for (EventSpec e : w.events()) {
            if (e.borrower() >= borrowerIds.size()) {
                continue;
            }
            String b = borrowerIds.get(e.borrower());
            List<String> loans = installments.values().stream().filter(i -> i.borrowerId().equals(b)).map(Installment::loanId).toList();
            String loan = loans.get(e.loan() % loans.size());
            Instant at = MONTH.plusDays(e.day()).atTime(e.hour(), 17).atZone(BUSINESS).toInstant();
            String channel = e.channel() < CHANNELS.size() ? CHANNELS.get(e.channel()) : null;
            switch (e.kind()) {
                case "OPT_OUT" -> opts.add(new Opt(at, b, channel, null));
                case "OPT_OUT_ADDRESS" -> opts.add(new Opt(at, null, "sms",
                        AddressKey.of("sms", contacts.get(b).phone(), "CN")));
                case "HOLD" -> holds.add(new Hold(at, e.length() == 0 ? null : at.plus(Duration.ofDays(e.length())), b, null));
                case "HOLD_LOAN" -> holds.add(new Hold(at, at.plus(Duration.ofDays(1 + e.length())), b, loan));
                case "PROMISE" -> promises.add(new Promise(at, b, loan, MONTH.plusDays(e.day() + e.length())));
                case "TALK" -> talks.add(new Talk(at, b));
                default -> paidAt.merge("I" + b.substring(1) + "-" + (e.loan() % loans.size()), at,
                        (x, y) -> x.isBefore(y) ? x : y);
            }
        }

        // the month, with an in-memory ledger
        Map<String, Notice> ledger = new LinkedHashMap<>();
        PriorityQueue<Notice> due = new PriorityQueue<>(Comparator.comparing((Notice n) -> n.notBefore)
                .thenComparing(n -> n.draft.dedupeKey()));
        List<Sent> sent = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            for (int half = 0; half < 48; half++) {
                Instant now = MONTH.plusDays(d).atStartOfDay(BUSINESS).toInstant().plus(Duration.ofMinutes(30L * half));
                if (half != 16 && (due.isEmpty() || due.peek().notBefore.isAfter(now))) {
                    continue; // nothing to plan or send at this tick
                }
                LocalDate businessDate = DaysPastDue.businessDate(now, BUSINESS);
                Map<String, Installment> current = currentAt(installments, paidAt, now);
                if (half == 16) { // the scan at 08:00
                    List<Installment> chunk = current.values().stream().filter(i -> !i.isSettled()).toList();
                    for (NoticeDraft nd : PlanningPass.draft(chunk, contacts, parties,
                            standings(borrowerIds, opts, holds, promises, talks, sent, now), ContactHistory.Histories.NONE, ledger.keySet(), ladders,
                            policy, businessDate, now)) {
                        if (!ledger.containsKey(nd.dedupeKey())) {
                            Notice n = new Notice(nd);
                            ledger.put(nd.dedupeKey(), n);
                            if (n.status == NoticeStatus.PLANNED) {
                                due.add(n);
                            }
                        }
                    }
                }
                while (!due.isEmpty() && !due.peek().notBefore.isAfter(now)) {
                    List<Notice> batch = new ArrayList<>();
                    while (batch.size() < w.batchSize() && !due.isEmpty() && !due.peek().notBefore.isAfter(now)) {
                        batch.add(due.poll());
                    }
                    List<ClaimedNotice> claimed = batch.stream().map(n -> claim(n.draft)).toList();
                    Map<String, SendTimeRules.Verdict> verdicts = SendTimeRules.decide(claimed, current, contacts, parties,
                            standings(borrowerIds, opts, holds, promises, talks, sent, now), ContactHistory.Histories.NONE, ladders, policy,
                            businessDate, now);
                    for (Notice n : batch) {
                        SendTimeRules.Verdict v = verdicts.get(n.draft.noticeId());
                        if (v.decision() instanceof Decision.Suppress) {
                            n.status = NoticeStatus.SUPPRESSED;
                        } else {
                            Decision.Send s = (Decision.Send) v.decision();
                            if (s.notBefore().isAfter(now)) {
                                n.notBefore = s.notBefore();
                                due.add(n);
                            } else {
                                n.status = NoticeStatus.SENT;
                                sent.add(new Sent(now, n.draft.borrowerId(), n.draft.loanId(), n.draft.installmentId(),
                                        n.draft.channel(), n.draft.audience(), v.contact()));
                            }
                        }
                    }
                }
            }
        }

        List<String> violations = check(policy, w.policy(), sent, owners, opts, holds, promises, talks, paidAt);
        Statistics.label("messages sent").collect(sent.isEmpty() ? "0" : sent.size() < 20 ? "1-19" : "20+");
        Statistics.label("sent to a guarantor").collect(sent.stream().anyMatch(x -> x.audience().startsWith("guarantor")));
        Assertions.assertThat(violations).as("contact rule violations among %d messages sent", sent.size()).isEmpty();
    }

    private static Contact party(String loan, String role, String prefix, int b, int l, BorrowerSpec s) {
        int n = b * 100 + l * 10 + prefix.charAt(0) % 10;
        String phone = s.cnPhone() ? "+86139" + String.format("%08d", 10000000 + n) : "+1212555" + String.format("%04d", 2000 + n);
        return TestData.person(null, prefix + b + l, "en", ZONES.get(s.zone()), phone, prefix.toLowerCase() + b + l + "@example.org",
                null, "Road " + b + l, Set.of(), null, false, null, role, prefix + b + "-" + l);
    }

    private static ClaimedNotice claim(NoticeDraft d) {
        return TestData.claimed(d.noticeId(), d.dedupeKey(), d.installmentId(), d.loanId(), d.borrowerId(), d.stepId(),
                d.cycle(), d.channel(), d.audience(), d.template(), 0, false, d.ladderId());
    }

    private static Map<String, Installment> currentAt(Map<String, Installment> all, Map<String, Instant> paidAt, Instant now) {
        Map<String, Installment> out = new HashMap<>();
        all.forEach((id, i) -> {
            Instant paid = paidAt.get(id);
            out.put(id, paid != null && !paid.isAfter(now) ? TestData.installment(id, i.loanId(), i.borrowerId(), i.dueDate(),
                    BigDecimal.ZERO, null, null, null, "CNY", "p", "s", 1, 0) : i);
        });
        return out;
    }

    /** What the hub would know at {@code now}: only what was recorded by then, and every message sent so far. */
    private static Map<String, Standing> standings(List<String> borrowers, List<Opt> opts, List<Hold> holds,
                                                   List<Promise> promises, List<Talk> talks, List<Sent> sent, Instant now) {
        Map<String, Standing> out = new HashMap<>();
        for (String b : borrowers) {
            List<Standing.Hold> h = holds.stream().filter(x -> x.borrowerId().equals(b) && !x.from().isAfter(now))
                    .map(x -> new Standing.Hold(null, x.loanId(), "DISPUTE", x.until(), "sim")).toList();
            List<Standing.Promise> p = promises.stream().filter(x -> x.borrowerId().equals(b) && !x.at().isAfter(now))
                    .map(x -> new Standing.Promise(null, x.loanId(), x.date(), "sim")).toList();
            List<Standing.OptOut> o = opts.stream().filter(x -> !x.at().isAfter(now) && (b.equals(x.borrowerId()) || x.addressKey() != null))
                    .map(x -> new Standing.OptOut(x.channel(), x.addressKey(), "sim")).toList();
            List<ContactAttempt> a = sent.stream().filter(x -> x.borrowerId().equals(b))
                    .map(x -> new ContactAttempt(x.loanId(), x.channel(), x.audience(), x.at())).toList();
            List<Standing.Conversation> c = talks.stream().filter(x -> x.borrowerId().equals(b) && !x.at().isAfter(now))
                    .map(x -> new Standing.Conversation(null, "borrower", x.at())).toList();
            out.put(b, new Standing(h, p, o, a, c));
        }
        return out;
    }

    // ---- the independent check -------------------------------------------------------------------------------

    private static List<String> check(ContactPolicy policy, PolicySpec spec, List<Sent> sent, Map<String, Person> owners,
                                      List<Opt> opts, List<Hold> holds, List<Promise> promises, List<Talk> talks,
                                      Map<String, Instant> paidAt) {
        List<String> v = new ArrayList<>();
        for (Sent s : sent) {
            String what = s.at() + " " + s.channel() + " to " + s.audience() + " of " + s.borrowerId() + " about " + s.loanId();
            Person owner = owners.get(s.to().phone());
            // third parties: the recipient is the borrower or a guarantor of this very loan, and the jurisdiction allows it
            if (owner == null || !Set.of("borrower", "guarantor", "co-borrower").contains(owner.role())
                    || !owner.borrowerId().equals(s.borrowerId()) || owner.loanId() != null && !owner.loanId().equals(s.loanId())) {
                v.add(what + ": reached " + (owner == null ? "an unknown person" : "a " + owner.role()));
                continue;
            }
            boolean cn = isCn(s.to());
            if (cn && !s.audience().equals("borrower")) {
                v.add(what + ": a " + owner.role() + " under the borrower-only jurisdiction");
            }
            ZoneId zone = zoneOf(s.to());
            ContactWindow window = cn ? (s.channel().equals("letter") ? ContactWindow.ALWAYS : ContactWindow.parse("08:00-22:00"))
                    : s.channel().equals("letter") && spec.letterAlways() ? ContactWindow.ALWAYS
                    : new ContactWindow(LocalTime.of(spec.open(), 0), LocalTime.of(spec.close(), 0));
            if (!window.isAlways()) {
                if (zone == null) {
                    v.add(what + ": sent without knowing the person's time zone");
                    continue;
                }
                LocalTime local = s.at().atZone(zone).toLocalTime();
                if (local.isBefore(window.start()) || !local.isBefore(window.end())) {
                    v.add(what + ": at " + local + " local, outside " + window);
                }
                if (spec.holidays().contains((int) java.time.temporal.ChronoUnit.DAYS.between(MONTH, s.at().atZone(zone).toLocalDate()))) {
                    v.add(what + ": on a holiday");
                }
            }
            ZoneId dayZone = zone == null ? ZoneOffset.UTC : zone;
            LocalDate day = s.at().atZone(dayZone).toLocalDate();
            List<Sent> same = sent.stream().filter(x -> x.borrowerId().equals(s.borrowerId()) && x.audience().equals(s.audience())
                    && !x.at().isAfter(s.at())).toList();
            long today = same.stream().filter(x -> x.at().atZone(dayZone).toLocalDate().equals(day)).count();
            long todaySms = same.stream().filter(x -> x.channel().equals("sms") && x.at().atZone(dayZone).toLocalDate().equals(day)).count();
            long week = same.stream().filter(x -> x.at().isAfter(s.at().minus(Duration.ofDays(7)))).count();
            long debtWeek = same.stream().filter(x -> x.loanId().equals(s.loanId()) && x.at().isAfter(s.at().minus(Duration.ofDays(7)))).count();
            if (spec.dayAll() != null && today > spec.dayAll()) {
                v.add(what + ": contact " + today + " of the day, cap " + spec.dayAll());
            }
            if (spec.daySms() != null && s.channel().equals("sms") && todaySms > spec.daySms()) {
                v.add(what + ": SMS " + todaySms + " of the day, cap " + spec.daySms());
            }
            if (spec.weekAll() != null && week > spec.weekAll()) {
                v.add(what + ": contact " + week + " in 7 days, cap " + spec.weekAll());
            }
            if (spec.debtWeekAll() != null && debtWeek > spec.debtWeekAll()) {
                v.add(what + ": contact " + debtWeek + " about the debt in 7 days, cap " + spec.debtWeekAll());
            }
            String key = AddressKey.of(s.channel(), s.to().addressFor(s.channel()), "CN");
            for (Opt o : opts) {
                boolean covers = !o.at().isAfter(s.at()) && (o.channel() == null || o.channel().equals(s.channel()))
                        && (o.addressKey() != null ? o.addressKey().equals(key)
                        : o.borrowerId().equals(s.borrowerId()) && s.audience().equals("borrower"));
                if (covers) {
                    v.add(what + ": opted out at " + o.at());
                }
            }
            for (Hold h : holds) {
                if (h.borrowerId().equals(s.borrowerId()) && (h.loanId() == null || h.loanId().equals(s.loanId()))
                        && !h.from().isAfter(s.at()) && (h.until() == null || s.at().isBefore(h.until()))) {
                    v.add(what + ": during a legal hold from " + h.from());
                }
            }
            for (Promise p : promises) {
                if (p.borrowerId().equals(s.borrowerId()) && p.loanId().equals(s.loanId()) && !p.at().isAfter(s.at())
                        && !day.isAfter(p.date().plusDays(spec.grace()))) {
                    v.add(what + ": promise to pay by " + p.date() + " recorded at " + p.at());
                }
            }
            for (Talk t : talks) {
                if (s.channel().equals("sms") && s.audience().equals("borrower") && t.borrowerId().equals(s.borrowerId())
                        && !t.at().isAfter(s.at()) && s.at().isBefore(t.at().plus(Duration.ofDays(spec.coolDownDays())))) {
                    v.add(what + ": within the cool-down after a conversation at " + t.at());
                }
            }
            Instant paid = paidAt.get(s.installmentId());
            if (paid != null && !paid.isAfter(s.at())) {
                v.add(what + ": after the installment was paid at " + paid);
            }
        }
        return v;
    }

    private static boolean isCn(Contact c) {
        return "CN".equals(c.country()) || c.country() == null && c.phone().startsWith("+86");
    }

    private static ZoneId zoneOf(Contact c) {
        if (c.timeZone() != null) {
            try {
                return ZoneId.of(c.timeZone());
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        return c.phone().startsWith("+86") ? ZoneId.of("Asia/Shanghai") : null;
    }
}
