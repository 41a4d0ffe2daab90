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
     * Scans and writes the new notices to the ledger. Each chunk is written on a second thread while the next
     * one is read and decided, so the scan does not wait for the ledger's inserts; one chunk at most is in
     * writing. Chunks are independent: an installment is in one chunk only, and caps at planning count the
     * contacts made (SENT), not the notices planned.
     */
    public PlanSummary run(Instant now) throws SQLException {
        long started = System.nanoTime();
        metrics.scanStarted();
        try {
            PlanSummary summary = scan(now);
            metrics.scanFinished(true, Duration.ofNanos(System.nanoTime() - started), summary.rows(), summary.badRows());
            return summary;
        } catch (SQLException | RuntimeException e) {
            metrics.scanFinished(false, Duration.ofNanos(System.nanoTime() - started), 0, 0);
            throw e;
        }
    }

    private PlanSummary scan(Instant now) throws SQLException {
        PlanSummary summary = new PlanSummary();
        LadderConfig ladderConfig = ladders.get();
        ContactPolicy rules = policy.get();
        LocalDate businessDate = DaysPastDue.businessDate(now, businessZone);
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plan-writer");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> writing = new ArrayList<>(1);
        InstallmentScanner.ScanStats stats;
        try {
            stats = scanner.scan(businessDate, dueBy(ladderConfig, businessDate), chunkSize, chunk -> {
                try {
                    Inputs in = inputs(chunk, ladderConfig, rules, businessDate, now, rules.hasCaps());
                    summary.refusedParties(in.parties.refusedByRole());
                    List<NoticeDraft> drafts = draft(chunk, in.contacts, in.parties, in.standings, in.histories,
                            in.alreadyPlanned, ladderConfig, rules, businessDate, now).stream()
                            .filter(d -> !in.plannedBeforeGrouping.contains(d.dedupeKey())).toList();
                    summary.candidates(drafts.size() + in.plannedBeforeGrouping.size());
                    awaitWrite(writing);
                    writing.add(writer.submit(() -> {
                        for (NoticeDraft d : ledger.plan(drafts, now)) {
                            summary.planned(d);
                            count(d);
                        }
                        return null;
                    }));
                } catch (SQLException e) {
                    throw new PlanningFailed(e);
                }
            });
            awaitWrite(writing);
        } finally {
            if (!writing.isEmpty()) {
                // the scan failed while a chunk was being written: let that write end before returning
                try {
                    writing.get(0).get();
                } catch (ExecutionException | InterruptedException | RuntimeException ignored) {
                    // the scan's own failure is what the caller sees
                }
            }
            writer.shutdown();
        }
        summary.scanned(stats.rows(), stats.badRows(), stats.millis());
        LOG.info("scan: {} installments read ({} unreadable) in {} ms; {} notices new, {} already planned",
                stats.rows(), stats.badRows(), stats.millis(), summary.newNotices(), summary.alreadyPlanned());
        return summary;
    }

    /** Waits for the chunk being written, if any; its database failure stops the scan. */
    private static void awaitWrite(List<Future<?>> writing) {
        if (writing.isEmpty()) {
            return;
        }
        Future<?> f = writing.remove(0);
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
        List<Target> targets = targets(Debts.of(chunk, ladderConfig, businessDate), ps, businessDate);
        // Notices the ledger already has are shown, not counted again against the caps.
        Set<String> existing = new HashSet<>(!markExisting ? Set.of()
                : ledger.existingDedupeKeys(targets.stream().map(Target::key).toList()));
        Set<String> legacy = ledger.existingDedupeKeys(targets.stream().flatMap(t -> t.legacyKeys().stream()).toList());
        Set<String> beforeGrouping = new HashSet<>();
        for (Target t : targets) {
            if (t.legacyKeys().stream().anyMatch(legacy::contains)) {
                beforeGrouping.add(t.key());
                existing.add(t.key());
            }
        }
        // only steps that require earlier notices need the debts' histories at planning
        ContactHistory.Histories histories = ladderConfig.requiresEvidence()
                ? history.of(chunk.stream().map(Installment::loanId).toList(), borrowerIds)
                : ContactHistory.Histories.NONE;
        return new Inputs(found, ps, standings, histories, existing, beforeGrouping);
    }

    static LocalDate dueBy(LadderConfig ladders, LocalDate businessDate) {
        return businessDate.minusDays(ladders.earliestDaysPastDue());
    }

    /** One notice the ladder calls for, before the policy decides on it. */
    private record Target(Debt debt, LadderStep step, int cycle, LadderStep.StepChannel channel, String audience,
                          Contact party, LocalDate businessDate) {

        String key() {
            return DedupeKey.of(debt.scope(), debt.id(), step.id(), channel.channel(), audience, cycle);
        }

        /**
         * The keys the same notice had when the hub planned one notice per installment: each covered installment's
         * own notice of this step (and its own cycle of it) on this day.
         */
        List<String> legacyKeys() {
            if (debt.scope() == NoticeScope.INSTALLMENT) {
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

    private static List<Target> targets(List<Debt> debts, PartyDirectory.Parties parties, LocalDate businessDate) {
        List<Target> out = new ArrayList<>();
        for (Debt debt : debts) {
            int dpd = debt.daysPastDue(businessDate);
            Installment basis = debt.scope() == NoticeScope.INSTALLMENT ? debt.oldest() : debt.summary();
            Optional<LadderStep> step = debt.ladder().stepFor(basis, dpd);
            if (step.isEmpty()) {
                continue;
            }
            LadderStep s = step.get();
            int cycle = s.cycle(dpd);
            for (LadderStep.StepChannel ch : s.channels()) {
                if (Audience.BORROWER.equals(ch.audience())) {
                    out.add(new Target(debt, s, cycle, ch, Audience.BORROWER, null, businessDate));
                    continue;
                }
                // Only where the core database names such a party on this loan.
                for (Contact party : parties.of(debt.loanId())) {
                    if (ch.audience().equals(party.role())) {
                        out.add(new Target(debt, s, cycle, ch, Audience.of(party.role(), party.partyId()), party,
                                businessDate));
                    }
                }
            }
        }
        return out;
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
        for (Target t : targets(Debts.of(chunk, ladders, businessDate), parties, businessDate)) {
            Debt debt = t.debt();
            String channel = t.channel().channel();
            String key = t.key();
            Contact contact = t.party() != null ? t.party() : contactsByBorrower.get(debt.borrowerId());
            Standing st = running.getOrDefault(debt.borrowerId(), Standing.NONE);
            List<PastNotice> history = histories.of(debt.scope(), debt.loanId(), debt.borrowerId());
            Decision decision = Evidence.missing(t.step().requires(), history, now)
                    .<Decision>map(e -> new Decision.Send(now.plus(Evidence.RECHECK), Reason.EVIDENCE_MISSING, null,
                            "needs " + e.describe() + "; checked again at " + now.plus(Evidence.RECHECK)))
                    .orElseGet(() -> policy.decide(channel, t.audience(), debt.policyLoanId(), contact, st, now));
            if (decision instanceof Decision.Send send) {
                drafts.add(draft(t, key, NoticeStatus.PLANNED, null, send.deferredBy(), send.detail(), send.notBefore()));
                if (!alreadyPlanned.contains(key)) {
                    running.put(debt.borrowerId(), st.withAttempt(
                            new ContactAttempt(debt.loanId(), channel, t.audience(), send.notBefore())));
                }
            } else if (decision instanceof Decision.Suppress suppress) {
                drafts.add(draft(t, key, NoticeStatus.SUPPRESSED, suppress.reason(), null, suppress.detail(), now));
            }
        }
        return drafts;
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
