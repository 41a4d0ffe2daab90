package io.dunninghub.dispatch;

import io.dunninghub.ledger.ContactAttempt;
import io.dunninghub.contact.Contact;
import io.dunninghub.contact.ContactDirectory;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.ladder.Audience;
import io.dunninghub.ladder.Debt;
import io.dunninghub.ladder.Debts;
import io.dunninghub.ladder.Evidence;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ladder.LadderStep;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.ledger.ContactLog;
import io.dunninghub.ledger.DedupeKey;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.NoticeScope;
import io.dunninghub.ledger.PastNotice;
import io.dunninghub.plan.PlanningPass;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.CallWindow;
import io.dunninghub.policy.Decision;
import io.dunninghub.policy.Reason;
import io.dunninghub.policy.Standing;
import io.dunninghub.policy.StandingSource;
import io.dunninghub.scan.DaysPastDue;
import io.dunninghub.scan.Installment;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The re-check right before sending, for one claimed batch: is the installment still unpaid, is this notice
 * still the step the days past due call for, and do the contact rules allow it now, counting every contact
 * already made and every notice of this batch cleared before it. Caps are counted under a per-borrower lock
 * ({@link ContactLog#clearUnderLock}), so concurrent batches and instances never overshoot them.
 */
public final class SendTimeRules {

    private final Supplier<LadderConfig> ladders;
    private final Supplier<ContactPolicy> policy;
    private final ContactDirectory contacts;
    private final PartyDirectory parties;
    private final Supplier<StandingSource> standing;
    private final ContactLog contactLog;
    private final ContactHistory history;
    private final ZoneId businessZone;

    /**
     * @param ladders    to tell whether a notice is still what the ladder calls for
     * @param parties    co-borrowers and guarantors
     * @param standing   read once per batch, with the policy it belongs to (its phone region and look-back)
     * @param contactLog contacts already made, counted under a per-borrower lock
     * @param history    what was sent about each debt before: steps that require evidence read it, and so do
     *                   the messages
     */
    public SendTimeRules(Supplier<LadderConfig> ladders, Supplier<ContactPolicy> policy, ContactDirectory contacts,
                         PartyDirectory parties, Supplier<StandingSource> standing, ContactLog contactLog,
                         ContactHistory history, ZoneId businessZone) {
        this.ladders = ladders;
        this.policy = policy;
        this.contacts = contacts;
        this.parties = parties;
        this.standing = standing;
        this.contactLog = contactLog;
        this.history = history;
        this.businessZone = businessZone;
    }

    /**
     * The verdict on one notice: the decision, whom to send to, whether its template may see amounts, the debt as it
     * is now (its unpaid installments), what the ledger shows was sent about it before, and, for a dialer or an
     * agency that works it later, the hours a call is allowed in the person's zone.
     */
    public record Verdict(Decision decision, Contact contact, boolean amountsAllowed, Debt debt,
                          List<PastNotice> history, List<Standing.Promise> promises, CallWindow window) {

        public Verdict(Decision decision, Contact contact, boolean amountsAllowed) {
            this(decision, contact, amountsAllowed, null, List.of(), List.of(), CallWindow.NONE);
        }

        static Verdict stop(Decision decision) {
            return new Verdict(decision, null, false, null, List.of(), List.of(), CallWindow.NONE);
        }
    }

    /** Channels whose provider works the notice later and is told when it may reach the person. */
    static final Set<String> WORKED_LATER = Set.of("call", "agency");

    /** Verdicts of a batch by notice id. */
    public Map<String, Verdict> check(List<ClaimedNotice> claimed, Map<String, Installment> current, Instant now)
            throws SQLException {
        ContactPolicy rules = policy.get();
        LadderConfig ladderConfig = ladders.get();
        List<String> borrowerIds = claimed.stream().map(ClaimedNotice::borrowerId).distinct().toList();
        Map<String, Contact> borrowers = contacts.lookup(borrowerIds);
        List<String> partyLoans = claimed.stream().filter(n -> !Audience.BORROWER.equals(n.audience()))
                .map(ClaimedNotice::loanId).distinct().toList();
        PartyDirectory.Parties ps = parties.lookup(partyLoans);
        Map<String, List<Contact>> people = new HashMap<>();
        for (ClaimedNotice n : claimed) {
            List<Contact> list = people.computeIfAbsent(n.borrowerId(), k -> new ArrayList<>());
            if (list.isEmpty() && borrowers.get(n.borrowerId()) != null) {
                list.add(borrowers.get(n.borrowerId()));
            }
            list.addAll(ps.of(n.loanId()));
        }
        Map<String, Standing> standings = standing.get().load(people, Map.of(), now);
        ContactHistory.Histories histories = history.of(
                claimed.stream().filter(n -> n.scope() != NoticeScope.BORROWER).map(ClaimedNotice::loanId).toList(),
                claimed.stream().filter(n -> n.scope() == NoticeScope.BORROWER).map(ClaimedNotice::borrowerId).toList(),
                now);
        LocalDate businessDate = DaysPastDue.businessDate(now, businessZone);
        Map<String, Verdict> out = new HashMap<>();
        contactLog.clearUnderLock(borrowerIds, claimed.stream().map(ClaimedNotice::id).toList(), now, rules.hasCaps(),
                attempts -> {
            Map<String, Standing> withHistory = new HashMap<>();
            standings.forEach((b, s) -> withHistory.put(b, new Standing(s.holds(), s.promises(), s.optOuts(),
                    attempts.getOrDefault(b, List.of()), s.conversations())));
            out.putAll(decide(claimed, current, borrowers, ps, withHistory, histories, ladderConfig, rules,
                    businessDate, now));
            return cleared(out, now);
        });
        return out;
    }

    static Set<String> cleared(Map<String, Verdict> verdicts, Instant now) {
        Set<String> ids = new HashSet<>();
        verdicts.forEach((id, v) -> {
            if (v.decision() instanceof Decision.Send s && !s.notBefore().isAfter(now)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * The pure send-time decision for a batch, in claim order: each notice cleared for sending now counts
     * against the caps of the notices after it.
     *
     * @param current   the covered installments as the core bank has them now, by installment id
     * @param histories what the ledger shows was sent about each debt
     */
    public static Map<String, Verdict> decide(List<ClaimedNotice> claimed, Map<String, Installment> current,
                                              Map<String, Contact> borrowers, PartyDirectory.Parties parties,
                                              Map<String, Standing> standings, ContactHistory.Histories histories,
                                              LadderConfig ladders, ContactPolicy policy, LocalDate businessDate,
                                              Instant now) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        Map<String, Standing> running = new HashMap<>(standings);
        for (ClaimedNotice n : claimed) {
            Standing st = running.getOrDefault(n.borrowerId(), Standing.NONE);
            List<Installment> covered = new ArrayList<>();
            for (String id : n.installmentIds()) {
                Installment i = current.get(id);
                // a notice about all of a borrower's loans says nothing about a loan on hold
                if (i != null && !(n.scope() == NoticeScope.BORROWER && loanOnHold(st, i.loanId(), now))) {
                    covered.add(i);
                }
            }
            if (Ledger.RECALL_STEP.equals(n.stepId())) {
                // telling the agency a case is paid or held: goes however the debt stands, no ladder step to follow
                List<Installment> asTheyAre = n.installmentIds().stream().map(current::get)
                        .filter(java.util.Objects::nonNull).toList();
                Contact contact = recipient(n, borrowers, parties);
                if (asTheyAre.isEmpty() || contact == null) {
                    out.put(n.id(), Verdict.stop(new Decision.Suppress(Reason.NO_CONTACT,
                            "the case's borrower or installments are gone from the core bank")));
                    continue;
                }
                Debt debt = new Debt(n.scope(), n.scopeId(), null, asTheyAre);
                out.put(n.id(), new Verdict(new Decision.Send(now, null, null, null), contact, true, debt,
                        histories.of(n.scope(), n.loanId(), n.borrowerId()), st.promises(), CallWindow.NONE));
                continue;
            }
            // Paid, restructured or gone since the scan: never remind for it.
            Optional<Debt> unpaid = Debts.unpaid(n.scope(), n.scopeId(), covered, ladders);
            if (unpaid.isEmpty()) {
                out.put(n.id(), Verdict.stop(new Decision.Suppress(Reason.PAID, n.scope() == NoticeScope.INSTALLMENT
                        ? "installment settled before sending" : "every installment it covers settled before sending")));
                continue;
            }
            Debt debt = unpaid.get();
            int dpd = debt.daysPastDue(businessDate);
            Installment basis = n.scope() == NoticeScope.INSTALLMENT ? debt.oldest() : debt.summary();
            List<PastNotice> history = histories.of(n.scope(), n.loanId(), n.borrowerId());
            Optional<LadderStep> step;
            boolean same;
            if (n.cycle() == DedupeKey.CATCH_UP) {
                // a missed step caught up: still the most severe one the debt missed
                step = debt.ladder() == null ? Optional.empty()
                        : debt.ladder().missedStep(basis, dpd, history, histories.since(), now);
                same = step.isPresent() && step.get().id().equals(n.stepId());
            } else {
                String track = debt.ladder() == null ? LadderStep.MAIN_TRACK
                        : debt.ladder().step(n.stepId()).map(LadderStep::track).orElse(LadderStep.MAIN_TRACK);
                step = debt.ladder() == null ? Optional.empty() : debt.ladder().stepFor(basis, dpd, track);
                same = step.isPresent() && step.get().id().equals(n.stepId()) && step.get().cycle(dpd) == n.cycle();
            }
            same = same && (n.ladderId() == null || debt.ladder().id().equals(n.ladderId()));
            if (!same) {
                // Deferred past its step (a promise, a cap, a hold lifted): the next scan plans the current step.
                out.put(n.id(), Verdict.stop(new Decision.Suppress(Reason.SUPERSEDED, "at " + dpd
                        + " days past due the ladder calls for "
                        + step.map(x -> "step '" + x.id() + "' cycle " + x.cycle(dpd)).orElse("no step"))));
                continue;
            }
            Contact contact = recipient(n, borrowers, parties);
            Decision d = PlanningPass.stepDecision(step.get(), history, now)
                    .orElseGet(() -> policy.decide(n.channel(), n.audience(), debt.policyLoanId(), contact, st, now));
            boolean amounts = !policy.hidesAmounts(n.channel()) || step.get().showAmount();
            // a dialer or an agency calls later: it gets the hours a call is allowed in the person's zone
            CallWindow window = d instanceof Decision.Send && contact != null && WORKED_LATER.contains(n.channel())
                    ? policy.callWindow("call", contact, now) : CallWindow.NONE;
            out.put(n.id(), new Verdict(d, contact, amounts, debt, history, st.promises(), window));
            if (d instanceof Decision.Send s && !s.notBefore().isAfter(now)) {
                running.put(n.borrowerId(), st.withAttempt(new ContactAttempt(n.loanId(), n.channel(), n.audience(), now)));
            }
        }
        return out;
    }

    private static boolean loanOnHold(Standing st, String loanId, Instant now) {
        return st.holds().stream().anyMatch(h -> h.loanId() != null && h.loanId().equals(loanId) && h.activeAt(now, loanId));
    }

    private static Contact recipient(ClaimedNotice n, Map<String, Contact> borrowers, PartyDirectory.Parties parties) {
        if (Audience.BORROWER.equals(n.audience())) {
            return borrowers.get(n.borrowerId());
        }
        String role = Audience.role(n.audience());
        String id = Audience.partyId(n.audience());
        return parties.of(n.loanId()).stream().filter(p -> role.equals(p.role()) && p.partyId().equals(id))
                .findFirst().orElse(null);
    }
}
