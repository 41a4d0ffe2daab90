package io.dunninghub.plan;

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
import io.dunninghub.ladder.StepCondition;
import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.ledger.ContactLog;
import io.dunninghub.ledger.NoticeScope;
import io.dunninghub.ledger.PastNotice;
import io.dunninghub.ledger.DedupeKey;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.Decision;
import io.dunninghub.policy.Reason;
import io.dunninghub.policy.Standing;
import io.dunninghub.policy.StandingSource;
import io.dunninghub.scan.DaysPastDue;
import io.dunninghub.scan.Installment;
import io.dunninghub.scan.InstallmentScanner;
import io.dunninghub.scan.InstallmentSource;
import java.sql.SQLException;
import java.time.Duration;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * scan → ladder → contacts → policy → ledger, one chunk of installments at a time. Turns every installment
 * into the notices its ladder step calls for, each one decided (send at an instant, or suppressed with a
 * reason) and written to the ledger idempotently.
 */
public final class PlanningPass {

    private static final Logger LOG = LoggerFactory.getLogger(PlanningPass.class);

    private final InstallmentScanner scanner;
    private final Supplier<LadderConfig> ladders;
    private final ContactDirectory contacts;
    private final PartyDirectory parties;
    private final Supplier<ContactPolicy> policy;
    private final StandingSource standing;
    private final ContactLog contactLog;
    private final ContactHistory history;
    private final Ledger ledger;
    private final ZoneId businessZone;
    private final int chunkSize;
    private final int threads;
    private final HubMetrics metrics;

    /**
     * @param parties    co-borrowers and guarantors, looked up only when a ladder step names them
     * @param standing   holds, promises and opt-outs from the hub's tables and the core database
     * @param contactLog contacts already made, for caps
     * @param history    what was sent about each debt, for steps that require earlier notices
     * @param metrics    where scans and new notices are counted
     */
    public PlanningPass(InstallmentScanner scanner, Supplier<LadderConfig> ladders, ContactDirectory contacts,
                        PartyDirectory parties, Supplier<ContactPolicy> policy, StandingSource standing,
                        ContactLog contactLog, ContactHistory history, Ledger ledger, ZoneId businessZone,
                        int chunkSize, HubMetrics metrics) {
        this(scanner, ladders, contacts, parties, policy, standing, contactLog, history, ledger, businessZone, chunkSize,
                2, metrics);
    }

    /** @param threads chunks decided and written at once ({@code hub.scan.threads}) while the scan reads on */
    public PlanningPass(InstallmentScanner scanner, Supplier<LadderConfig> ladders, ContactDirectory contacts,
                        PartyDirectory parties, Supplier<ContactPolicy> policy, StandingSource standing,
                        ContactLog contactLog, ContactHistory history, Ledger ledger, ZoneId businessZone,
                        int chunkSize, int threads, HubMetrics metrics) {
        this.threads = Math.max(1, threads);
        this.scanner = scanner;
        this.ladders = ladders;
        this.contacts = contacts;
        this.parties = parties;
        this.policy = policy;
        this.standing = standing;
        this.contactLog = contactLog;
        this.history = history;
        this.ledger = ledger;
        this.businessZone = businessZone;
        this.chunkSize = chunkSize;
        this.metrics = metrics;
    }

    /**
     * Scans and writes the new notices to the ledger. Chunks are decided and written on {@code threads} threads
     * while the scan reads the next ones, so neither the scan nor the ledger's round trips wait for each other; at
     * most {@code threads} chunks are held at once. Chunks are independent: an installment is in one chunk only,
     * a borrower's rows are in one chunk, and caps at planning count the contacts made (SENT), not the notices
     * planned.
     */
    public PlanSummary run(Instant now) throws SQLException {
        return run(now, scanner);
    }

    /**
     * As {@link #run(Instant)}, with the installments of {@code source}: the rows a route handed to
     * {@code direct:installments}. Everything after the reading is the same as for the SQL scan.
     */
    public PlanSummary run(Instant now, InstallmentSource source) throws SQLException {
        long started = System.nanoTime();
        metrics.scanStarted();
        try {
            PlanSummary summary = scan(now, source);
            metrics.scanFinished(true, Duration.ofNanos(System.nanoTime() - started), summary.rows(), summary.badRows());
            return summary;
        } catch (SQLException | RuntimeException e) {
            metrics.scanFinished(false, Duration.ofNanos(System.nanoTime() - started), 0, 0);
            throw e;
        }
    }

    private PlanSummary scan(Instant now, InstallmentSource source) throws SQLException {
        PlanSummary summary = new PlanSummary();
        LadderConfig ladderConfig = ladders.get();
        ContactPolicy rules = policy.get();
        LocalDate businessDate = DaysPastDue.businessDate(now, businessZone);
        AtomicInteger n = new AtomicInteger();
        ExecutorService planners = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "plan-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // a chunk is read while others are decided and written; at most `threads` chunks are held at once
        Semaphore room = new Semaphore(threads);
        List<Future<?>> planning = new ArrayList<>();
        InstallmentScanner.ScanStats stats;
        boolean done = false;
        try {
            stats = source.scan(businessDate, dueBy(ladderConfig, businessDate), chunkSize, chunk -> {
                try {
                    room.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("planning interrupted", e);
                }
                try {
                    awaitFinished(planning, false); // a chunk that failed ends the scan here
                    planning.add(planners.submit(() -> {
                        try {
                            planChunk(chunk, ladderConfig, rules, businessDate, now, summary);
                            return null;
                        } finally {
                            room.release();
                        }
                    }));
                } catch (RuntimeException e) {
                    room.release();
                    throw e;
                }
            });
            awaitFinished(planning, true);
            done = true;
        } finally {
            planners.shutdown();
            if (!done) {
                // the scan failed while chunks were being planned: let them end before returning
                try {
                    planners.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        summary.scanned(stats.rows(), stats.badRows(), stats.millis());
        for (NoticeDraft d : ledger.plan(recalls(ledgerCases(), now), now)) {
            summary.planned(d);
            count(d);
        }
        LOG.info("scan: {} installments read ({} unreadable) in {} ms; {} notices new, {} already planned",
                stats.rows(), stats.badRows(), stats.millis(), summary.newNotices(), summary.alreadyPlanned());
        return summary;
    }

    /** One chunk: its contacts, standings and histories read, its notices decided and written to the ledger. */
    private void planChunk(List<Installment> chunk, LadderConfig ladderConfig, ContactPolicy rules,
                           LocalDate businessDate, Instant now, PlanSummary summary) throws SQLException {
        Inputs in = inputs(chunk, ladderConfig, rules, businessDate, now, rules.hasCaps());
        summary.refusedParties(in.parties.refusedByRole());
        List<NoticeDraft> drafts = draft(chunk, in.contacts, in.parties, in.standings, in.histories,
                in.alreadyPlanned, ladderConfig, rules, businessDate, now).stream()
                .filter(d -> !in.plannedBeforeGrouping.contains(d.dedupeKey())).toList();
        summary.candidates(drafts.size() + in.plannedBeforeGrouping.size());
        for (NoticeDraft d : ledger.plan(drafts, now)) {
            summary.planned(d);
            count(d);
        }
    }

    private List<io.dunninghub.ledger.ClaimedNotice> ledgerCases() throws SQLException {
        return ledger.agencyCasesNotRecalled();
    }

    /**
     * The agency is told when a case it holds is paid or put on hold (a dispute, a complaint …): one recall notice
     * per case, on the agency channel with the template {@code agency_recall}, about the same debt. Cases still
     * owed and not held are left with the agency.
     */
    private List<NoticeDraft> recalls(List<io.dunninghub.ledger.ClaimedNotice> cases, Instant now) throws SQLException {
        if (cases.isEmpty()) {
            return List.of();
        }
        Map<String, Installment> current = scanner.recheck(cases.stream()
                .flatMap(n -> n.installmentIds().stream()).distinct().toList());
        List<String> borrowers = cases.stream().map(io.dunninghub.ledger.ClaimedNotice::borrowerId).distinct().toList();
        Map<String, Contact> found = contacts.lookup(borrowers);
        Map<String, List<Contact>> people = new HashMap<>();
        found.forEach((b, c) -> people.put(b, List.of(c)));
        Map<String, Standing> standings = standing.load(people, Map.of(), now);
        List<NoticeDraft> out = new ArrayList<>();
        for (io.dunninghub.ledger.ClaimedNotice n : cases) {
            boolean paid = n.installmentIds().stream().map(current::get).allMatch(i -> i == null || i.isSettled());
            Standing st = standings.getOrDefault(n.borrowerId(), Standing.NONE);
            Optional<Standing.Hold> hold = st.holds().stream().filter(h -> h.activeAt(now, n.loanId())).findFirst();
            if (!paid && hold.isEmpty()) {
                continue;
            }
            String why = paid ? "paid: every installment of the case is settled"
                    : "on hold: " + hold.get().kind() + " (" + hold.get().source() + ")";
            out.add(new NoticeDraft(Ledger.recallKey(n), n.installmentId(), n.loanId(), n.borrowerId(), n.ladderId(),
                    Ledger.RECALL_STEP, 0, n.channel(), n.audience(), "agency_recall", NoticeStatus.PLANNED, null, null,
                    "recall of case " + n.id() + ": " + why, now, n.scope(), n.installmentIds()));
        }
        return out;
    }

    /** Waits for the chunk being written, if any; its database failure stops the scan. */
    /** Removes the chunks planned so far (all of them, waiting, when {@code all}); rethrows the first failure. */
    private static void awaitFinished(List<Future<?>> planning, boolean all) {
        for (java.util.Iterator<Future<?>> it = planning.iterator(); it.hasNext(); ) {
            Future<?> f = it.next();
            if (!all && !f.isDone()) {
                continue;
            }
            it.remove();
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("planning interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw new PlanningFailed(sql);
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private void count(NoticeDraft d) {
        if (d.status() == NoticeStatus.SUPPRESSED) {
            metrics.noticeSuppressed(d.channel(), d.reason());
            return;
        }
        metrics.noticePlanned(d.channel());
        if (d.deferredBy() != null) {
            metrics.noticeDeferred(d.channel(), d.deferredBy());
        }
    }

    /** What a scan at {@code at} would plan, and which of it the ledger already has. Writes nothing. */
    public List<PreviewRow> preview(Instant at) throws SQLException {
        LadderConfig ladderConfig = ladders.get();
        ContactPolicy rules = policy.get();
        LocalDate businessDate = DaysPastDue.businessDate(at, businessZone);
        List<PreviewRow> rows = new ArrayList<>();
        scanner.scan(businessDate, dueBy(ladderConfig, businessDate), chunkSize, chunk -> {
            try {
                Inputs in = inputs(chunk, ladderConfig, rules, businessDate, at, true);
                for (NoticeDraft d : draft(chunk, in.contacts, in.parties, in.standings, in.histories,
                        in.alreadyPlanned, ladderConfig, rules, businessDate, at)) {
                    rows.add(new PreviewRow(d, in.alreadyPlanned.contains(d.dedupeKey())));
                }
            } catch (SQLException e) {
                throw new PlanningFailed(e);
            }
        });
        return rows;
    }

    public record PreviewRow(NoticeDraft draft, boolean alreadyInLedger) {
    }

    /**
     * What a chunk is decided with. {@code plannedBeforeGrouping}: keys of loan and borrower notices whose
     * installments already had an installment notice of the same step (a ledger from before notices were grouped,
     * or a ladder switched to {@code per: loan}): those are the same notice and are not planned again.
     */
    private record Inputs(Map<String, Contact> contacts, PartyDirectory.Parties parties,
                          Map<String, Standing> standings, ContactHistory.Histories histories,
                          Set<String> alreadyPlanned, Set<String> plannedBeforeGrouping) {
    }

    private Inputs inputs(List<Installment> chunk, LadderConfig ladderConfig, ContactPolicy rules,
                          LocalDate businessDate, Instant now, boolean markExisting) throws SQLException {
        List<String> borrowerIds = chunk.stream().map(Installment::borrowerId).distinct().toList();
        Map<String, Contact> found = contacts.lookup(borrowerIds);
        PartyDirectory.Parties ps = ladderConfig.hasParties()
                ? parties.lookup(chunk.stream().map(Installment::loanId).distinct().toList()) : PartyDirectory.Parties.NONE;
        Map<String, List<Contact>> people = new HashMap<>();
        for (Installment i : chunk) {
            List<Contact> list = people.computeIfAbsent(i.borrowerId(), k -> new ArrayList<>());
            if (list.isEmpty() && found.get(i.borrowerId()) != null) {
                list.add(found.get(i.borrowerId()));
            }
            list.addAll(ps.of(i.loanId()));
        }
        Map<String, List<ContactAttempt>> attempts = contactLog.attempts(borrowerIds, now);
        Map<String, Standing> standings = standing.load(people, attempts, now);
        // steps that read earlier notices, fallbacks and catching up need the debts' histories at planning
        // (a borrower's history only for ladders planned per borrower: the others' debts read their loan's)
        ContactHistory.Histories histories = ladderConfig.requiresEvidence()
                ? history.of(chunk.stream().map(Installment::loanId).toList(),
                        ladderConfig.plansPerBorrower() ? borrowerIds : List.of(), now)
                : ContactHistory.Histories.NONE;
        List<Target> targets = targets(Debts.of(chunk, ladderConfig, businessDate), ps, histories, businessDate, now);
        // Notices the ledger already has are shown, not counted again against the caps.
        Set<String> existing = new HashSet<>(!markExisting ? Set.of()
                : ledger.existingDedupeKeys(targets.stream().flatMap(t -> t.keys().stream()).toList()));
        Set<String> legacy = ledger.existingDedupeKeys(targets.stream().flatMap(t -> t.legacyKeys().stream()).toList());
        Set<String> beforeGrouping = new HashSet<>();
        for (Target t : targets) {
            if (t.legacyKeys().stream().anyMatch(legacy::contains)) {
                beforeGrouping.add(t.key());
                existing.add(t.key());
            }
        }
        return new Inputs(found, ps, standings, histories, existing, beforeGrouping);
    }

    static LocalDate dueBy(LadderConfig ladders, LocalDate businessDate) {
        return businessDate.minusDays(ladders.earliestDaysPastDue());
    }

    /**
     * One notice the ladder calls for, before the policy decides on it. {@code undeliverable}: the same step's notice
     * on this channel went out in this cycle and came back undeliverable, so only its fallback is due.
     */
    private record Target(Debt debt, LadderStep step, int cycle, LadderStep.StepChannel channel, String audience,
                          Contact party, LocalDate businessDate, boolean undeliverable) {

        String key() {
            return DedupeKey.of(debt.scope(), debt.id(), step.id(), channel.channel(), audience, cycle);
        }

        /** This notice's key and its fallback's, if it has one. */
        List<String> keys() {
            return channel.fallbackChannel().map(fb -> List.of(key(), fallback().key())).orElse(List.of(key()));
        }

        Target fallback() {
            return new Target(debt, step, cycle, channel.fallback(), audience, party, businessDate, false);
        }

        boolean catchUp() {
            return cycle == DedupeKey.CATCH_UP;
        }

        /**
         * The keys the same notice had when the hub planned one notice per installment: each covered installment's
         * own notice of this step (and its own cycle of it) on this day.
         */
        List<String> legacyKeys() {
            if (debt.scope() == NoticeScope.INSTALLMENT || catchUp()) {
                return List.of();
            }
            List<String> keys = new ArrayList<>();
            for (Installment i : debt.installments()) {
                int own = i.daysPastDue(businessDate);
                if (step.dpd().contains(own)) {
                    keys.add(DedupeKey.of(i.installmentId(), step.id(), channel.channel(), audience, step.cycle(own)));
                }
            }
            return keys;
        }
    }

    private static List<Target> targets(List<Debt> debts, PartyDirectory.Parties parties,
                                        ContactHistory.Histories histories, LocalDate businessDate, Instant now) {
        List<Target> out = new ArrayList<>();
        for (Debt debt : debts) {
            int dpd = debt.daysPastDue(businessDate);
            Installment basis = debt.scope() == NoticeScope.INSTALLMENT ? debt.oldest() : debt.summary();
            List<PastNotice> history = histories.of(debt.scope(), debt.loanId(), debt.borrowerId());
            List<LadderStep> due = new ArrayList<>(debt.ladder().stepsFor(basis, dpd));
            for (LadderStep s : due) {
                addTargets(out, debt, s, s.cycle(dpd), parties, history, businessDate, dpd);
            }
            // a one-off step the debt is past and never got (a hold, a broken promise, no address, a go-live past
            // it): the most severe one, once
            debt.ladder().missedStep(basis, dpd, history, histories.since(), now).filter(m -> !due.contains(m))
                    .ifPresent(m -> addTargets(out, debt, m, DedupeKey.CATCH_UP, parties, history, businessDate, dpd));
        }
        return out;
    }

    private static void addTargets(List<Target> out, Debt debt, LadderStep s, int cycle, PartyDirectory.Parties parties,
                                   List<PastNotice> history, LocalDate businessDate, int dpd) {
        for (LadderStep.StepChannel ch : s.channels()) {
            boolean undeliverable = ch.fallback() != null && cameBackUndeliverable(history, s, ch, cycle, businessDate,
                    dpd);
            if (Audience.BORROWER.equals(ch.audience())) {
                out.add(new Target(debt, s, cycle, ch, Audience.BORROWER, null, businessDate, undeliverable));
                continue;
            }
            // Only where the core database names such a party on this loan.
            for (Contact party : parties.of(debt.loanId())) {
                if (ch.audience().equals(party.role())) {
                    out.add(new Target(debt, s, cycle, ch, Audience.of(party.role(), party.partyId()), party,
                            businessDate, undeliverable));
                }
            }
        }
    }

    /** Outcomes that say a notice did not reach the person: its fallback channel is used instead. */
    private static final Set<OutcomeKind> UNREACHED = Set.of(OutcomeKind.BOUNCED, OutcomeKind.TOKEN_DEAD,
            OutcomeKind.WRONG_NUMBER);

    /** Whether this step's notice on this channel went out in the current cycle and came back undeliverable. */
    private static boolean cameBackUndeliverable(List<PastNotice> history, LadderStep s, LadderStep.StepChannel ch,
                                                 int cycle, LocalDate businessDate, int dpd) {
        int cycleStart = cycle == DedupeKey.CATCH_UP ? dpd
                : s.dpd().from() + cycle * (s.everyDays() == null ? 0 : s.everyDays());
        LocalDate from = businessDate.minusDays(dpd - cycleStart).minusDays(1);
        return history.stream().anyMatch(p -> s.id().equals(p.stepId()) && ch.channel().equals(p.channel())
                && !p.sentAt().isBefore(from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                && ("UNDELIVERED".equals(p.delivery()) || p.outcomes().stream().anyMatch(o -> UNREACHED.contains(o.kind()))));
    }

    /**
     * The pure decision with everything the policy weighs: parties of the loans, each borrower's standing
     * (holds, promises, opt-outs, contacts made), what the ledger shows was sent about each debt (for steps that
     * require it). Notices planned in this call count against the caps of the ones after them;
     * {@code alreadyPlanned} ones (in the ledger) do not count twice.
     */
    public static List<NoticeDraft> draft(List<Installment> chunk, Map<String, Contact> contactsByBorrower,
                                          PartyDirectory.Parties parties, Map<String, Standing> standings,
                                          ContactHistory.Histories histories, Set<String> alreadyPlanned,
                                          LadderConfig ladders, ContactPolicy policy, LocalDate businessDate,
                                          Instant now) {
        List<NoticeDraft> drafts = new ArrayList<>();
        Map<String, Standing> running = new LinkedHashMap<>(standings);
        for (Target t : targets(Debts.of(chunk, ladders, businessDate), parties, histories, businessDate, now)) {
            Debt debt = t.debt();
            Contact contact = t.party() != null ? t.party() : contactsByBorrower.get(debt.borrowerId());
            List<PastNotice> history = histories.of(debt.scope(), debt.loanId(), debt.borrowerId());
            if (t.undeliverable()) {
                // the notice went out and did not reach the person: only the fallback is due now
                decide(t.fallback(), contact, history, running, alreadyPlanned, policy, now, drafts,
                        "fallback: the " + t.channel().channel() + " of this step came back undeliverable");
                continue;
            }
            Decision decision = decide(t, contact, history, running, alreadyPlanned, policy, now, drafts, null);
            if (decision instanceof Decision.Suppress s && t.channel().fallback() != null
                    && FALLBACK_REASONS.contains(s.reason())) {
                decide(t.fallback(), contact, history, running, alreadyPlanned, policy, now, drafts,
                        "fallback: " + t.channel().channel() + " " + s.reason());
            }
        }
        return drafts;
    }

    /** Why a channel cannot reach the person, so its fallback is used. */
    static final Set<String> FALLBACK_REASONS = Set.of(Reason.NO_ADDRESS, Reason.OPTED_OUT, Reason.INVALID_ADDRESS,
            Reason.WORK_EMAIL);

    /**
     * Decides one target — the step's evidence, its conditions on the history, then the contact policy — and adds
     * its draft. A catch-up that cannot go out now is not written: it is decided again the next day, and planned
     * once the reason has ended.
     */
    private static Decision decide(Target t, Contact contact, List<PastNotice> history, Map<String, Standing> running,
                                   Set<String> alreadyPlanned, ContactPolicy policy, Instant now,
                                   List<NoticeDraft> drafts, String note) {
        Debt debt = t.debt();
        String channel = t.channel().channel();
        String key = t.key();
        Standing st = running.getOrDefault(debt.borrowerId(), Standing.NONE);
        Decision decision = stepDecision(t.step(), history, now)
                .orElseGet(() -> policy.decide(channel, t.audience(), debt.policyLoanId(), contact, st, now));
        String detail = t.catchUp() ? "catch-up: step '" + t.step().id() + "' (" + t.step().dpd()
                + ") was never sent about this debt" : note;
        if (decision instanceof Decision.Send send) {
            drafts.add(draft(t, key, NoticeStatus.PLANNED, null, send.deferredBy(),
                    join(detail, send.detail()), send.notBefore()));
            if (!alreadyPlanned.contains(key)) {
                running.put(debt.borrowerId(), st.withAttempt(
                        new ContactAttempt(debt.loanId(), channel, t.audience(), send.notBefore())));
            }
        } else if (decision instanceof Decision.Suppress suppress && !t.catchUp()) {
            drafts.add(draft(t, key, NoticeStatus.SUPPRESSED, suppress.reason(), null, join(detail, suppress.detail()),
                    now));
        }
        return decision;
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    /**
     * What the step's own rules say before the contact policy does: evidence it requires that is missing defers
     * it; a condition on the history that waits on an outcome defers it; one that does not hold suppresses it.
     * Empty when the step may go ahead. Dispatch asks the same before sending.
     */
    public static Optional<Decision> stepDecision(LadderStep step, List<PastNotice> history, Instant now) {
        Optional<Evidence> missing = Evidence.missing(step.requires(), history, now);
        if (missing.isPresent()) {
            return Optional.of(new Decision.Send(now.plus(Evidence.RECHECK), Reason.EVIDENCE_MISSING, null,
                    "needs " + missing.get().describe() + "; checked again at " + now.plus(Evidence.RECHECK)));
        }
        StepCondition.Check check = StepCondition.checkAll(step.conditions(), history, now);
        return switch (check.state()) {
            case MET -> Optional.empty();
            case WAITING -> Optional.of(new Decision.Send(check.until(), Reason.OUTCOME_PENDING, null, check.detail()));
            case NOT_MET -> Optional.of(new Decision.Suppress(Reason.CONDITION_NOT_MET, check.detail()));
        };
    }

    private static NoticeDraft draft(Target t, String key, NoticeStatus status, String reason, String deferredBy,
                                     String detail, Instant notBefore) {
        Debt debt = t.debt();
        return new NoticeDraft(key, debt.oldest().installmentId(), debt.loanId(), debt.borrowerId(), debt.ladder().id(),
                t.step().id(), t.cycle(), t.channel().channel(), t.audience(), t.channel().template(), status, reason,
                deferredBy, detail, notBefore, debt.scope(), debt.installmentIds());
    }

    /** A database failure inside a scan chunk; the scan stops and the next run picks up where it can. */
    public static final class PlanningFailed extends RuntimeException {
        PlanningFailed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
