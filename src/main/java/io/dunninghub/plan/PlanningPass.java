package io.dunninghub.plan;

import io.dunninghub.contact.Contact;
import io.dunninghub.contact.ContactDirectory;
import io.dunninghub.ladder.Ladder;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ladder.LadderStep;
import io.dunninghub.ledger.DedupeKey;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.Decision;
import io.dunninghub.scan.DaysPastDue;
import io.dunninghub.scan.Installment;
import io.dunninghub.scan.InstallmentScanner;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * scan → ladder → contacts → policy → ledger, one chunk of installments at a time. Turns every overdue
 * installment into the notices its ladder step calls for, each one decided (send at an instant, or
 * suppressed with a reason) and written to the ledger idempotently.
 */
public final class PlanningPass {

    private static final Logger LOG = LoggerFactory.getLogger(PlanningPass.class);

    private final InstallmentScanner scanner;
    private final Supplier<LadderConfig> ladders;
    private final ContactDirectory contacts;
    private final Supplier<ContactPolicy> policy;
    private final Ledger ledger;
    private final ZoneId businessZone;
    private final int chunkSize;

    public PlanningPass(InstallmentScanner scanner, Supplier<LadderConfig> ladders, ContactDirectory contacts,
                        Supplier<ContactPolicy> policy, Ledger ledger, ZoneId businessZone, int chunkSize) {
        this.scanner = scanner;
        this.ladders = ladders;
        this.contacts = contacts;
        this.policy = policy;
        this.ledger = ledger;
        this.businessZone = businessZone;
        this.chunkSize = chunkSize;
    }

    /** Scans and writes the new notices to the ledger. */
    public PlanSummary run(Instant now) throws SQLException {
        PlanSummary summary = new PlanSummary();
        LadderConfig ladderConfig = ladders.get();
        ContactPolicy rules = policy.get();
        LocalDate businessDate = DaysPastDue.businessDate(now, businessZone);
        InstallmentScanner.ScanStats stats = scanner.scan(businessDate, chunkSize, chunk -> {
            try {
                List<NoticeDraft> drafts = draft(chunk, contacts.lookup(borrowers(chunk)), ladderConfig, rules,
                        businessDate, now);
                summary.candidates(drafts.size());
                for (NoticeDraft d : ledger.plan(drafts, now)) {
                    summary.planned(d);
                }
            } catch (SQLException e) {
                throw new PlanningFailed(e);
            }
        });
        summary.scanned(stats.rows(), stats.badRows(), stats.millis());
        LOG.info("scan: {} installments read ({} unreadable) in {} ms; {} notices new, {} already planned",
                stats.rows(), stats.badRows(), stats.millis(), summary.newNotices(), summary.alreadyPlanned());
        return summary;
    }

    /** What a scan at {@code at} would plan, and which of it the ledger already has. Writes nothing. */
    public List<PreviewRow> preview(Instant at) throws SQLException {
        LadderConfig ladderConfig = ladders.get();
        ContactPolicy rules = policy.get();
        LocalDate businessDate = DaysPastDue.businessDate(at, businessZone);
        List<PreviewRow> rows = new ArrayList<>();
        scanner.scan(businessDate, chunkSize, chunk -> {
            try {
                List<NoticeDraft> drafts = draft(chunk, contacts.lookup(borrowers(chunk)), ladderConfig, rules,
                        businessDate, at);
                Set<String> existing = ledger == null ? Set.of()
                        : ledger.existingDedupeKeys(drafts.stream().map(NoticeDraft::dedupeKey).toList());
                for (NoticeDraft d : drafts) {
                    rows.add(new PreviewRow(d, existing.contains(d.dedupeKey())));
                }
            } catch (SQLException e) {
                throw new PlanningFailed(e);
            }
        });
        return rows;
    }

    public record PreviewRow(NoticeDraft draft, boolean alreadyInLedger) {
    }

    /** The pure decision: installments and their contacts in, notice drafts out. */
    public static List<NoticeDraft> draft(List<Installment> chunk, Map<String, Contact> contactsByBorrower,
                                          LadderConfig ladders, ContactPolicy policy, LocalDate businessDate,
                                          Instant now) {
        List<NoticeDraft> drafts = new ArrayList<>();
        for (Installment inst : chunk) {
            if (inst.isSettled()) {
                continue;
            }
            int dpd = inst.daysPastDue(businessDate);
            Optional<Ladder> ladder = ladders.ladderFor(inst.product(), inst.segment());
            Optional<LadderStep> step = ladder.flatMap(l -> l.stepFor(dpd));
            if (step.isEmpty()) {
                continue;
            }
            LadderStep s = step.get();
            int cycle = s.cycle(dpd);
            Contact contact = contactsByBorrower.get(inst.borrowerId());
            for (LadderStep.StepChannel ch : s.channels()) {
                String key = DedupeKey.of(inst.installmentId(), s.id(), ch.channel(), ch.audience(), cycle);
                Decision decision = policy.decide(ch.channel(), contact, now);
                if (decision instanceof Decision.Send send) {
                    drafts.add(new NoticeDraft(key, inst.installmentId(), inst.loanId(), inst.borrowerId(),
                            ladder.get().id(), s.id(), cycle, ch.channel(), ch.audience(), ch.template(),
                            NoticeStatus.PLANNED, null, send.deferredBy(), null, send.notBefore()));
                } else if (decision instanceof Decision.Suppress suppress) {
                    drafts.add(new NoticeDraft(key, inst.installmentId(), inst.loanId(), inst.borrowerId(),
                            ladder.get().id(), s.id(), cycle, ch.channel(), ch.audience(), ch.template(),
                            NoticeStatus.SUPPRESSED, suppress.reason(), null, suppress.detail(), now));
                }
            }
        }
        return drafts;
    }

    private static List<String> borrowers(List<Installment> chunk) {
        return chunk.stream().map(Installment::borrowerId).distinct().toList();
    }

    /** A database failure inside a scan chunk; the scan stops and the next run picks up where it can. */
    public static final class PlanningFailed extends RuntimeException {
        PlanningFailed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
