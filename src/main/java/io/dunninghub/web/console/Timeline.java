package io.dunninghub.web.console;

import io.dunninghub.ledger.LedgerAdmin;
import io.dunninghub.policy.PolicyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Everything the ledger knows about one borrower (or one loan), in time order: every notice event (the audit
 * trail, with reason codes), every delivery receipt, outcome without a notice of its own (an outcome that names
 * its notice is that notice's OUTCOME event), feedback about an address, hold, promise and opt-out (recorded
 * and removed), and the message as sent where {@link SentContent} has it. Archived notices included (the views
 * {@code notice_all} and {@code notice_event_all}). Read only.
 */
public final class Timeline {

    /** What an entry is about, for the page's filters and styles. */
    public enum Kind { NOTICE, RECEIPT, OUTCOME, FEEDBACK, HOLD, PROMISE, OPT_OUT }

    /**
     * One line of the timeline. {@code what} is the event type or record (SENT, HOLD, HOLD_LIFTED, …), {@code reason}
     * its reason code, {@code detail} free text as recorded (masked for a viewer before it is shown).
     */
    public record Entry(Instant at, Kind kind, String what, String reason, String noticeId, String loanId,
                        String step, String channel, String provider, String detail, String by) {
    }

    /** A notice of the subject, with its current state and the message as sent where it is stored. */
    public record Notice(String id, String borrowerId, String loanId, String step, String channel, String audience, String template,
                         String status, String reason, String recipientMasked, String deliveryStatus,
                         SentContent.Stored content) {
    }

    /** The whole record of a subject; {@code found} false when the ledger knows nothing of it. */
    public record Record(String borrowerId, String loanId, List<Entry> entries, List<Notice> notices,
                         Set<String> borrowers) {

        public boolean found() {
            return !entries.isEmpty() || !notices.isEmpty();
        }
    }

    private final DataSource hub;
    private final LedgerAdmin admin;
    private final PolicyStore policy;
    private final SentContent content;

    public Timeline(DataSource hub, SentContent content) {
        this.hub = hub;
        this.admin = new LedgerAdmin(hub);
        this.policy = new PolicyStore(hub);
        this.content = content;
    }

    /** Whether an id names a borrower, a loan, or nothing the ledger knows (a search box's input). */
    public enum Subject { BORROWER, LOAN, UNKNOWN }

    public Subject identify(String id) throws SQLException {
        if (exists("SELECT 1 FROM notice_all WHERE borrower_id = ?", id)
                || exists("SELECT 1 FROM legal_hold WHERE borrower_id = ?", id)
                || exists("SELECT 1 FROM payment_promise WHERE borrower_id = ?", id)
                || exists("SELECT 1 FROM opt_out WHERE borrower_id = ?", id)
                || exists("SELECT 1 FROM contact_outcome WHERE borrower_id = ?", id)) {
            return Subject.BORROWER;
        }
        if (exists("SELECT 1 FROM notice_all WHERE loan_id = ?", id)
                || exists("SELECT 1 FROM contact_outcome WHERE loan_id = ?", id)
                || exists("SELECT 1 FROM legal_hold WHERE loan_id = ?", id)) {
            return Subject.LOAN;
        }
        return Subject.UNKNOWN;
    }

    public Record ofBorrower(String borrowerId) throws SQLException {
        return read(borrowerId, null);
    }

    public Record ofLoan(String loanId) throws SQLException {
        return read(null, loanId);
    }

    private Record read(String borrowerId, String loanId) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        for (LedgerAdmin.AuditRow r : admin.audit(borrowerId, loanId, null, null)) {
            entries.add(new Entry(instant(r.occurredAt()), Kind.NOTICE, r.eventType(), r.reason(), r.noticeId(),
                    r.loanId(), r.stepId(), r.channel(), r.provider(), r.detail(), r.instanceId()));
        }
        List<Notice> notices = notices(borrowerId, loanId);
        Set<String> borrowers = new LinkedHashSet<>();
        if (borrowerId != null) {
            borrowers.add(borrowerId);
        }
        notices.forEach(n -> borrowers.add(n.borrowerId()));
        borrowers.remove(null);
        receipts(notices, entries);
        outcomes(borrowerId, loanId, entries, borrowers);
        feedback(borrowers, entries);
        for (String b : borrowers) {
            for (PolicyStore.HoldRow h : policy.holds(b, null, true, Instant.EPOCH)) {
                if (loanId != null && h.loanId() != null && !loanId.equals(h.loanId())) {
                    continue;
                }
                entries.add(new Entry(h.createdAt(), Kind.HOLD, "HOLD", h.kind(), null, h.loanId(), null, null, null,
                        h.reason() + (h.expiresAt() == null ? "" : " (until " + h.expiresAt() + ")"), h.createdBy()));
                if (h.removedAt() != null) {
                    entries.add(new Entry(h.removedAt(), Kind.HOLD, "HOLD_LIFTED", h.kind(), null, h.loanId(), null,
                            null, null, h.removedReason(), h.removedBy()));
                }
            }
            for (PolicyStore.PromiseRow p : policy.promises(b, null, true)) {
                if (loanId != null && p.loanId() != null && !loanId.equals(p.loanId())) {
                    continue;
                }
                entries.add(new Entry(p.createdAt(), Kind.PROMISE, "PROMISE", null, null, p.loanId(), null, null, null,
                        "to pay " + (p.amount() == null ? "" : p.amount().toPlainString() + " ") + "by " + p.promisedDate()
                                + " — " + p.reason(), p.createdBy()));
                if (p.removedAt() != null) {
                    entries.add(new Entry(p.removedAt(), Kind.PROMISE, "PROMISE_REMOVED", null, null, p.loanId(), null,
                            null, null, p.removedReason(), p.removedBy()));
                }
            }
            for (PolicyStore.OptOutRow o : policy.optOuts(b, null, true)) {
                String scope = (o.channel() == null ? "every channel" : o.channel())
                        + (o.addressMasked() == null ? "" : " " + o.addressMasked());
                entries.add(new Entry(o.createdAt(), Kind.OPT_OUT, "OPT_OUT", o.source(), null, null, null, o.channel(),
                        null, scope + " — " + o.reason(), o.createdBy()));
                if (o.removedAt() != null) {
                    entries.add(new Entry(o.removedAt(), Kind.OPT_OUT, "OPT_OUT_REMOVED", o.source(), null, null, null,
                            o.channel(), null, o.removedReason(), o.removedBy()));
                }
            }
        }
        // stable: within one instant the ledger's own order (events by id, then records by kind)
        entries.sort(Comparator.comparing(Entry::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new Record(borrowerId, loanId, entries, notices, borrowers);
    }

    private List<Notice> notices(String borrowerId, String loanId) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        String where = borrowerId != null ? "borrower_id = ?" : "loan_id = ?";
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, loan_id, step_id, "
                + "channel, audience, template, status, reason, recipient_masked, delivery_status, borrower_id FROM notice_all WHERE "
                + where + " ORDER BY planned_at, id")) {
            c.setReadOnly(true);
            ps.setString(1, borrowerId != null ? borrowerId : loanId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] r = new String[11];
                    for (int i = 0; i < 11; i++) {
                        r[i] = rs.getString(i + 1);
                    }
                    rows.add(r);
                }
            }
        }
        Map<String, SentContent.Stored> stored = rows.isEmpty() ? Map.of()
                : content.of(rows.stream().map(r -> r[0]).toList());
        List<Notice> out = new ArrayList<>();
        for (String[] r : rows) {
            out.add(new Notice(r[0], r[10], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], stored.get(r[0])));
        }
        return out;
    }

    private void receipts(List<Notice> notices, List<Entry> entries) throws SQLException {
        Map<String, Notice> byId = new LinkedHashMap<>();
        notices.forEach(n -> byId.put(n.id(), n));
        forParts(List.copyOf(byId.keySet()), "SELECT notice_id, received_at, source, provider_status, outcome, reason, "
                + "feedback FROM receipt WHERE notice_id IN (%s) ORDER BY received_at, id", rs -> {
            Notice n = byId.get(rs.getString(1));
            String outcome = rs.getString(5);
            entries.add(new Entry(instant(rs.getObject(2, OffsetDateTime.class)), Kind.RECEIPT,
                    "RECEIPT" + (outcome == null ? "" : " " + outcome), rs.getString(6), n.id(), n.loanId(), n.step(),
                    n.channel(), rs.getString(3), "provider status " + rs.getString(4)
                            + (rs.getString(7) == null ? "" : ", feedback " + rs.getString(7)), null));
        });
    }

    private void outcomes(String borrowerId, String loanId, List<Entry> entries, Set<String> borrowers)
            throws SQLException {
        String where = borrowerId != null ? "borrower_id = ?" : "loan_id = ?";
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT occurred_at, outcome, "
                + "loan_id, channel, source, recorded_by, note, promised_date, promised_amount, borrower_id, audience "
                + "FROM contact_outcome WHERE notice_id IS NULL AND " + where + " ORDER BY occurred_at, id")) {
            c.setReadOnly(true);
            ps.setString(1, borrowerId != null ? borrowerId : loanId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    borrowers.add(rs.getString(10));
                    StringBuilder detail = new StringBuilder("to " + rs.getString(11));
                    if (rs.getString(7) != null) {
                        detail.append(" — ").append(rs.getString(7));
                    }
                    if (rs.getDate(8) != null) {
                        detail.append(", promised for ").append(rs.getDate(8).toLocalDate());
                        if (rs.getBigDecimal(9) != null) {
                            detail.append(" (").append(rs.getBigDecimal(9).stripTrailingZeros().toPlainString()).append(')');
                        }
                    }
                    entries.add(new Entry(instant(rs.getObject(1, OffsetDateTime.class)), Kind.OUTCOME, "OUTCOME",
                            rs.getString(2), null, rs.getString(3), null, rs.getString(4), rs.getString(5),
                            detail.toString(), rs.getString(6)));
                }
            }
        }
    }

    private void feedback(Set<String> borrowers, List<Entry> entries) throws SQLException {
        forParts(List.copyOf(borrowers), "SELECT recorded_at, channel, reason, source, notice_id, detail FROM "
                + "contact_feedback WHERE borrower_id IN (%s) ORDER BY recorded_at, id", rs ->
                entries.add(new Entry(instant(rs.getObject(1, OffsetDateTime.class)), Kind.FEEDBACK, "FEEDBACK",
                        rs.getString(3), rs.getString(5), null, null, rs.getString(2), rs.getString(4), rs.getString(6),
                        null)));
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void forParts(List<String> ids, String sql, RowReader reader) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = hub.getConnection()) {
            c.setReadOnly(true);
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement(sql.formatted(String.join(", ",
                        Collections.nCopies(part.size(), "?"))))) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 1, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            reader.read(rs);
                        }
                    }
                }
            }
        }
    }

    private boolean exists(String sql, String id) throws SQLException {
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(sql + " FETCH FIRST 1 ROWS ONLY")) {
            c.setReadOnly(true);
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
