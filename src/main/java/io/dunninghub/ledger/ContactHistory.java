package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What the ledger shows was actually sent about a debt: every notice a provider took (its SENT event), with the
 * receipt's verdict and a letter's tracking number. One query per chunk or batch, by loan and by borrower.
 * Messages state earlier contacts from this and nothing else; ladder steps that require evidence read it too.
 *
 * <p>Only the live ledger is read, never the archive, so the cost stays flat as the ledger ages: the history is the
 * last {@code hub.retention.archive-after-days} ({@link ArchiveAge}). A finished notice older than that is left out
 * even while the archive job has not moved it yet, so the history, and every decision made from it, is the same
 * whenever the job runs. {@link Histories#since} says from when the history is complete.
 */
public final class ContactHistory {

    private static final int IN_LIST = 500;

    /**
     * The histories of the debts of a chunk or batch: by loan for loan and installment notices, by borrower.
     *
     * @param since what was sent before this instant may be missing (archived); {@link Instant#MIN}: nothing is
     */
    public record Histories(Map<String, List<PastNotice>> byLoan, Map<String, List<PastNotice>> byBorrower,
                            Instant since) {

        public static final Histories NONE = new Histories(Map.of(), Map.of());

        /** Complete histories (nothing archived). */
        public Histories(Map<String, List<PastNotice>> byLoan, Map<String, List<PastNotice>> byBorrower) {
            this(byLoan, byBorrower, Instant.MIN);
        }

        /** What was sent about the debt of a notice of this scope. */
        public List<PastNotice> of(NoticeScope scope, String loanId, String borrowerId) {
            return scope == NoticeScope.BORROWER ? byBorrower.getOrDefault(borrowerId, List.of())
                    : byLoan.getOrDefault(loanId, List.of());
        }
    }
    /** The provider's SENT detail names a letter's tracking number as "tracking <number>". */
    private static final Pattern TRACKING = Pattern.compile("tracking[ =:]+([A-Za-z0-9-]+)");

    private final DataSource hub;
    private final ArchiveAge age;

    /** The whole ledger as history (nothing is archived). */
    public ContactHistory(DataSource hub) {
        this(hub, ArchiveAge.NEVER);
    }

    /** @param age finished notices older than this are not history */
    public ContactHistory(DataSource hub, ArchiveAge age) {
        this.hub = hub;
        this.age = age;
    }

    /** The histories of these loans and (for notices about all of a borrower's loans) these borrowers, at {@code now}. */
    public Histories of(Collection<String> loanIds, Collection<String> borrowerIds, Instant now) throws SQLException {
        Instant since = age.cutoff(now);
        return new Histories(ofLoans(loanIds, since), ofBorrowers(borrowerIds, since), since);
    }

    /** The history of each loan, oldest first, from {@code since} ({@link Instant#MIN}: all of it). */
    public Map<String, List<PastNotice>> ofLoans(Collection<String> loanIds, Instant since) throws SQLException {
        return read("n.loan_id", loanIds, true, since);
    }

    /** The history of each borrower (all their loans), oldest first, from {@code since}. */
    public Map<String, List<PastNotice>> ofBorrowers(Collection<String> borrowerIds, Instant since) throws SQLException {
        return read("n.borrower_id", borrowerIds, false, since);
    }

    private Map<String, List<PastNotice>> read(String column, Collection<String> ids, boolean byLoan, Instant since)
            throws SQLException {
        Map<String, List<PastNotice>> out = new HashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(ids.stream().filter(java.util.Objects::nonNull).toList()));
        if (all.isEmpty()) {
            return out;
        }
        boolean complete = since.equals(Instant.MIN);
        // what the archive job moves, or will: the same whether it has run or not
        String live = complete ? "" : " AND (n.status NOT IN (" + LedgerArchive.FINAL + ") OR n.updated_at >= ?)";
        Map<String, List<PastOutcome>> outcomes = new HashMap<>();
        try (Connection c = hub.getConnection()) {
            c.setReadOnly(true);
            for (int from = 0; from < all.size(); from += IN_LIST) {
                List<String> part = all.subList(from, Math.min(all.size(), from + IN_LIST));
                boolean found = false;
                String about = column + " IN (" + String.join(", ", Collections.nCopies(part.size(), "?")) + ")";
                // sent_at is the SENT event's instant (both written by the record); only a letter's event is read
                // (one index probe each), for its tracking number: a debt's history is every notice of 90 days, and
                // joining all their events on every batch is work that grows with the ledger and tells nothing more
                try (PreparedStatement ps = c.prepareStatement("SELECT n.id, n.loan_id, n.borrower_id, n.channel, "
                        + "n.step_id, n.template, n.sent_at, n.delivery_status, CASE WHEN n.channel = 'letter' THEN "
                        + "(SELECT MAX(e.detail) FROM notice_event e WHERE e.notice_id = n.id AND e.event_type = 'SENT') "
                        + "END, n.provider_message_id "
                        + "FROM notice n WHERE n.sent_at IS NOT NULL AND " + about + live)) {
                    bind(ps, part, complete ? null : since);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found = true;
                            PastNotice p = new PastNotice(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getString(5), rs.getString(6),
                                    rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8),
                                    tracking(rs.getString(9)));
                            out.computeIfAbsent(byLoan ? p.loanId() : p.borrowerId(), k -> new ArrayList<>()).add(p);
                        }
                    }
                }
                if (!found) {
                    continue; // nothing sent about these debts yet (most of a first scan): nothing can have come back
                }
                // what came back about them (a call's result, a bounce): one query per part, not one per 500 notices
                try (PreparedStatement ps = c.prepareStatement("SELECT o.notice_id, o.outcome, o.occurred_at "
                        + "FROM contact_outcome o JOIN notice n ON n.id = o.notice_id "
                        + "WHERE n.sent_at IS NOT NULL AND " + about + live)) {
                    bind(ps, part, complete ? null : since);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String noticeId = rs.getString(1);
                            Instant at = rs.getObject(3, OffsetDateTime.class).toInstant();
                            OutcomeKind.ofLabel(rs.getString(2)).ifPresent(kind ->
                                    outcomes.computeIfAbsent(noticeId, k -> new ArrayList<>()).add(new PastOutcome(kind, at)));
                        }
                    }
                }
            }
        }
        if (!outcomes.isEmpty()) {
            out.replaceAll((k, list) -> list.stream().map(p -> {
                PastNotice withOutcomes = p;
                for (PastOutcome o : outcomes.getOrDefault(p.noticeId(), List.of())) {
                    withOutcomes = withOutcomes.with(o);
                }
                return withOutcomes;
            }).collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
        }
        out.values().forEach(list -> list.sort(Comparator.comparing(PastNotice::sentAt)));
        return out;
    }

    private static void bind(PreparedStatement ps, List<String> ids, Instant since) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            ps.setString(i + 1, ids.get(i));
        }
        if (since != null) {
            ps.setObject(ids.size() + 1, Ledger.ts(since));
        }
    }

    private static String tracking(String detail) {
        // a letter's provider id is its vendor's letter id (Lob's ltr_…), not a tracking number: only the detail tells
        if (detail != null) {
            Matcher m = TRACKING.matcher(detail);
            if (m.find() && !m.group(1).equals("pending")) {
                return m.group(1);
            }
        }
        return null;
    }
}
