package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The contacts the ledger says were made, as caps count them: every SENT event, plus notices another batch has
 * claimed and cleared for sending but not yet recorded. For dispatch, {@link #clearUnderLock} counts and marks
 * in one transaction holding a row lock per borrower, so two instances (or two batches) can never both take
 * the last contact a cap allows.
 */
public final class ContactLog {

    /** Caps look back 7 days; one more day covers the start of the borrower's local day in any zone. */
    public static final Duration LOOKBACK = Duration.ofDays(8);
    private static final int IN_LIST = 500;

    private final DataSource hub;
    private final String instanceId;

    public ContactLog(DataSource hub, String instanceId) {
        this.hub = hub;
        this.instanceId = instanceId;
    }

    /** Contacts of these borrowers since {@code now - LOOKBACK}, read without locking (planning, preview). */
    public Map<String, List<ContactAttempt>> attempts(Collection<String> borrowerIds, Instant now) throws SQLException {
        if (borrowerIds.isEmpty()) {
            return new HashMap<>();
        }
        try (Connection c = hub.getConnection()) {
            c.setReadOnly(true);
            return read(c, new TreeSet<>(borrowerIds), Set.of(), now);
        }
    }

    /**
     * Locks the borrowers of a claimed batch, reads their contacts (not counting the batch's own notices), lets
     * {@code decide} pick the notices to send now, and marks exactly those as cleared, all in one transaction.
     *
     * @param batch  notice ids of the batch, all claimed by this instance
     * @param decide contacts by borrower in, the ids of the notices cleared for sending now out
     * @return the ids cleared
     */
    public Set<String> clearUnderLock(Collection<String> borrowerIds, Collection<String> batch, Instant now,
                                      Function<Map<String, List<ContactAttempt>>, Set<String>> decide)
            throws SQLException {
        return clearUnderLock(borrowerIds, batch, now, true, decide);
    }

    /**
     * As {@link #clearUnderLock(Collection, Collection, Instant, Function)}; when the policy has no caps
     * ({@code counted} false) nothing is counted, locked or marked: {@code decide} gets no contacts, and no batch
     * can take a contact another one needed.
     */
    public Set<String> clearUnderLock(Collection<String> borrowerIds, Collection<String> batch, Instant now,
                                      boolean counted, Function<Map<String, List<ContactAttempt>>, Set<String>> decide)
            throws SQLException {
        if (!counted) {
            return decide.apply(new HashMap<>());
        }
        TreeSet<String> borrowers = new TreeSet<>(borrowerIds); // one order everywhere: no lock cycles
        try (Connection c = hub.getConnection()) {
            boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            if (postgres) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO borrower_lock (borrower_id) "
                        + "SELECT unnest(?::varchar[]) ON CONFLICT DO NOTHING")) {
                    ps.setArray(1, c.createArrayOf("varchar", borrowers.toArray()));
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO borrower_lock (borrower_id) VALUES (?) ON CONFLICT DO NOTHING")) {
                    for (String b : borrowers) {
                        ps.setString(1, b);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            c.setAutoCommit(false);
            try {
                if (postgres) {
                    // one statement for the batch's locks, taken in borrower order
                    try (PreparedStatement ps = c.prepareStatement("SELECT borrower_id FROM borrower_lock "
                            + "WHERE borrower_id = ANY (?::varchar[]) ORDER BY borrower_id FOR UPDATE")) {
                        ps.setArray(1, c.createArrayOf("varchar", borrowers.toArray()));
                        drain(ps);
                    }
                } else {
                    List<String> all = List.copyOf(borrowers);
                    for (int from = 0; from < all.size(); from += IN_LIST) {
                        List<String> part = all.subList(from, Math.min(all.size(), from + IN_LIST));
                        try (PreparedStatement ps = c.prepareStatement("SELECT borrower_id FROM borrower_lock WHERE borrower_id IN ("
                                + marks(part.size()) + ") ORDER BY borrower_id FOR UPDATE")) {
                            bind(ps, 1, part);
                            drain(ps);
                        }
                    }
                }
                Set<String> cleared = decide.apply(read(c, borrowers, Set.copyOf(batch), now));
                // the claim reset cleared_at: only the notices cleared now are marked
                if (!cleared.isEmpty()) {
                    if (postgres) {
                        try (PreparedStatement ps = c.prepareStatement("UPDATE notice SET cleared_at = ? "
                                + "WHERE id = ANY (?::varchar[]) AND status = 'CLAIMED' AND lease_owner = ?")) {
                            ps.setObject(1, Ledger.ts(now));
                            ps.setArray(2, c.createArrayOf("varchar", cleared.toArray()));
                            ps.setString(3, instanceId);
                            ps.executeUpdate();
                        }
                    } else {
                        try (PreparedStatement ps = c.prepareStatement(
                                "UPDATE notice SET cleared_at = ? WHERE id = ? AND status = 'CLAIMED' AND lease_owner = ?")) {
                            for (String id : cleared) {
                                ps.setObject(1, Ledger.ts(now));
                                ps.setString(2, id);
                                ps.setString(3, instanceId);
                                ps.addBatch();
                            }
                            ps.executeBatch();
                        }
                    }
                }
                c.commit();
                return cleared;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void drain(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                // locked
            }
        }
    }

    private static Map<String, List<ContactAttempt>> read(Connection c, Collection<String> borrowers,
                                                            Set<String> exclude, Instant now) throws SQLException {
        Map<String, List<ContactAttempt>> out = new HashMap<>();
        Instant since = now.minus(LOOKBACK);
        List<String> all = List.copyOf(borrowers);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IN_LIST));
            // sent_at (V9) is when the notice was SENT: one range of ix_notice_borrower_sent per borrower, no join
            try (PreparedStatement ps = c.prepareStatement("SELECT id, borrower_id, loan_id, channel, audience, sent_at "
                    + "FROM notice WHERE sent_at > ? AND borrower_id IN (" + marks(part.size()) + ")")) {
                ps.setObject(1, Ledger.ts(since));
                bind(ps, 2, part);
                collect(ps, out, Set.of());
            }
            // Cleared by another batch and not recorded yet: being sent right now.
            try (PreparedStatement ps = c.prepareStatement("SELECT id, borrower_id, loan_id, channel, audience, cleared_at "
                    + "FROM notice WHERE status = 'CLAIMED' AND cleared_at IS NOT NULL AND lease_until > ? "
                    + "AND borrower_id IN (" + marks(part.size()) + ")")) {
                ps.setObject(1, Ledger.ts(now));
                bind(ps, 2, part);
                collect(ps, out, exclude);
            }
        }
        return out;
    }

    private static void collect(PreparedStatement ps, Map<String, List<ContactAttempt>> out, Set<String> exclude)
            throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (exclude.contains(rs.getString(1))) {
                    continue;
                }
                out.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new ContactAttempt(rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()));
            }
        }
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement ps, int first, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(first + i, values.get(i));
        }
    }
}
