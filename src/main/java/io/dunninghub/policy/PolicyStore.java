package io.dunninghub.policy;

import io.dunninghub.common.Mask;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The hub's own policy tables (migration V2): legal holds, promises to pay, opt-outs and contact outcomes.
 * Written by the {@code hold}, {@code promise} and {@code optout} commands and by {@link OptOuts}; read in
 * batches when notices are planned and sent. Removing a row keeps it, with who removed it and why.
 */
public final class PolicyStore {

    private static final int IN_LIST = 500;

    /** The kinds of legal hold, as the hold command and the console record them. */
    public static final List<String> HOLD_KINDS = List.of("DISPUTE", "COMPLAINT", "HARDSHIP", "BANKRUPTCY", "DECEASED",
            "CEASE_COMMUNICATION");

    private final DataSource hub;

    public PolicyStore(DataSource hub) {
        this.hub = hub;
    }

    // ---- records as the commands list them ----------------------------------------------------------------

    public record HoldRow(long id, String borrowerId, String loanId, String kind, Instant expiresAt, String reason,
                          String createdBy, Instant createdAt, String removedBy, String removedReason, Instant removedAt) {
    }

    public record PromiseRow(long id, String borrowerId, String loanId, LocalDate promisedDate, BigDecimal amount,
                             String reason, String createdBy, Instant createdAt, String removedBy, String removedReason,
                             Instant removedAt) {
    }

    public record OptOutRow(long id, String borrowerId, String channel, String addressHash, String addressMasked,
                            String source, String reason, String createdBy, Instant createdAt, String removedBy,
                            String removedReason, Instant removedAt) {
    }

    /** What the tables say about a chunk of borrowers and addresses. */
    public record Loaded(Map<String, List<Standing.Hold>> holds, Map<String, List<Standing.Promise>> promises,
                         Map<String, List<Standing.OptOut>> borrowerOptOuts, Map<String, List<Standing.OptOut>> addressOptOuts,
                         Map<String, List<Standing.Conversation>> conversations) {

        public static Loaded empty() {
            return new Loaded(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
        }
    }

    /**
     * Active holds, promises that may still pause contact, opt-outs of these borrowers or these addresses, and
     * conversations since {@code conversationsSince}.
     */
    public Loaded load(Collection<String> borrowerIds, Collection<String> addressKeys, Instant now,
                       Instant conversationsSince) throws SQLException {
        Loaded out = Loaded.empty();
        if (borrowerIds.isEmpty() && addressKeys.isEmpty()) {
            return out;
        }
        try (Connection c = hub.getConnection()) {
            c.setReadOnly(true);
            forParts(borrowerIds, part -> query(c, "SELECT id, borrower_id, loan_id, kind, expires_at FROM legal_hold "
                    + "WHERE removed_at IS NULL AND (expires_at IS NULL OR expires_at > ?) AND borrower_id IN (" + marks(part) + ")",
                    params(ts(now), part), rs -> out.holds().computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                            .add(new Standing.Hold(rs.getString(1), rs.getString(3), rs.getString(4), instant(rs, 5), "hub"))));
            // A promise pauses contact until its date plus the grace days; older ones are history.
            forParts(borrowerIds, part -> query(c, "SELECT id, borrower_id, loan_id, promised_date FROM payment_promise "
                    + "WHERE removed_at IS NULL AND promised_date >= ? AND borrower_id IN (" + marks(part) + ")",
                    params(Date.valueOf(now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(60)), part),
                    rs -> out.promises().computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                            .add(new Standing.Promise(rs.getString(1), rs.getString(3), rs.getDate(4).toLocalDate(), "hub #" + rs.getString(1)))));
            forParts(borrowerIds, part -> query(c, "SELECT id, borrower_id, channel, source FROM opt_out "
                    + "WHERE removed_at IS NULL AND address_hash IS NULL AND borrower_id IN (" + marks(part) + ")",
                    params(null, part), rs -> out.borrowerOptOuts().computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                            .add(new Standing.OptOut(rs.getString(3), null, rs.getString(4) + " #" + rs.getString(1)))));
            forParts(addressKeys, part -> query(c, "SELECT id, address_hash, channel, source FROM opt_out "
                    + "WHERE removed_at IS NULL AND address_hash IN (" + marks(part) + ")",
                    params(null, part), rs -> out.addressOptOuts().computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                            .add(new Standing.OptOut(rs.getString(3), rs.getString(2), rs.getString(4) + " #" + rs.getString(1)))));
            forParts(borrowerIds, part -> query(c, "SELECT borrower_id, loan_id, audience, occurred_at, outcome FROM contact_outcome "
                    + "WHERE outcome IN (" + CONVERSATIONS + ", " + UNREACHED_CALLS + ") AND occurred_at > ? AND borrower_id IN ("
                    + marks(part) + ")",
                    params(ts(conversationsSince), part), rs -> out.conversations().computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Standing.Conversation(rs.getString(2), rs.getString(3), instant(rs, 4),
                                    CONVERSATIONS.contains("'" + rs.getString(5) + "'")))));
        }
        return out;
    }

    // ---- writes: holds -------------------------------------------------------------------------------------

    public long addHold(String borrowerId, String loanId, String kind, Instant expiresAt, String reason, String by,
                        Instant now) throws SQLException {
        try (Connection c = hub.getConnection()) {
            return addHold(c, borrowerId, loanId, kind, expiresAt, reason, by, now);
        }
    }

    /** {@link #addHold} within the caller's transaction (an outcome and the hold it raises are written together). */
    public static long addHold(Connection c, String borrowerId, String loanId, String kind, Instant expiresAt,
                               String reason, String by, Instant now) throws SQLException {
        return insert(c, "INSERT INTO legal_hold (borrower_id, loan_id, kind, expires_at, reason, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", borrowerId, loanId, kind, ts(expiresAt), clip(reason), by, ts(now));
    }

    /**
     * Holds of a borrower or loan (all when null): those in force at {@code now}, or with {@code all} also the ones
     * that expired or were lifted.
     */
    public List<HoldRow> holds(String borrowerId, String loanId, boolean all, Instant now) throws SQLException {
        List<HoldRow> rows = new ArrayList<>();
        select("SELECT id, borrower_id, loan_id, kind, expires_at, reason, created_by, created_at, removed_by, "
                + "removed_reason, removed_at FROM legal_hold", borrowerId, loanId, all,
                all ? null : "(expires_at IS NULL OR expires_at > ?)", all ? null : ts(now), rs -> rows.add(new HoldRow(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5), rs.getString(6),
                rs.getString(7), instant(rs, 8), rs.getString(9), rs.getString(10), instant(rs, 11))));
        return rows;
    }

    // ---- writes: promises ----------------------------------------------------------------------------------

    public long addPromise(String borrowerId, String loanId, LocalDate promisedDate, BigDecimal amount, String reason,
                           String by, Instant now) throws SQLException {
        try (Connection c = hub.getConnection()) {
            return addPromise(c, borrowerId, loanId, promisedDate, amount, reason, by, now);
        }
    }

    /** {@link #addPromise} within the caller's transaction. */
    public static long addPromise(Connection c, String borrowerId, String loanId, LocalDate promisedDate,
                                  BigDecimal amount, String reason, String by, Instant now) throws SQLException {
        return insert(c, "INSERT INTO payment_promise (borrower_id, loan_id, promised_date, amount, reason, created_by, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", borrowerId, loanId, Date.valueOf(promisedDate), amount,
                clip(reason), by, ts(now));
    }

    public List<PromiseRow> promises(String borrowerId, String loanId, boolean withRemoved) throws SQLException {
        List<PromiseRow> rows = new ArrayList<>();
        select("SELECT id, borrower_id, loan_id, promised_date, amount, reason, created_by, created_at, removed_by, "
                + "removed_reason, removed_at FROM payment_promise", borrowerId, loanId, withRemoved, null, null,
                rs -> rows.add(new PromiseRow(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getBigDecimal(5),
                rs.getString(6), rs.getString(7), instant(rs, 8), rs.getString(9), rs.getString(10), instant(rs, 11))));
        return rows;
    }

    // ---- writes: opt-outs ----------------------------------------------------------------------------------

    public long addOptOut(String borrowerId, String channel, String addressHash, String addressMasked, String source,
                          String reason, String by, Instant now) throws SQLException {
        try (Connection c = hub.getConnection()) {
            return addOptOut(c, borrowerId, channel, addressHash, addressMasked, source, reason, by, now);
        }
    }

    /** {@link #addOptOut} within the caller's transaction. */
    public static long addOptOut(Connection c, String borrowerId, String channel, String addressHash,
                                 String addressMasked, String source, String reason, String by, Instant now)
            throws SQLException {
        return insert(c, "INSERT INTO opt_out (borrower_id, channel, address_hash, address_masked, source, reason, created_by, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", borrowerId, channel, addressHash, addressMasked, source,
                clip(reason), by, ts(now));
    }

    public List<OptOutRow> optOuts(String borrowerId, String addressHash, boolean withRemoved) throws SQLException {
        List<OptOutRow> rows = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT id, borrower_id, channel, address_hash, address_masked, source, "
                + "reason, created_by, created_at, removed_by, removed_reason, removed_at FROM opt_out WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (borrowerId != null) {
            sql.append(" AND borrower_id = ?");
            params.add(borrowerId);
        }
        if (addressHash != null) {
            sql.append(" AND address_hash = ?");
            params.add(addressHash);
        }
        if (!withRemoved) {
            sql.append(" AND removed_at IS NULL");
        }
        sql.append(" ORDER BY id");
        try (Connection c = hub.getConnection()) {
            query(c, sql.toString(), params, rs -> rows.add(new OptOutRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9),
                    rs.getString(10), rs.getString(11), instant(rs, 12))));
        }
        return rows;
    }

    // ---- contact outcomes ----------------------------------------------------------------------------------

    /** The outcomes in which someone spoke with the person: each starts the cool-down after a conversation. */
    static final String CONVERSATIONS = java.util.Arrays.stream(io.dunninghub.ledger.OutcomeKind.values())
            .filter(io.dunninghub.ledger.OutcomeKind::reachedPerson).map(k -> "'" + k.name() + "'")
            .collect(java.util.stream.Collectors.joining(", "));
    /** Call results that say the call did not reach the person: the connected-calls cap stops counting that task. */
    static final String UNREACHED_CALLS = "'NO_ANSWER', 'BUSY', 'VOICEMAIL', 'WRONG_NUMBER'";

    /** Records what came of a contact; {@code CONVERSATION} starts the policy's cool-down for that person. */
    public long recordOutcome(String borrowerId, String loanId, String audience, String channel, String outcome,
                              Instant occurredAt, String by, String note) throws SQLException {
        return insert("INSERT INTO contact_outcome (borrower_id, loan_id, audience, channel, outcome, occurred_at, "
                + "recorded_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", borrowerId, loanId, audience, channel, outcome,
                ts(occurredAt), by, clip(note));
    }

    /** Marks a hold, promise or opt-out removed (the row stays); false when there was no such active row. */
    public boolean remove(String table, long id, String by, String reason, Instant now) throws SQLException {
        if (!List.of("legal_hold", "payment_promise", "opt_out").contains(table)) {
            throw new IllegalArgumentException(table);
        }
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET removed_by = ?, removed_reason = ?, removed_at = ? WHERE id = ? AND removed_at IS NULL")) {
            ps.setString(1, by);
            ps.setString(2, clip(reason));
            ps.setObject(3, ts(now));
            ps.setLong(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface PartQuery {
        void run(List<String> part) throws SQLException;
    }

    private static void forParts(Collection<String> ids, PartQuery q) throws SQLException {
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += IN_LIST) {
            q.run(all.subList(from, Math.min(all.size(), from + IN_LIST)));
        }
    }

    private static String marks(List<String> part) {
        return String.join(", ", Collections.nCopies(part.size(), "?"));
    }

    private static List<Object> params(Object first, List<String> rest) {
        List<Object> p = new ArrayList<>();
        if (first != null) {
            p.add(first);
        }
        p.addAll(rest);
        return p;
    }

    private static void query(Connection c, String sql, List<Object> params, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    private void select(String base, String borrowerId, String loanId, boolean withRemoved, String condition,
                        Object conditionValue, RowReader reader) throws SQLException {
        StringBuilder sql = new StringBuilder(base).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (borrowerId != null) {
            sql.append(" AND borrower_id = ?");
            params.add(borrowerId);
        }
        if (loanId != null) {
            sql.append(" AND loan_id = ?");
            params.add(loanId);
        }
        if (!withRemoved) {
            sql.append(" AND removed_at IS NULL");
        }
        if (condition != null) {
            sql.append(" AND ").append(condition);
            params.add(conditionValue);
        }
        sql.append(" ORDER BY id");
        try (Connection c = hub.getConnection()) {
            query(c, sql.toString(), params, reader);
        }
    }

    /**
     * The active opt-out of this address on this channel (or on every channel), if there is one: an inbound STOP
     * delivered again finds the opt-out it made the first time.
     */
    public static java.util.Optional<Long> activeOptOut(Connection c, String channel, String addressHash)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM opt_out WHERE removed_at IS NULL "
                + "AND address_hash = ? AND (channel = ? OR channel IS NULL) ORDER BY id")) {
            ps.setString(1, addressHash);
            ps.setString(2, channel);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getLong(1)) : java.util.Optional.empty();
            }
        }
    }

    private long insert(String sql, Object... values) throws SQLException {
        try (Connection c = hub.getConnection()) {
            return insert(c, sql, values);
        }
    }

    private static long insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static String clip(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }

    /** For listings: a masked address, never the address. */
    public static String masked(String channel, String address) {
        return Mask.recipient(channel == null ? "sms" : channel, address);
    }
}
