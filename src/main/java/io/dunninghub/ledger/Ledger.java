package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The hub's source of truth. Every write is batched; planning is idempotent through the dedupe key;
 * claims take a lease with {@code FOR UPDATE SKIP LOCKED} so several instances never claim the same
 * notice, and a lease that expires (the holder died) makes the notice claimable again. On PostgreSQL,
 * {@link #plan} and {@link #record} write a chunk as one statement per table with each column bound as an
 * array; on H2 they send one statement per row in a JDBC batch. Both tell which rows counted the same way.
 */
public final class Ledger {

    private static final String INSERT_NOTICE = """
            INSERT INTO notice (id, dedupe_key, installment_id, loan_id, borrower_id, ladder_id, step_id, step_cycle,
                channel, audience, template, status, reason, not_before, next_attempt_at, attempts,
                planned_at, updated_at, debt, installment_ids)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String INSERT_EVENT = """
            INSERT INTO notice_event (notice_id, occurred_at, event_type, reason, provider, detail, instance_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    // PostgreSQL: a chunk in one statement each, arrays bound per column. RETURNING names the rows that were
    // new, which the batched form learns from its per-row counts (reWriteBatchedInserts would lose them).
    private static final String INSERT_NOTICES_BULK = """
            INSERT INTO notice (id, dedupe_key, installment_id, loan_id, borrower_id, ladder_id, step_id, step_cycle,
                channel, audience, template, status, reason, not_before, next_attempt_at, attempts,
                planned_at, updated_at, debt, installment_ids)
            SELECT r.id, r.dedupe_key, r.installment_id, r.loan_id, r.borrower_id, r.ladder_id, r.step_id, r.step_cycle,
                r.channel, r.audience, r.template, r.status, r.reason, r.not_before, r.not_before, 0, ?, ?,
                r.debt, r.installment_ids
            FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::int4[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::timestamptz[], ?::varchar[], ?::varchar[])
                AS r(id, dedupe_key, installment_id, loan_id, borrower_id, ladder_id, step_id, step_cycle,
                channel, audience, template, status, reason, not_before, debt, installment_ids)
            -- a key the archive holds is not inserted only to be taken back (dropArchived stays for the race)
            WHERE NOT EXISTS (SELECT 1 FROM notice_archive a WHERE a.dedupe_key = r.dedupe_key)
            ON CONFLICT DO NOTHING
            RETURNING dedupe_key""";
    private static final String INSERT_EVENTS_BULK = """
            INSERT INTO notice_event (notice_id, occurred_at, event_type, reason, provider, detail, instance_id)
            SELECT e.notice_id, ?, e.event_type, e.reason, e.provider, e.detail, ?
            FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])
                AS e(notice_id, event_type, reason, provider, detail)""";
    // H2: one statement per status, each read in order from ix_notice_status_due (status, next_attempt_at). A single
    // "(PLANNED or RETRY and due) or (CLAIMED and expired)" made PostgreSQL scan and sort every due notice on
    // every claim: 2.1 s per claim with 1.3 million notices due, so dispatch slowed as the backlog grew.
    private static final String SELECT_DUE_COLUMNS = """
            SELECT id, dedupe_key, installment_id, loan_id, borrower_id, step_id, step_cycle, channel, audience,
                   template, attempts, status, ladder_id, next_attempt_at, debt, installment_ids
            FROM notice
            """;
    private static final String SELECT_DUE = SELECT_DUE_COLUMNS + """
            WHERE status = ? AND next_attempt_at <= ?
            ORDER BY next_attempt_at
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";
    private static final String SELECT_LEASE_EXPIRED = SELECT_DUE_COLUMNS + """
            WHERE status = 'CLAIMED' AND lease_until < ?
            ORDER BY next_attempt_at
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";
    // PostgreSQL: a claim in one statement, the due notices read in order from the queue's partial index
    // (ix_notice_queue, V9); cleared_at is reset here, so a notice claimed again starts uncleared.
    private static final String CLAIM_COLUMNS = """
            RETURNING n.id, n.dedupe_key, n.installment_id, n.loan_id, n.borrower_id, n.step_id, n.step_cycle, n.channel,
                n.audience, n.template, n.attempts, d.was, n.ladder_id, n.next_attempt_at, n.debt, n.installment_ids""";
    private static final String CLAIM_DUE = """
            UPDATE notice n SET status = 'CLAIMED', lease_owner = ?, lease_until = ?, updated_at = ?, cleared_at = NULL
            FROM (SELECT id, status AS was FROM notice
                  WHERE status IN ('PLANNED', 'RETRY') AND next_attempt_at <= ?
                  ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) d
            WHERE n.id = d.id
            """ + CLAIM_COLUMNS;
    // the holders of these leases died: read from the partial index of claimed notices by lease_until (V9)
    private static final String CLAIM_EXPIRED = """
            UPDATE notice n SET lease_owner = ?, lease_until = ?, updated_at = ?, cleared_at = NULL
            FROM (SELECT id, status AS was FROM notice
                  WHERE status = 'CLAIMED' AND lease_until < ?
                  ORDER BY lease_until LIMIT ? FOR UPDATE SKIP LOCKED) d
            WHERE n.id = d.id
            """ + CLAIM_COLUMNS;
    private static final String TAKE_LEASE = "UPDATE notice SET status = 'CLAIMED', lease_owner = ?, lease_until = ?, "
            + "updated_at = ?, cleared_at = NULL WHERE id = ?";
    private static final String RECORD = """
            UPDATE notice SET status = ?, reason = ?, last_error = ?, provider = COALESCE(?, provider),
                provider_message_id = COALESCE(?, provider_message_id),
                recipient_masked = COALESCE(?, recipient_masked), segments = COALESCE(?, segments),
                attempts = attempts + ?,
                next_attempt_at = COALESCE(?, next_attempt_at), lease_owner = NULL, lease_until = NULL, updated_at = ?,
                sent_at = CASE WHEN CAST(? AS VARCHAR(16)) = 'SENT' THEN CAST(? AS TIMESTAMP WITH TIME ZONE) ELSE sent_at END
            WHERE id = ? AND status = 'CLAIMED' AND lease_owner = ?""";
    // PostgreSQL: a batch's outcomes in one statement; RETURNING names the notices this instance still held.
    // The status test is wrapped (COALESCE) so it cannot use an index on status (ix_notice_status_due before V9,
    // ix_notice_claimed since): there PostgreSQL read every CLAIMED entry, dead ones too, slower with every batch; now each
    // notice is found by its primary key as the row-at-a-time UPDATE does (or a small table is read whole).
    private static final String RECORD_BULK = """
            UPDATE notice n SET status = r.status, reason = r.reason, last_error = r.last_error,
                provider = COALESCE(r.provider, n.provider),
                provider_message_id = COALESCE(r.provider_message_id, n.provider_message_id),
                recipient_masked = COALESCE(r.recipient_masked, n.recipient_masked),
                segments = COALESCE(r.segments, n.segments), attempts = n.attempts + r.attempted,
                next_attempt_at = COALESCE(r.next_attempt_at, n.next_attempt_at), lease_owner = NULL,
                lease_until = NULL, updated_at = ?,
                sent_at = CASE WHEN r.status = 'SENT' THEN ?::timestamptz ELSE n.sent_at END
            FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::int4[], ?::int4[], ?::timestamptz[])
                AS r(id, status, reason, last_error, provider, provider_message_id, recipient_masked, segments,
                attempted, next_attempt_at)
            WHERE n.id = r.id AND COALESCE(n.status = 'CLAIMED' AND n.lease_owner = ?, false)
            RETURNING n.id""";
    private static final String RELEASE = """
            UPDATE notice SET status = CASE WHEN attempts > 0 THEN 'RETRY' ELSE 'PLANNED' END,
                lease_owner = NULL, lease_until = NULL, updated_at = ?
            WHERE id = ? AND status = 'CLAIMED' AND lease_owner = ?""";

    private final DataSource hub;
    private final String instanceId;
    // When this instance last looked for notices whose holder died (business clock); null: not yet. The look is
    // made once per lease period, not on every claim: a dead holder's notices wait at most one more lease.
    private volatile Instant lastSweep;
    /** Whether writes go as one array-bound statement per table (PostgreSQL); null until the first write. */
    private volatile Boolean bulk;

    public Ledger(DataSource hub, String instanceId) {
        this.hub = hub;
        this.instanceId = instanceId;
    }

    /** For tests: the row-at-a-time batches (false) on PostgreSQL too, to compare what both paths store. */
    Ledger(DataSource hub, String instanceId, boolean bulk) {
        this(hub, instanceId);
        this.bulk = bulk;
    }

    public String instanceId() {
        return instanceId;
    }

    /**
     * Inserts the drafts that are not yet in the ledger and appends their PLANNED / DEFERRED / SUPPRESSED
     * events, in one transaction. Returns the drafts that were new; the rest already existed.
     */
    public List<NoticeDraft> plan(List<NoticeDraft> drafts, Instant now) throws SQLException {
        if (drafts.isEmpty()) {
            return List.of();
        }
        List<NoticeDraft> unique = new ArrayList<>(dedupe(drafts));
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (bulk(c)) {
                    List<NoticeDraft> inserted = planBulk(c, unique, now);
                    c.commit();
                    return inserted;
                }
                int[] counts;
                try (PreparedStatement ps = c.prepareStatement(INSERT_NOTICE)) {
                    for (NoticeDraft d : unique) {
                        int i = 1;
                        ps.setString(i++, d.noticeId());
                        ps.setString(i++, d.dedupeKey());
                        ps.setString(i++, d.installmentId());
                        ps.setString(i++, d.loanId());
                        ps.setString(i++, d.borrowerId());
                        ps.setString(i++, d.ladderId());
                        ps.setString(i++, d.stepId());
                        ps.setInt(i++, d.cycle());
                        ps.setString(i++, d.channel());
                        ps.setString(i++, d.audience());
                        ps.setString(i++, d.template());
                        ps.setString(i++, d.status().name());
                        ps.setString(i++, d.status() == NoticeStatus.SUPPRESSED ? d.reason() : d.deferredBy());
                        ps.setObject(i++, ts(d.notBefore()));
                        ps.setObject(i++, ts(d.notBefore()));
                        ps.setObject(i++, ts(now));
                        ps.setObject(i++, ts(now));
                        ps.setString(i++, d.scope().label());
                        ps.setString(i, d.storedInstallmentIds());
                        ps.addBatch();
                    }
                    counts = ps.executeBatch();
                }
                List<String> newKeys = new ArrayList<>();
                for (int k = 0; k < unique.size(); k++) {
                    if (counts[k] != 0) {
                        newKeys.add(unique.get(k).dedupeKey());
                    }
                }
                Set<String> archived = dropArchived(c, newKeys);
                List<NoticeDraft> inserted = new ArrayList<>();
                try (PreparedStatement ev = c.prepareStatement(INSERT_EVENT)) {
                    for (int k = 0; k < unique.size(); k++) {
                        if (counts[k] == 0 || archived.contains(unique.get(k).dedupeKey())) {
                            continue; // already planned earlier, by this or another instance
                        }
                        NoticeDraft d = unique.get(k);
                        inserted.add(d);
                        // a plain send keeps why it was planned (a catch-up, a fallback, a recall) on its PLANNED event
                        addEvent(ev, d.noticeId(), now, EventType.PLANNED, null, null, plannedDetail(d));
                        if (d.status() == NoticeStatus.SUPPRESSED) {
                            addEvent(ev, d.noticeId(), now, EventType.SUPPRESSED, d.reason(), null, d.detail());
                        } else if (d.deferredBy() != null) {
                            addEvent(ev, d.noticeId(), now, EventType.DEFERRED, d.deferredBy(), null,
                                    d.detail() == null ? "until " + d.notBefore() : d.detail());
                        }
                    }
                    ev.executeBatch();
                }
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private List<NoticeDraft> planBulk(Connection c, List<NoticeDraft> unique, Instant now) throws SQLException {
        int n = unique.size();
        String[][] text = new String[12][n];
        Integer[] cycles = new Integer[n];
        String[] notBefore = new String[n];
        String[] debts = new String[n];
        String[] covered = new String[n];
        for (int k = 0; k < n; k++) {
            NoticeDraft d = unique.get(k);
            String[] row = {d.noticeId(), d.dedupeKey(), d.installmentId(), d.loanId(), d.borrowerId(), d.ladderId(),
                    d.stepId(), d.channel(), d.audience(), d.template(), d.status().name(),
                    d.status() == NoticeStatus.SUPPRESSED ? d.reason() : d.deferredBy()};
            for (int col = 0; col < row.length; col++) {
                text[col][k] = row[col];
            }
            cycles[k] = d.cycle();
            notBefore[k] = timestampText(d.notBefore());
            debts[k] = d.scope().label();
            covered[k] = d.storedInstallmentIds();
        }
        Set<String> newKeys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_NOTICES_BULK)) {
            int i = 1;
            ps.setObject(i++, ts(now));
            ps.setObject(i++, ts(now));
            for (int col = 0; col < 7; col++) { // id … step_id
                ps.setArray(i++, c.createArrayOf("varchar", text[col]));
            }
            ps.setArray(i++, c.createArrayOf("int4", cycles));
            for (int col = 7; col < 12; col++) { // channel … reason
                ps.setArray(i++, c.createArrayOf("varchar", text[col]));
            }
            ps.setArray(i++, c.createArrayOf("varchar", notBefore));
            ps.setArray(i++, c.createArrayOf("varchar", debts));
            ps.setArray(i, c.createArrayOf("varchar", covered));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    newKeys.add(rs.getString(1));
                }
            }
        }
        newKeys.removeAll(dropArchived(c, newKeys));
        List<NoticeDraft> inserted = new ArrayList<>();
        EventRows events = new EventRows();
        for (NoticeDraft d : unique) {
            if (!newKeys.contains(d.dedupeKey())) {
                continue; // already planned earlier, by this or another instance
            }
            inserted.add(d);
            events.add(d.noticeId(), EventType.PLANNED, null, null, plannedDetail(d));
            if (d.status() == NoticeStatus.SUPPRESSED) {
                events.add(d.noticeId(), EventType.SUPPRESSED, d.reason(), null, d.detail());
            } else if (d.deferredBy() != null) {
                events.add(d.noticeId(), EventType.DEFERRED, d.deferredBy(), null,
                        d.detail() == null ? "until " + d.notBefore() : d.detail());
            }
        }
        events.insert(c, now);
        return inserted;
    }

    /**
     * Takes back the notices just inserted whose dedupe key the archive holds (planned and finished long ago), and
     * returns their keys. The insert's conflict check sees only the live table, and a check of the archive inside
     * the insert would read the snapshot the insert started with: an archive run committing meanwhile (the old
     * notice leaving {@code notice} for {@code notice_archive}) would let the key in twice. This is a second
     * statement of the same transaction, so it reads a fresh snapshot: a row the insert could add means the live
     * row with its key was gone when the insert ran, so its move had committed (on PostgreSQL the insert waits for
     * a move in progress; on H2 such a key counts as a conflict), and the archived row is visible here. Only the
     * keys that were new are looked up, one index probe each.
     */
    private static Set<String> dropArchived(Connection c, Collection<String> newKeys) throws SQLException {
        Set<String> archived = new HashSet<>();
        if (newKeys.isEmpty()) {
            return archived;
        }
        java.sql.Array keys = c.createArrayOf("varchar", newKeys.toArray(String[]::new));
        try (PreparedStatement ps = c.prepareStatement("SELECT dedupe_key FROM notice_archive WHERE dedupe_key = ANY(?)")) {
            ps.setArray(1, keys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    archived.add(rs.getString(1));
                }
            }
        }
        if (!archived.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM notice WHERE dedupe_key = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("varchar", archived.toArray(String[]::new)));
                ps.executeUpdate();
            }
        }
        return archived;
    }

    /** Event rows of one write, inserted on PostgreSQL as one statement; all share its instant and instance. */
    private final class EventRows {
        private final List<String[]> rows = new ArrayList<>();

        void add(String noticeId, EventType type, String reason, String provider, String detail) {
            rows.add(new String[] {noticeId, type.name(), reason, provider, clip(detail)});
        }

        void insert(Connection c, Instant at) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_EVENTS_BULK)) {
                ps.setObject(1, ts(at));
                ps.setString(2, instanceId);
                for (int col = 0; col < 5; col++) {
                    String[] values = new String[rows.size()];
                    for (int k = 0; k < values.length; k++) {
                        values[k] = rows.get(k)[col];
                    }
                    ps.setArray(3 + col, c.createArrayOf("varchar", values));
                }
                ps.executeUpdate();
            }
        }
    }

    /** Whether this ledger is PostgreSQL, read once from the first connection's metadata. */
    private boolean bulk(Connection c) throws SQLException {
        Boolean b = bulk;
        if (b == null) {
            b = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            bulk = b;
        }
        return b;
    }

    /**
     * A timestamp as text for a {@code timestamptz[]} array, stored exactly as pgjdbc stores the
     * {@link #ts} value bound alone: rounded to microseconds, 500 nanoseconds and more up. (PostgreSQL's
     * own parsing of longer fractions would round half to even.)
     */
    static String timestampText(Instant i) {
        Instant micros = i.getNano() % 1000 > 499 ? i.plusNanos(1000) : i;
        return ts(micros.truncatedTo(java.time.temporal.ChronoUnit.MICROS)).toString();
    }

    /**
     * Which of these dedupe keys the ledger already holds, live or archived (for preview, which writes nothing, the
     * caps' count of notices already planned, and the notices planned under their pre-V6 keys). One statement reads
     * both tables, so a notice being moved to the archive meanwhile is found in one of them.
     */
    public Set<String> existingDedupeKeys(Collection<String> keys) throws SQLException {
        Set<String> found = new HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<String> all = List.copyOf(keys);
        try (Connection c = hub.getConnection()) {
            for (int from = 0; from < all.size(); from += 500) {
                List<String> part = all.subList(from, Math.min(all.size(), from + 500));
                String in = " WHERE dedupe_key IN (" + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")";
                String sql = "SELECT dedupe_key FROM notice" + in + " UNION ALL SELECT dedupe_key FROM notice_archive" + in;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 1, part.get(i));
                        ps.setString(part.size() + i + 1, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Claims up to {@code limit} due notices for this instance with a lease of {@code lease}, the oldest due first.
     * Notices whose holder's lease expired are looked for once per lease period (and on this instance's first claim):
     * they are claimed again within two lease periods of their holder's death.
     */
    public List<ClaimedNotice> claimDue(Instant now, int limit, Duration lease) throws SQLException {
        Instant swept = lastSweep;
        boolean sweep = swept == null || !now.isBefore(swept.plus(lease)) || now.isBefore(swept);
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<ClaimedNotice> claimed = bulk(c) ? claimBulk(c, now, limit, lease, sweep) : claimBatched(c, now, limit, lease, sweep);
                c.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private List<ClaimedNotice> claimBulk(Connection c, Instant now, int limit, Duration lease, boolean sweep)
            throws SQLException {
        List<Due> due = new ArrayList<>();
        if (sweep) {
            try (PreparedStatement ps = c.prepareStatement(CLAIM_EXPIRED)) {
                bindClaim(ps, now, limit, lease);
                readDue(ps, due);
            }
            if (due.size() < limit) {
                lastSweep = now; // all found; another look in a lease period
            }
            EventRows events = new EventRows();
            due.forEach(d -> events.add(d.notice().id(), EventType.LEASE_EXPIRED, null, null, "reclaimed by " + instanceId));
            events.insert(c, now);
        }
        if (due.size() < limit) {
            try (PreparedStatement ps = c.prepareStatement(CLAIM_DUE)) {
                bindClaim(ps, now, limit - due.size(), lease);
                readDue(ps, due);
            }
        }
        due.sort(Comparator.comparing(Due::nextAttemptAt));
        List<ClaimedNotice> claimed = new ArrayList<>(due.size());
        due.forEach(d -> claimed.add(d.notice()));
        return claimed;
    }

    private void bindClaim(PreparedStatement ps, Instant now, int limit, Duration lease) throws SQLException {
        ps.setString(1, instanceId);
        ps.setObject(2, ts(now.plus(lease)));
        ps.setObject(3, ts(now));
        ps.setObject(4, ts(now));
        ps.setInt(5, limit);
    }

    /** H2: one indexed query per status, merged by next_attempt_at, then the leases taken row by row. */
    private List<ClaimedNotice> claimBatched(Connection c, Instant now, int limit, Duration lease, boolean sweep)
            throws SQLException {
        // The oldest due first, as one ordered query would give them: up to `limit` of each kind, merged.
        // Rows locked here but not taken stay as they are and are unlocked at commit.
        List<Due> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_DUE)) {
            for (String status : new String[] {"PLANNED", "RETRY"}) {
                ps.setString(1, status);
                ps.setObject(2, ts(now));
                ps.setInt(3, limit);
                readDue(ps, due);
            }
        }
        if (sweep) {
            int before = due.size();
            try (PreparedStatement ps = c.prepareStatement(SELECT_LEASE_EXPIRED)) {
                ps.setObject(1, ts(now));
                ps.setInt(2, limit);
                readDue(ps, due);
            }
            if (due.size() - before < limit) {
                lastSweep = now;
            }
        }
        due.sort(Comparator.comparing(Due::nextAttemptAt));
        List<ClaimedNotice> claimed = new ArrayList<>();
        for (Due d : due.subList(0, Math.min(limit, due.size()))) {
            claimed.add(d.notice());
        }
        if (!claimed.isEmpty()) {
            try (PreparedStatement up = c.prepareStatement(TAKE_LEASE);
                 PreparedStatement ev = c.prepareStatement(INSERT_EVENT)) {
                for (ClaimedNotice n : claimed) {
                    up.setString(1, instanceId);
                    up.setObject(2, ts(now.plus(lease)));
                    up.setObject(3, ts(now));
                    up.setString(4, n.id());
                    up.addBatch();
                    if (n.leaseWasExpired()) {
                        addEvent(ev, n.id(), now, EventType.LEASE_EXPIRED, null, null, "reclaimed by " + instanceId);
                    }
                }
                up.executeBatch();
                ev.executeBatch();
            }
        }
        return claimed;
    }

    private record Due(ClaimedNotice notice, OffsetDateTime nextAttemptAt) {
    }

    private static void readDue(PreparedStatement ps, List<Due> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new Due(new ClaimedNotice(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getInt(11),
                        "CLAIMED".equals(rs.getString(12)), rs.getString(13), NoticeScope.ofLabel(rs.getString(15)),
                        ClaimedNotice.covered(rs.getString(16), rs.getString(3))),
                        rs.getObject(14, OffsetDateTime.class)));
            }
        }
    }

    private static String plannedDetail(NoticeDraft d) {
        return d.status() == NoticeStatus.PLANNED && d.deferredBy() == null ? d.detail() : null;
    }

    /** The step of a notice that tells an agency a case it holds was paid or put on hold. */
    public static final String RECALL_STEP = "recall";

    /**
     * Cases handed to an agency (SENT agency notices) that have not been recalled yet, as notices: their debt, the
     * installments they covered and the ladder they came from. Read by the planning pass, which recalls the paid and
     * the held ones.
     */
    public List<ClaimedNotice> agencyCasesNotRecalled() throws SQLException {
        List<ClaimedNotice> cases = new ArrayList<>();
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_DUE_COLUMNS
                + "WHERE channel = 'agency' AND status = 'SENT' AND step_id <> ?")) {
            c.setReadOnly(true);
            ps.setString(1, RECALL_STEP);
            List<Due> rows = new ArrayList<>();
            readDue(ps, rows);
            rows.forEach(d -> cases.add(d.notice()));
        }
        Set<String> recalled = existingDedupeKeys(cases.stream().map(Ledger::recallKey).toList());
        return cases.stream().filter(n -> !recalled.contains(recallKey(n))).toList();
    }

    /** The dedupe key of the recall of an agency case: one per case. */
    public static String recallKey(ClaimedNotice handedOver) {
        return DedupeKey.of(handedOver.scope(), handedOver.scopeId(), RECALL_STEP, handedOver.channel(),
                handedOver.audience(), 0);
    }

    /**
     * Writes outcomes of claimed notices. Only rows this instance still holds are changed: if our lease
     * expired and another instance took the notice over, our late answer does not overwrite theirs.
     * Returns how many were written.
     */
    public int record(List<NoticeOutcome> outcomes, Instant now) throws SQLException {
        if (outcomes.isEmpty()) {
            return 0;
        }
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try {
                // Two outcomes for one notice: only the first counts, as row by row (UPDATE … FROM would pick one).
                if (bulk(c) && outcomes.stream().map(NoticeOutcome::noticeId).distinct().count() == outcomes.size()) {
                    int written = recordBulk(c, outcomes, now);
                    c.commit();
                    return written;
                }
                int[] counts;
                try (PreparedStatement ps = c.prepareStatement(RECORD)) {
                    for (NoticeOutcome o : outcomes) {
                        int i = 1;
                        ps.setString(i++, o.status().name());
                        ps.setString(i++, o.reason());
                        ps.setString(i++, o.status() == NoticeStatus.SENT ? null : clip(o.detail()));
                        ps.setString(i++, o.provider());
                        ps.setString(i++, o.providerMessageId());
                        ps.setString(i++, o.recipientMasked());
                        ps.setObject(i++, o.segments(), java.sql.Types.INTEGER);
                        ps.setInt(i++, o.attempted() ? 1 : 0);
                        ps.setObject(i++, o.nextAttemptAt() == null ? null : ts(o.nextAttemptAt()));
                        ps.setObject(i++, ts(now));
                        ps.setString(i++, o.status().name());
                        ps.setObject(i++, ts(now));
                        ps.setString(i++, o.noticeId());
                        ps.setString(i, instanceId);
                        ps.addBatch();
                    }
                    counts = ps.executeBatch();
                }
                int written = 0;
                List<NoticeOutcome> ours = new ArrayList<>();
                try (PreparedStatement ev = c.prepareStatement(INSERT_EVENT)) {
                    for (int k = 0; k < outcomes.size(); k++) {
                        if (counts[k] == 0) {
                            continue;
                        }
                        written++;
                        NoticeOutcome o = outcomes.get(k);
                        ours.add(o);
                        if (o.isHeld()) {
                            continue; // handed back unsent (provider at its rate limit): no event row
                        }
                        addEvent(ev, o.noticeId(), now, o.event().get(), o.reason(), o.provider(), outcomeDetail(o));
                    }
                    ev.executeBatch();
                }
                NoticeContents.insert(c, ours, now); // what was sent, in the transaction of its outcome
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private int recordBulk(Connection c, List<NoticeOutcome> outcomes, Instant now) throws SQLException {
        int n = outcomes.size();
        String[][] text = new String[7][n];
        Integer[] segments = new Integer[n];
        Integer[] attempted = new Integer[n];
        String[] nextAttemptAt = new String[n];
        for (int k = 0; k < n; k++) {
            NoticeOutcome o = outcomes.get(k);
            String[] row = {o.noticeId(), o.status().name(), o.reason(),
                    o.status() == NoticeStatus.SENT ? null : clip(o.detail()), o.provider(), o.providerMessageId(),
                    o.recipientMasked()};
            for (int col = 0; col < row.length; col++) {
                text[col][k] = row[col];
            }
            segments[k] = o.segments();
            attempted[k] = o.attempted() ? 1 : 0;
            nextAttemptAt[k] = o.nextAttemptAt() == null ? null : timestampText(o.nextAttemptAt());
        }
        Set<String> ours = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(RECORD_BULK)) {
            int i = 1;
            ps.setObject(i++, ts(now));
            ps.setObject(i++, ts(now));
            for (String[] column : text) {
                ps.setArray(i++, c.createArrayOf("varchar", column));
            }
            ps.setArray(i++, c.createArrayOf("int4", segments));
            ps.setArray(i++, c.createArrayOf("int4", attempted));
            ps.setArray(i++, c.createArrayOf("varchar", nextAttemptAt));
            ps.setString(i, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ours.add(rs.getString(1));
                }
            }
        }
        EventRows events = new EventRows();
        for (NoticeOutcome o : outcomes) {
            if (ours.contains(o.noticeId()) && !o.isHeld()) {
                events.add(o.noticeId(), o.event().get(), o.reason(), o.provider(), outcomeDetail(o));
            }
        }
        events.insert(c, now);
        NoticeContents.insert(c, outcomes.stream().filter(o -> ours.contains(o.noticeId())).toList(), now);
        return ours.size();
    }

    /** Hands claimed notices back unsent (shutdown): they become claimable again at once. */
    public int release(Collection<String> noticeIds, Instant now) throws SQLException {
        if (noticeIds.isEmpty()) {
            return 0;
        }
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE)) {
            for (String id : noticeIds) {
                ps.setObject(1, ts(now));
                ps.setString(2, id);
                ps.setString(3, instanceId);
                ps.addBatch();
            }
            int n = 0;
            for (int k : ps.executeBatch()) {
                n += Math.max(k, 0);
            }
            return n;
        }
    }

    /**
     * Extends this instance's leases on notices it claimed and has not recorded yet to {@code until}: a notice can
     * wait in the dispatch window longer than one lease when providers or the machine are slow, and another
     * instance must not take it over (and send it again) while its holder is alive. A notice no longer claimed by
     * this instance (recorded meanwhile, or taken over after a pause) is left as it is. Returns how many leases
     * were extended.
     */
    public int renewLeases(Collection<String> noticeIds, Instant until) throws SQLException {
        if (noticeIds.isEmpty()) {
            return 0;
        }
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE notice SET lease_until = ? WHERE id = ? AND status = 'CLAIMED' AND lease_owner = ?")) {
            for (String id : noticeIds) {
                ps.setObject(1, ts(until));
                ps.setString(2, id);
                ps.setString(3, instanceId);
                ps.addBatch();
            }
            int n = 0;
            for (int k : ps.executeBatch()) {
                n += Math.max(k, 0);
            }
            return n;
        }
    }

    /** Notice counts by status and channel, e.g. {@code {SENT={sms=12, email=9}}}. */
    public Map<String, Map<String, Integer>> countsByStatusAndChannel() throws SQLException {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        try (Connection c = hub.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, channel, COUNT(*) FROM notice GROUP BY status, channel ORDER BY status, channel")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3));
            }
        }
        return out;
    }

    private static String outcomeDetail(NoticeOutcome o) {
        String detail = o.detail();
        if (o.nextAttemptAt() != null && o.status() != NoticeStatus.SENT) {
            detail = (detail == null ? "" : detail + "; ") + "next attempt " + o.nextAttemptAt();
        }
        return detail;
    }

    private void addEvent(PreparedStatement ev, String noticeId, Instant at, EventType type, String reason,
                          String provider, String detail) throws SQLException {
        ev.setString(1, noticeId);
        ev.setObject(2, ts(at));
        ev.setString(3, type.name());
        ev.setString(4, reason);
        ev.setString(5, provider);
        ev.setString(6, clip(detail));
        ev.setString(7, instanceId);
        ev.addBatch();
    }

    private static Collection<NoticeDraft> dedupe(List<NoticeDraft> drafts) {
        Map<String, NoticeDraft> byKey = new LinkedHashMap<>();
        drafts.forEach(d -> byKey.putIfAbsent(d.dedupeKey(), d));
        return byKey.values();
    }

    private static String clip(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }

    static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
