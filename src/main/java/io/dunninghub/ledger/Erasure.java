package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Replaces personal data in the hub's tables, for one borrower on a lawful request or for every row older than a
 * retention period: each value becomes {@code sha256:<hex of the value>} (so a copy kept elsewhere can still be
 * matched, and nothing readable stays), the content of sent notices is deleted (its hashes stay). Ids, statuses,
 * reason codes, times, counts and hashes are kept: the trail stays complete and provable. Each run is recorded
 * in {@code erasure} (who, when, why, how many values per column), in the same transaction.
 *
 * <p>What counts as personal data here: notice.recipient_masked; the free text of REPLAYED and CANCELLED events
 * (written by people); the same two in the archive ({@code notice_archive}, {@code notice_event_archive});
 * contact_outcome.note; opt_out.address_masked and its reasons;
 * payment_promise and legal_hold reasons; contact_feedback.detail; notice_content's ciphertext. The borrower id is
 * the lender's own pseudonymous key and stays, so the lender can still answer "what did you do about customer X".
 */
public final class Erasure {

    public static final String PREFIX = "sha256:";

    /** One column of personal data: the table, its key, the column, and the time the retention period runs from. */
    private record Column(String table, String column, String time, String borrowerFilter) {
    }

    // The archive's columns come after the live ones: a row the archive job moves meanwhile is either changed here
    // first (the move then waits for this transaction and takes the hash along) or, moved, is found in the archive.
    private static final List<Column> COLUMNS = List.of(
            new Column("notice", "recipient_masked", "updated_at", "borrower_id = ?"),
            new Column("notice_event", "detail", "occurred_at",
                    "notice_id IN (SELECT id FROM notice_all WHERE borrower_id = ?)"),
            new Column("notice_archive", "recipient_masked", "updated_at", "borrower_id = ?"),
            new Column("notice_event_archive", "detail", "occurred_at",
                    "notice_id IN (SELECT id FROM notice_archive WHERE borrower_id = ?)"),
            new Column("contact_outcome", "note", "occurred_at", "borrower_id = ?"),
            new Column("opt_out", "address_masked", "created_at", "borrower_id = ?"),
            new Column("opt_out", "reason", "created_at", "borrower_id = ?"),
            new Column("opt_out", "removed_reason", "created_at", "borrower_id = ?"),
            new Column("payment_promise", "reason", "created_at", "borrower_id = ?"),
            new Column("payment_promise", "removed_reason", "created_at", "borrower_id = ?"),
            new Column("legal_hold", "reason", "created_at", "borrower_id = ?"),
            new Column("legal_hold", "removed_reason", "created_at", "borrower_id = ?"),
            new Column("contact_feedback", "detail", "recorded_at", "borrower_id = ?"));

    // event details written by people or quoting them; SENT/DELIVERED details (receipts, tracking numbers) stay
    private static final String PERSONAL_EVENTS = " AND event_type IN ('REPLAYED', 'CANCELLED')";
    // only notices that are finished: a pending one is still being worked on
    private static final String FINISHED_NOTICE = " AND status NOT IN ('PLANNED', 'RETRY', 'CLAIMED')";

    private final DataSource hub;

    public Erasure(DataSource hub) {
        this.hub = hub;
    }

    /** What one run changed: its {@code erasure} row id and the values replaced per {@code table.column}. */
    public record Result(long erasureId, Map<String, Integer> changed) {

        public int total() {
            return changed.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** {@code notice.recipient_masked=3, notice_content=2}, the columns that changed. */
        public String summary() {
            StringBuilder b = new StringBuilder();
            changed.forEach((k, v) -> {
                if (v > 0) {
                    b.append(b.isEmpty() ? "" : ", ").append(k).append('=').append(v);
                }
            });
            return b.isEmpty() ? "nothing to erase" : b.toString();
        }
    }

    /** Erases one borrower's personal data now (a lawful request), whatever its age. */
    public Result eraseBorrower(String borrowerId, String reason, String by, Instant now) throws SQLException {
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, Integer> changed = new LinkedHashMap<>();
                for (Column col : COLUMNS) {
                    String where = col.borrowerFilter() + (col.table().startsWith("notice_event") ? PERSONAL_EVENTS : "");
                    changed.put(col.table() + "." + col.column(), hash(c, col, where, List.of(borrowerId)));
                }
                changed.put("notice_content", deleteContent(c,
                        "notice_id IN (SELECT id FROM notice_all WHERE borrower_id = ?)", List.of(borrowerId), "ERASURE", now));
                long id = record(c, "REQUEST", borrowerId, reason, by, now, changed);
                c.commit();
                return new Result(id, changed);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * The retention job: deletes the content recorded before {@code contentBefore} and replaces the personal data of
     * rows from before {@code personalBefore}; records a RETENTION erasure when anything changed.
     */
    public Result expire(Instant contentBefore, Instant personalBefore, String by, Instant now) throws SQLException {
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, Integer> changed = new LinkedHashMap<>();
                for (Column col : COLUMNS) {
                    String where = col.time() + " < ?" + switch (col.table()) {
                        case "notice_event", "notice_event_archive" -> PERSONAL_EVENTS;
                        case "notice" -> FINISHED_NOTICE;
                        default -> "";
                    };
                    changed.put(col.table() + "." + col.column(), hash(c, col, where, List.of(Ledger.ts(personalBefore))));
                }
                changed.put("notice_content", deleteContent(c, "recorded_at < ?", List.of(Ledger.ts(contentBefore)),
                        "RETENTION", now));
                long id = changed.values().stream().mapToInt(Integer::intValue).sum() == 0 ? 0
                        : record(c, "RETENTION", null, "retention periods ended (content before " + contentBefore
                        + ", personal data before " + personalBefore + ")", by, now, changed);
                c.commit();
                return new Result(id, changed);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The value a personal-data column holds after erasure. */
    public static String erased(String value) {
        return PREFIX + NoticeContent.sha256(value);
    }

    private static int hash(Connection c, Column col, String where, List<Object> params) throws SQLException {
        String key = "id";
        String select = "SELECT " + key + ", " + col.column() + " FROM " + col.table() + " WHERE " + where
                + " AND " + col.column() + " IS NOT NULL AND " + col.column() + " NOT LIKE '" + PREFIX + "%'";
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getObject(1), rs.getString(2)});
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE " + col.table() + " SET " + col.column() + " = ? WHERE "
                + key + " = ?")) {
            for (Object[] r : rows) {
                up.setString(1, erased((String) r[1]));
                up.setObject(2, r[0]);
                up.addBatch();
            }
            up.executeBatch();
        }
        return rows.size();
    }

    private static int deleteContent(Connection c, String where, List<Object> params, String why, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notice_content SET ciphertext = NULL, nonce = NULL, "
                + "erased_at = ?, erased_reason = ? WHERE " + where + " AND ciphertext IS NOT NULL")) {
            ps.setObject(1, Ledger.ts(now));
            ps.setString(2, why);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 3, params.get(i));
            }
            return ps.executeUpdate();
        }
    }

    private static long record(Connection c, String kind, String borrowerId, String reason, String by, Instant now,
                               Map<String, Integer> changed) throws SQLException {
        String detail = new Result(0, changed).summary();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO erasure (kind, borrower_id, reason, erased_by, "
                + "erased_at, rows_changed, detail) VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            ps.setString(1, kind);
            ps.setString(2, borrowerId);
            ps.setString(3, clip(reason));
            ps.setString(4, clip(by));
            ps.setObject(5, Ledger.ts(now));
            ps.setInt(6, changed.values().stream().mapToInt(Integer::intValue).sum());
            ps.setString(7, clip(detail));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
