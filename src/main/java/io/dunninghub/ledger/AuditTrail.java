package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Everything the hub did and learnt about a borrower or a loan over a time range, in time order: every event of
 * their notices (with template, masked recipient, provider message id and reason; for a notice handed to a
 * provider the hashes of what was sent, of its template and of the configuration), the legal holds, promises to
 * pay and opt-outs (added and removed, by whom and why), the delivery receipts, the contact outcomes, and the
 * erasures. A loan's trail includes what was recorded for its borrower as a whole (a borrower-wide hold applies
 * to every loan). Archived notices are part of it: notices and events are read from {@code notice_all} and
 * {@code notice_event_all} (live and archive in one statement, so a notice moved meanwhile appears once).
 */
public final class AuditTrail {

    /** Where an entry comes from. */
    public enum Source { NOTICE, HOLD, PROMISE, OPT_OUT, RECEIPT, OUTCOME, ERASURE }

    /**
     * One line of the trail.
     *
     * @param contentId the {@code notice_content} row of a notice handed to a provider (null otherwise)
     */
    public record Entry(OffsetDateTime occurredAt, Source source, String noticeId, String dedupeKey,
                        String installmentId, String loanId, String borrowerId, String step, String channel,
                        String template, String recipient, String event, String reason, String provider,
                        String providerMessageId, String detail, String by, String instance, String contentSha256,
                        String templateSha256, String configSha256, Long contentId) {
    }

    private final DataSource hub;

    public AuditTrail(DataSource hub) {
        this.hub = hub;
    }

    /** @param from inclusive, {@code to} exclusive; null = open */
    public List<Entry> of(String borrowerId, String loanId, Instant from, Instant to) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Connection c = hub.getConnection()) {
            Set<String> borrowers = new LinkedHashSet<>();
            if (borrowerId != null) {
                borrowers.add(borrowerId);
            } else {
                try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT borrower_id FROM notice_all WHERE loan_id = ?")) {
                    ps.setString(1, loanId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            borrowers.add(rs.getString(1));
                        }
                    }
                }
            }
            notices(c, borrowerId, loanId, from, to, out);
            receipts(c, borrowerId, loanId, from, to, out);
            for (String b : borrowers) {
                holds(c, b, loanId, from, to, out);
                promises(c, b, loanId, from, to, out);
                optOuts(c, b, from, to, out);
                outcomes(c, b, loanId, from, to, out);
                erasures(c, b, from, to, out);
            }
        }
        out.sort(Comparator.comparing(Entry::occurredAt).thenComparing(e -> e.source().ordinal()));
        return out;
    }

    private static void notices(Connection c, String borrowerId, String loanId, Instant from, Instant to,
                                List<Entry> out) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                SELECT e.occurred_at, n.id, n.dedupe_key, n.installment_id, n.loan_id, n.borrower_id, n.step_id,
                       n.channel, COALESCE(k.template, n.template), n.recipient_masked, e.event_type, e.reason,
                       e.provider, n.provider_message_id, e.detail, e.instance_id, k.content_sha256,
                       k.template_sha256, k.config_sha256, k.id
                FROM notice_event_all e JOIN notice_all n ON n.id = e.notice_id
                LEFT JOIN notice_content k ON k.notice_id = e.notice_id AND k.recorded_at = e.occurred_at
                    AND k.event_type = e.event_type
                WHERE 1 = 1""");
        List<Object> p = new ArrayList<>();
        filter(sql, p, "n.borrower_id", borrowerId, "n.loan_id", loanId, "e.occurred_at", from, to);
        sql.append(" ORDER BY e.occurred_at, e.id");
        query(c, sql.toString(), p, rs -> {
            String event = rs.getString(11);
            boolean handed = Set.of("SENT", "FAILED", "DELIVERED", "UNDELIVERED").contains(event);
            return new Entry(rs.getObject(1, OffsetDateTime.class), Source.NOTICE, rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                    rs.getString(9), handed || rs.getString(17) != null ? rs.getString(10) : null, event,
                    rs.getString(12), rs.getString(13), handed && !"FAILED".equals(event) ? rs.getString(14) : null,
                    rs.getString(15), null, rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                    (Long) rs.getObject(20, Long.class));
        }, out);
    }

    private static void receipts(Connection c, String borrowerId, String loanId, Instant from, Instant to,
                                 List<Entry> out) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                SELECT r.received_at, n.id, n.dedupe_key, n.installment_id, n.loan_id, n.borrower_id, n.step_id,
                       n.channel, n.template, n.recipient_masked, r.provider_status, r.reason, r.source,
                       r.provider_message_id, r.outcome
                FROM receipt r JOIN notice_all n ON n.id = r.notice_id WHERE 1 = 1""");
        List<Object> p = new ArrayList<>();
        filter(sql, p, "n.borrower_id", borrowerId, "n.loan_id", loanId, "r.received_at", from, to);
        query(c, sql.toString(), p, rs -> new Entry(rs.getObject(1, OffsetDateTime.class), Source.RECEIPT,
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), "RECEIPT", rs.getString(12), rs.getString(13),
                rs.getString(14), "provider status " + rs.getString(11)
                + (rs.getString(15) == null ? "" : " → " + rs.getString(15)), null, null, null, null, null, null), out);
    }

    private static void holds(Connection c, String borrowerId, String loanId, Instant from, Instant to,
                              List<Entry> out) throws SQLException {
        added(c, "legal_hold", "kind", "'until ' || COALESCE(CAST(expires_at AS VARCHAR), 'revoked')", borrowerId,
                loanId, from, to, Source.HOLD, "HOLD_ADDED", "HOLD_LIFTED", out);
    }

    private static void promises(Connection c, String borrowerId, String loanId, Instant from, Instant to,
                                 List<Entry> out) throws SQLException {
        added(c, "payment_promise", "'PROMISE'", "'promised ' || COALESCE(CAST(amount AS VARCHAR), '(any amount)') "
                        + "|| ' by ' || CAST(promised_date AS VARCHAR)", borrowerId, loanId, from, to, Source.PROMISE,
                "PROMISE_ADDED", "PROMISE_REMOVED", out);
    }

    /** A policy record's two events: added (created_*) and removed (removed_*), each in the range. */
    private static void added(Connection c, String table, String reasonExpr, String whatExpr, String borrowerId,
                              String loanId, Instant from, Instant to, Source source, String addedEvent,
                              String removedEvent, List<Entry> out) throws SQLException {
        String sql = "SELECT id, loan_id, " + reasonExpr + ", " + whatExpr + ", reason, created_by, created_at, "
                + "removed_by, removed_reason, removed_at FROM " + table + " WHERE borrower_id = ?"
                + (loanId == null ? "" : " AND (loan_id = ? OR loan_id IS NULL)") + " ORDER BY id";
        List<Object> p = new ArrayList<>(List.of(borrowerId));
        if (loanId != null) {
            p.add(loanId);
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, p);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String what = table + " #" + rs.getLong(1) + " " + rs.getString(4) + ": " + rs.getString(5);
                    OffsetDateTime created = rs.getObject(7, OffsetDateTime.class);
                    if (within(created, from, to)) {
                        out.add(new Entry(created, source, null, null, null, rs.getString(2), borrowerId, null, null,
                                null, null, addedEvent, rs.getString(3), null, null, what, rs.getString(6), null,
                                null, null, null, null));
                    }
                    OffsetDateTime removed = rs.getObject(10, OffsetDateTime.class);
                    if (removed != null && within(removed, from, to)) {
                        out.add(new Entry(removed, source, null, null, null, rs.getString(2), borrowerId, null, null,
                                null, null, removedEvent, rs.getString(3), null, null,
                                table + " #" + rs.getLong(1) + ": " + rs.getString(9), rs.getString(8), null, null,
                                null, null, null));
                    }
                }
            }
        }
    }

    private static void optOuts(Connection c, String borrowerId, Instant from, Instant to, List<Entry> out)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, channel, address_masked, source, reason, created_by, "
                + "created_at, removed_by, removed_reason, removed_at FROM opt_out WHERE borrower_id = ? ORDER BY id")) {
            ps.setString(1, borrowerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String channel = rs.getString(2) == null ? "(all)" : rs.getString(2);
                    OffsetDateTime created = rs.getObject(7, OffsetDateTime.class);
                    if (within(created, from, to)) {
                        out.add(new Entry(created, Source.OPT_OUT, null, null, null, null, borrowerId, null, channel,
                                null, rs.getString(3), "OPT_OUT_ADDED", rs.getString(4), null, null,
                                "opt_out #" + rs.getLong(1) + ": " + rs.getString(5), rs.getString(6), null, null,
                                null, null, null));
                    }
                    OffsetDateTime removed = rs.getObject(10, OffsetDateTime.class);
                    if (removed != null && within(removed, from, to)) {
                        out.add(new Entry(removed, Source.OPT_OUT, null, null, null, null, borrowerId, null, channel,
                                null, rs.getString(3), "OPT_OUT_REMOVED", null, null, null,
                                "opt_out #" + rs.getLong(1) + ": " + rs.getString(9), rs.getString(8), null, null,
                                null, null, null));
                    }
                }
            }
        }
    }

    private static void outcomes(Connection c, String borrowerId, String loanId, Instant from, Instant to,
                                 List<Entry> out) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT occurred_at, notice_id, loan_id, channel, outcome, source, "
                + "external_id, recorded_by, note, audience, promised_date, promised_amount FROM contact_outcome "
                + "WHERE borrower_id = ?");
        List<Object> p = new ArrayList<>(List.of(borrowerId));
        if (loanId != null) {
            sql.append(" AND (loan_id = ? OR loan_id IS NULL)");
            p.add(loanId);
        }
        range(sql, p, "occurred_at", from, to);
        query(c, sql.toString(), p, rs -> {
            StringBuilder d = new StringBuilder("audience " + rs.getString(10));
            if (rs.getObject(11) != null) {
                d.append(", promised ").append(rs.getBigDecimal(12) == null ? "" : rs.getBigDecimal(12).toPlainString() + " ")
                        .append("by ").append(rs.getObject(11));
            }
            if (rs.getString(9) != null) {
                d.append(": ").append(rs.getString(9));
            }
            return new Entry(rs.getObject(1, OffsetDateTime.class), Source.OUTCOME, rs.getString(2), null, null,
                    rs.getString(3), borrowerId, null, rs.getString(4), null, null, "OUTCOME_RECORDED",
                    rs.getString(5), rs.getString(6), rs.getString(7), d.toString(), rs.getString(8), null, null,
                    null, null, null);
        }, out);
    }

    private static void erasures(Connection c, String borrowerId, Instant from, Instant to, List<Entry> out)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT erased_at, id, kind, reason, erased_by, detail FROM erasure "
                + "WHERE borrower_id = ?");
        List<Object> p = new ArrayList<>(List.of(borrowerId));
        range(sql, p, "erased_at", from, to);
        query(c, sql.toString(), p, rs -> new Entry(rs.getObject(1, OffsetDateTime.class), Source.ERASURE, null, null,
                null, null, borrowerId, null, null, null, null, "ERASED", rs.getString(3), null, null,
                "erasure #" + rs.getLong(2) + " (" + rs.getString(6) + "): " + rs.getString(4), rs.getString(5), null,
                null, null, null, null), out);
    }

    /** The fields of an entry by column name, in the order the audit's CSV and JSON print them. */
    public static Map<String, Object> fields(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("occurred_at", e.occurredAt() == null ? null : e.occurredAt().toInstant().toString());
        m.put("record", e.source() == null ? null : e.source().name().toLowerCase(java.util.Locale.ROOT));
        m.put("notice_id", e.noticeId());
        m.put("dedupe_key", e.dedupeKey());
        m.put("installment_id", e.installmentId());
        m.put("loan_id", e.loanId());
        m.put("borrower_id", e.borrowerId());
        m.put("step", e.step());
        m.put("channel", e.channel());
        m.put("template", e.template());
        m.put("recipient", e.recipient());
        m.put("event", e.event());
        m.put("reason", e.reason());
        m.put("provider", e.provider());
        m.put("provider_message_id", e.providerMessageId());
        m.put("detail", e.detail());
        m.put("by", e.by());
        m.put("instance", e.instance());
        m.put("content_sha256", e.contentSha256());
        m.put("template_sha256", e.templateSha256());
        m.put("config_sha256", e.configSha256());
        return m;
    }

    public static List<String> columns() {
        return List.copyOf(fields(new Entry(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null)).keySet());
    }

    private interface RowReader {
        Entry read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, List<Object> p, RowReader reader, List<Entry> out)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, p);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
        }
    }

    private static void filter(StringBuilder sql, List<Object> p, String borrowerCol, String borrowerId,
                               String loanCol, String loanId, String timeCol, Instant from, Instant to) {
        if (borrowerId != null) {
            sql.append(" AND ").append(borrowerCol).append(" = ?");
            p.add(borrowerId);
        }
        if (loanId != null) {
            sql.append(" AND ").append(loanCol).append(" = ?");
            p.add(loanId);
        }
        range(sql, p, timeCol, from, to);
    }

    private static void range(StringBuilder sql, List<Object> p, String timeCol, Instant from, Instant to) {
        if (from != null) {
            sql.append(" AND ").append(timeCol).append(" >= ?");
            p.add(Ledger.ts(from));
        }
        if (to != null) {
            sql.append(" AND ").append(timeCol).append(" < ?");
            p.add(Ledger.ts(to));
        }
    }

    private static boolean within(OffsetDateTime t, Instant from, Instant to) {
        return t != null && (from == null || !t.toInstant().isBefore(from)) && (to == null || t.toInstant().isBefore(to));
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
