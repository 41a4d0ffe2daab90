package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What ops and compliance do to the ledger by hand: look at it, replay dead or failed notices, cancel a
 * borrower's or loan's pending notices, and read the audit trail. Every change is an event with who and why.
 */
public final class LedgerAdmin {

    private final DataSource hub;
    private final String origin;

    /** Changes made from the command line: their events name {@code cli} as the instance. */
    public LedgerAdmin(DataSource hub) {
        this(hub, "cli");
    }

    /** @param origin recorded as the events' instance, e.g. the daemon's instance id for the admin API */
    public LedgerAdmin(DataSource hub, String origin) {
        this.hub = hub;
        this.origin = origin;
    }

    /** Which notices a command applies to; null fields do not filter. Dates are inclusive instants. */
    public record Filter(List<String> statuses, String channel, String provider, String borrowerId, String loanId,
                         Instant from, Instant to) {

        /** From calendar days (UTC, both inclusive) as the replay command and the admin API give them. */
        public static Filter of(List<String> statuses, String channel, String provider, String borrowerId,
                                String loanId, java.time.LocalDate from, java.time.LocalDate to) {
            return new Filter(statuses, channel, provider, borrowerId, loanId,
                    from == null ? null : from.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                    to == null ? null : to.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        }

        String where(List<Object> params) {
            StringBuilder w = new StringBuilder(" WHERE 1 = 1");
            if (statuses != null && !statuses.isEmpty()) {
                w.append(" AND n.status IN (").append(String.join(", ", java.util.Collections.nCopies(statuses.size(), "?"))).append(')');
                params.addAll(statuses);
            }
            add(w, params, " AND n.channel = ?", channel);
            add(w, params, " AND n.provider = ?", provider);
            add(w, params, " AND n.borrower_id = ?", borrowerId);
            add(w, params, " AND n.loan_id = ?", loanId);
            if (from != null) {
                w.append(" AND n.updated_at >= ?");
                params.add(Ledger.ts(from));
            }
            if (to != null) {
                w.append(" AND n.updated_at < ?");
                params.add(Ledger.ts(to));
            }
            return w.toString();
        }

        private static void add(StringBuilder w, List<Object> params, String clause, String value) {
            if (value != null) {
                w.append(clause);
                params.add(value);
            }
        }
    }

    public record Status(Map<String, Map<String, Integer>> byStatusAndChannel, int dueNow, Duration oldestDueAge) {
    }

    public record NoticeRow(String id, String dedupeKey, String borrowerId, String loanId, String channel, String status,
                            String reason, String provider, int attempts, OffsetDateTime updatedAt) {
    }

    public record AuditRow(OffsetDateTime occurredAt, String noticeId, String dedupeKey, String installmentId,
                           String loanId, String borrowerId, String stepId, String channel, String eventType,
                           String reason, String provider, String detail, String instanceId) {
    }

    /** The notices due now and not yet claimed, and how long the oldest of them has waited. */
    public record Backlog(int dueNow, Duration oldestDueAge) {
    }

    public Status status(Instant now) throws SQLException {
        Map<String, Map<String, Integer>> counts = new Ledger(hub, "status").countsByStatusAndChannel();
        Backlog backlog = backlog(now);
        return new Status(counts, backlog.dueNow(), backlog.oldestDueAge());
    }

    /** One indexed query (status, next_attempt_at), cheap enough to repeat every few seconds for the gauges. */
    public Backlog backlog(Instant now) throws SQLException {
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*), MIN(next_attempt_at) FROM notice WHERE status IN ('PLANNED', 'RETRY') AND next_attempt_at <= ?")) {
            ps.setQueryTimeout(10);
            ps.setObject(1, Ledger.ts(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                return new Backlog(rs.getInt(1), oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), now));
            }
        }
    }

    public List<NoticeRow> find(Filter filter, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT n.id, n.dedupe_key, n.borrower_id, n.loan_id, n.channel, n.status, n.reason, n.provider, "
                + "n.attempts, n.updated_at FROM notice n" + filter.where(params) + " ORDER BY n.updated_at, n.id LIMIT " + limit;
        List<NoticeRow> rows = new ArrayList<>();
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new NoticeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                            rs.getObject(10, OffsetDateTime.class)));
                }
            }
        }
        return rows;
    }

    /**
     * Makes matching DEAD or FAILED notices due again now with a fresh attempt count. The send-time policy
     * still applies, so a replayed notice is never sent to someone who opted out or paid meanwhile.
     */
    public int replay(List<String> noticeIds, String by, String why, Instant now) throws SQLException {
        return change(noticeIds, "UPDATE notice SET status = 'PLANNED', attempts = 0, reason = NULL, last_error = NULL, "
                + "next_attempt_at = ?, updated_at = ? WHERE id = ? AND status IN ('DEAD', 'FAILED')", EventType.REPLAYED, by, why, now);
    }

    /** Cancels pending (planned or waiting to retry) notices; ones being sent right now are left alone. */
    public int cancel(List<String> noticeIds, String by, String why, Instant now) throws SQLException {
        return change(noticeIds, "UPDATE notice SET status = 'CANCELLED', reason = 'CANCELLED', next_attempt_at = ?, "
                + "updated_at = ? WHERE id = ? AND status IN ('PLANNED', 'RETRY')", EventType.CANCELLED, by, why, now);
    }

    private int change(List<String> ids, String update, EventType event, String by, String why, Instant now)
            throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement(update);
                 PreparedStatement ev = c.prepareStatement("INSERT INTO notice_event (notice_id, occurred_at, event_type, "
                         + "reason, provider, detail, instance_id) VALUES (?, ?, ?, ?, NULL, ?, ?)")) {
                for (String id : ids) {
                    up.setObject(1, Ledger.ts(now));
                    up.setObject(2, Ledger.ts(now));
                    up.setString(3, id);
                    up.addBatch();
                }
                int[] counts = up.executeBatch();
                int changed = 0;
                for (int i = 0; i < ids.size(); i++) {
                    if (counts[i] > 0) {
                        changed++;
                        ev.setString(1, ids.get(i));
                        ev.setObject(2, Ledger.ts(now));
                        ev.setString(3, event.name());
                        ev.setString(4, "MANUAL");
                        ev.setString(5, clip("by " + by + ": " + why));
                        ev.setString(6, origin);
                        ev.addBatch();
                    }
                }
                ev.executeBatch();
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Every event of the matching notices in a time range, oldest first, archived ones included: the evidence trail. */
    public List<AuditRow> audit(String borrowerId, String loanId, Instant from, Instant to) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT e.occurred_at, n.id, n.dedupe_key, n.installment_id, n.loan_id, "
                + "n.borrower_id, n.step_id, n.channel, e.event_type, e.reason, e.provider, e.detail, e.instance_id "
                + "FROM notice_event_all e JOIN notice_all n ON n.id = e.notice_id WHERE 1 = 1");
        if (borrowerId != null) {
            sql.append(" AND n.borrower_id = ?");
            params.add(borrowerId);
        }
        if (loanId != null) {
            sql.append(" AND n.loan_id = ?");
            params.add(loanId);
        }
        if (from != null) {
            sql.append(" AND e.occurred_at >= ?");
            params.add(Ledger.ts(from));
        }
        if (to != null) {
            sql.append(" AND e.occurred_at < ?");
            params.add(Ledger.ts(to));
        }
        sql.append(" ORDER BY e.occurred_at, e.id");
        List<AuditRow> rows = new ArrayList<>();
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new AuditRow(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
                }
            }
        }
        return rows;
    }

    /** Field order of {@link AuditRow} for CSV and JSON output. */
    public static Map<String, Object> fields(AuditRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("occurred_at", r.occurredAt() == null ? null : r.occurredAt().toInstant().toString());
        m.put("notice_id", r.noticeId());
        m.put("dedupe_key", r.dedupeKey());
        m.put("installment_id", r.installmentId());
        m.put("loan_id", r.loanId());
        m.put("borrower_id", r.borrowerId());
        m.put("step", r.stepId());
        m.put("channel", r.channel());
        m.put("event", r.eventType());
        m.put("reason", r.reason());
        m.put("provider", r.provider());
        m.put("detail", r.detail());
        m.put("instance", r.instanceId());
        return m;
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private static String clip(String s) {
        return s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
