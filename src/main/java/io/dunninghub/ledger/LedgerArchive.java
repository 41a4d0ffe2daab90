package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Moves finished notices out of the hot tables: every notice whose status is final (SENT, FAILED, DEAD,
 * SUPPRESSED, CANCELLED) and whose last change ({@code updated_at}) is before a cutoff goes, with all its events,
 * to {@code notice_archive} and {@code notice_event_archive} (migration V10), so {@code notice} and
 * {@code notice_event} hold only recent and unfinished notices however long the hub runs. A PLANNED, CLAIMED or
 * RETRY notice never moves, nor an agency case that has not been recalled (the planner reads the cases it may
 * recall in the live ledger).
 *
 * <p>In batches, one transaction each: the batch is picked in the order of last change with
 * {@code FOR UPDATE SKIP LOCKED} (on PostgreSQL from the partial index {@code ix_notice_final}), so several
 * instances can archive at once, each taking rows the others do not hold, and a notice another transaction is
 * changing (a receipt, a replay, an erasure) is left for the next run instead of waited for. Each row is deleted
 * and written to the archive by one statement ({@code DELETE … RETURNING} on PostgreSQL, H2's
 * {@code OLD TABLE (DELETE …)}), so what reaches the archive is the row as the delete found it, after any writer
 * that held it committed. Stopping between batches leaves nothing half-moved; running again moves what is left,
 * and nothing more once all is moved.
 *
 * <p>What stays where it is, keyed by notice id and read by id: {@code notice_content} (what was sent),
 * {@code receipt}, {@code contact_outcome} and {@code contact_feedback} (their {@code notice_id}); {@code borrower_lock}
 * holds no notice. Readers that must see archived notices read the views {@code notice_all} and
 * {@code notice_event_all}.
 */
public final class LedgerArchive {

    static final String FINAL = "'SENT', 'FAILED', 'DEAD', 'SUPPRESSED', 'CANCELLED'";
    static final String NOTICE_COLUMNS = "id, dedupe_key, installment_id, loan_id, borrower_id, ladder_id, step_id, "
            + "step_cycle, channel, audience, template, status, reason, not_before, next_attempt_at, attempts, lease_owner, "
            + "lease_until, provider, provider_message_id, recipient_masked, last_error, planned_at, updated_at, cleared_at, "
            + "segments, delivery_status, delivery_reason, delivery_at, debt, installment_ids, sent_at";
    static final String EVENT_COLUMNS = "id, notice_id, occurred_at, event_type, reason, provider, detail, instance_id";

    /** The dedupe key of the recall of agency case {@code n} ({@link Ledger#recallKey}), in SQL. */
    static final String RECALL_KEY = "CASE n.debt WHEN 'loan' THEN 'loan/' || n.loan_id "
            + "WHEN 'borrower' THEN 'borrower/' || n.borrower_id ELSE n.installment_id END "
            + "|| ':" + Ledger.RECALL_STEP + ":' || n.channel || ':' || n.audience || ':0'";
    // an agency case not recalled yet: the planner recalls it when it is paid or held, reading it in the live ledger
    private static final String OPEN_AGENCY_CASE = "n.channel = 'agency' AND n.status = 'SENT' AND n.step_id <> '"
            + Ledger.RECALL_STEP + "' AND NOT EXISTS (SELECT 1 FROM notice r WHERE r.dedupe_key = " + RECALL_KEY
            + ") AND NOT EXISTS (SELECT 1 FROM notice_archive r WHERE r.dedupe_key = " + RECALL_KEY + ")";
    private static final String DUE = "n.status IN (" + FINAL + ") AND n.updated_at < ? AND NOT (" + OPEN_AGENCY_CASE + ")";

    /**
     * What a run moved.
     *
     * @param batches the transactions that moved something
     * @param elapsed wall time of the run
     */
    public record Result(long notices, long events, int batches, Duration elapsed) {

        public static final Result NONE = new Result(0, 0, 0, Duration.ZERO);

        /** Notices moved per second of the run. */
        public double rate() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : notices / seconds;
        }

        /** {@code 12,000 notices with 31,200 events in 3 batches, 4.1 s (2,927 notices/s)}. */
        public String summary() {
            return String.format(Locale.ROOT, "%,d notices with %,d events in %,d batch%s, %.1f s (%,.0f notices/s)",
                    notices, events, batches, batches == 1 ? "" : "es", elapsed.toMillis() / 1e3, rate());
        }
    }

    /** What a run at this cutoff would move (a dry run). */
    public record Pending(long notices, long events) {
    }

    /** Called after every batch with what the run has moved so far. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = soFar -> { };

        void moved(Result soFar);
    }

    private final DataSource hub;
    private final Clock clock;

    /** @param clock stamps {@code archived_at} */
    public LedgerArchive(DataSource hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    /**
     * Moves every finished notice last changed before {@code cutoff}, with its events, in batches of
     * {@code batchSize} notices, one transaction each, calling {@code progress} after each.
     */
    public Result archive(Instant cutoff, int batchSize, Progress progress) throws SQLException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        long started = System.nanoTime();
        long notices = 0;
        long events = 0;
        int batches = 0;
        Position after = null;
        while (true) {
            Batch b = moveBatch(cutoff, batchSize, after);
            if (b.notices() > 0) {
                notices += b.notices();
                events += b.events();
                batches++;
                progress.moved(new Result(notices, events, batches, Duration.ofNanos(System.nanoTime() - started)));
            }
            // fewer than a batch found: nothing is left after this position (rows held by others wait for the next run)
            if (b.picked() < batchSize) {
                break;
            }
            after = b.last();
        }
        return new Result(notices, events, batches, Duration.ofNanos(System.nanoTime() - started));
    }

    /** What {@link #archive} at this cutoff would move now. */
    public Pending pending(Instant cutoff) throws SQLException {
        try (Connection c = hub.getConnection()) {
            c.setReadOnly(true);
            return new Pending(count(c, "SELECT COUNT(*) FROM notice n WHERE " + DUE, cutoff),
                    count(c, "SELECT COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id WHERE " + DUE, cutoff));
        }
    }

    /** How many notices the archive holds; {@code estimated}: PostgreSQL's statistics, not a count. */
    public record Size(long notices, boolean estimated) {
    }

    /**
     * How many notices the archive holds. On PostgreSQL once the table is large (a million rows and more by its
     * statistics) the statistics' estimate, as counting hundreds of millions of rows would take minutes.
     */
    public Size archivedNotices() throws SQLException {
        try (Connection c = hub.getConnection()) {
            if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                try (PreparedStatement ps = c.prepareStatement("SELECT reltuples::bigint FROM pg_class "
                        + "WHERE oid = 'notice_archive'::regclass"); ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) >= 1_000_000) {
                        return new Size(rs.getLong(1), true);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM notice_archive");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Size(rs.getLong(1), false);
            }
        }
    }

    /** Where a run has got to in the order of last change: the next batch starts after it. */
    record Position(OffsetDateTime updatedAt, String id) {
    }

    record Batch(int picked, long notices, long events, Position last) {
    }

    private Batch moveBatch(Instant cutoff, int batchSize, Position after) throws SQLException {
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try {
                Batch b = move(c, cutoff, batchSize, after);
                c.commit();
                return b;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** One batch's work in the caller's transaction, which commits it (tests hold it open to race it). */
    Batch move(Connection c, Instant cutoff, int batchSize, Position after) throws SQLException {
        boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        List<String> ids = new ArrayList<>();
        Position last = null;
        // the keyset (updated_at, id) walks past rows this run leaves (open agency cases, locked rows) once
        String sql = "SELECT n.id, n.updated_at FROM notice n WHERE " + DUE
                + (after == null ? "" : " AND (n.updated_at > ? OR (n.updated_at = ? AND n.id > ?))")
                + " ORDER BY n.updated_at, n.id LIMIT ? FOR UPDATE SKIP LOCKED";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, Ledger.ts(cutoff));
            if (after != null) {
                ps.setObject(i++, after.updatedAt());
                ps.setObject(i++, after.updatedAt());
                ps.setString(i++, after.id());
            }
            ps.setInt(i, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    last = new Position(rs.getObject(2, OffsetDateTime.class), rs.getString(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return new Batch(0, 0, 0, after);
        }
        java.sql.Array idArray = c.createArrayOf("varchar", ids.toArray(String[]::new));
        OffsetDateTime archivedAt = Ledger.ts(clock.instant());
        long notices;
        long events;
        if (postgres) {
            notices = update(c, "WITH moved AS (DELETE FROM notice WHERE id = ANY(?) RETURNING " + NOTICE_COLUMNS
                    + ") INSERT INTO notice_archive (" + NOTICE_COLUMNS + ", archived_at) SELECT " + NOTICE_COLUMNS
                    + ", ? FROM moved", idArray, archivedAt);
            events = update(c, "WITH moved AS (DELETE FROM notice_event WHERE notice_id = ANY(?) RETURNING "
                    + EVENT_COLUMNS + ") INSERT INTO notice_event_archive (" + EVENT_COLUMNS + ") SELECT "
                    + EVENT_COLUMNS + " FROM moved", idArray, null);
        } else {
            notices = update(c, "INSERT INTO notice_archive (" + NOTICE_COLUMNS + ", archived_at) SELECT "
                    + NOTICE_COLUMNS + ", CAST(? AS TIMESTAMP WITH TIME ZONE) FROM OLD TABLE (DELETE FROM notice "
                    + "WHERE id = ANY(?))", archivedAt, idArray);
            events = update(c, "INSERT INTO notice_event_archive (" + EVENT_COLUMNS + ") SELECT " + EVENT_COLUMNS
                    + " FROM OLD TABLE (DELETE FROM notice_event WHERE notice_id = ANY(?))", idArray, null);
        }
        return new Batch(ids.size(), notices, events, last);
    }

    private static long update(Connection c, String sql, Object first, Object second) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, first);
            if (second != null) {
                bind(ps, 2, second);
            }
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, int i, Object value) throws SQLException {
        if (value instanceof java.sql.Array a) {
            ps.setArray(i, a);
        } else {
            ps.setObject(i, value);
        }
    }

    private static long count(Connection c, String sql, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, Ledger.ts(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
