package io.dunninghub.receipt;

import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.contact.ContactFeedbackStore;
import io.dunninghub.metrics.HubMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes receipts into the ledger. Each report is stored once ({@code receipt}, unique per source and event
 * key): a callback delivered twice, or replayed, changes nothing the second time. A final report sets the
 * notice's {@code delivery_status} only if it has none yet (the first final word sticks, so late progress
 * reports or a contradicting duplicate are ignored) and appends a DELIVERED or UNDELIVERED event. A report
 * about a notice the ledger does not know yet (the callback beat the SENT record) is matched later by
 * {@link #matchLate}.
 */
public final class ReceiptBook {

    /** How long an unmatched report is looked at again before it is left alone. */
    static final Duration MATCH_WINDOW = Duration.ofDays(1);

    private static final String INSERT_RECEIPT = """
            INSERT INTO receipt (source, event_key, provider_message_id, notice_id, provider_status, outcome, reason,
                feedback, address_hash, received_at, matched_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String BY_ID = "SELECT id, borrower_id, channel, provider FROM notice WHERE id = ?";
    private static final String BY_MESSAGE_ID =
            "SELECT id, borrower_id, channel, provider FROM notice WHERE provider_message_id = ? LIMIT 2";
    private static final String SET_DELIVERY = """
            UPDATE notice SET delivery_status = ?, delivery_reason = ?, delivery_at = ?
            WHERE id = ? AND delivery_status IS NULL""";
    private static final String INSERT_EVENT = """
            INSERT INTO notice_event (notice_id, occurred_at, event_type, reason, provider, detail, instance_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /** What one batch of reports did. */
    public record Applied(int received, int duplicates, int applied, int unmatched) {
    }

    private record Match(String id, String borrowerId, String channel, String provider) {
    }

    private final DataSource hub;
    private final String instanceId;
    private final HubMetrics metrics;

    /** @param metrics where applied final receipts are counted, once committed */
    public ReceiptBook(DataSource hub, String instanceId, HubMetrics metrics) {
        this.hub = hub;
        this.instanceId = instanceId;
        this.metrics = metrics;
    }

    public Applied apply(List<Receipt> receipts, Instant now) throws SQLException {
        int duplicates = 0;
        int applied = 0;
        int unmatched = 0;
        List<Runnable> counted = new ArrayList<>();
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Receipt r : receipts) {
                    Match m = resolve(c, r.noticeId(), r.providerMessageId());
                    ContactFeedback.Reason feedback = m == null ? null : ContactFeedback.forReason(m.channel(), r.reason());
                    int inserted;
                    try (PreparedStatement ps = c.prepareStatement(INSERT_RECEIPT)) {
                        int i = 1;
                        ps.setString(i++, r.source());
                        ps.setString(i++, clip(r.eventKey(), 300));
                        ps.setString(i++, clip(r.providerMessageId(), 300));
                        ps.setString(i++, m != null ? m.id() : clip(r.noticeId(), 36));
                        ps.setString(i++, clip(r.providerStatus(), 64));
                        ps.setString(i++, r.outcome() == null ? null : r.outcome().name());
                        ps.setString(i++, clip(r.reason(), 64));
                        ps.setString(i++, feedback == null ? null : feedback.name());
                        ps.setString(i++, r.addressHash());
                        ps.setObject(i++, ts(now));
                        ps.setObject(i, m == null ? null : ts(now));
                        inserted = ps.executeUpdate();
                    }
                    if (inserted == 0) {
                        duplicates++;
                    } else if (m == null) {
                        unmatched++;
                    } else if (applyToNotice(c, r, m, now)) {
                        applied++;
                        counted.add(count(r, m));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        counted.forEach(Runnable::run);
        return new Applied(receipts.size(), duplicates, applied, unmatched);
    }

    /** Applies stored reports that named a notice the ledger did not know when they arrived. */
    public int matchLate(Instant now) throws SQLException {
        int applied = 0;
        List<Runnable> counted = new ArrayList<>();
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Object[]> pending = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT id, source, event_key, provider_message_id, notice_id, provider_status, outcome, reason, address_hash
                        FROM receipt WHERE matched_at IS NULL AND received_at > ? ORDER BY id LIMIT 500""")) {
                    ps.setObject(1, ts(now.minus(MATCH_WINDOW)));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            pending.add(new Object[] {rs.getLong(1), new Receipt(rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getString(5), rs.getString(6),
                                    rs.getString(7) == null ? null : Receipt.Outcome.valueOf(rs.getString(7)),
                                    rs.getString(8), rs.getString(9))});
                        }
                    }
                }
                for (Object[] p : pending) {
                    Receipt r = (Receipt) p[1];
                    Match m = resolve(c, r.noticeId(), r.providerMessageId());
                    if (m == null) {
                        continue;
                    }
                    ContactFeedback.Reason feedback = ContactFeedback.forReason(m.channel(), r.reason());
                    try (PreparedStatement up = c.prepareStatement(
                            "UPDATE receipt SET matched_at = ?, notice_id = ?, feedback = ? WHERE id = ? AND matched_at IS NULL")) {
                        up.setObject(1, ts(now));
                        up.setString(2, m.id());
                        up.setString(3, feedback == null ? null : feedback.name());
                        up.setLong(4, (Long) p[0]);
                        if (up.executeUpdate() == 0) {
                            continue; // another instance matched it meanwhile
                        }
                    }
                    if (applyToNotice(c, r, m, now)) {
                        applied++;
                        counted.add(count(r, m));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        counted.forEach(Runnable::run);
        return applied;
    }

    private Runnable count(Receipt r, Match m) {
        return () -> metrics.noticeReceipt(m.channel(), m.provider(), r.outcome().name(), r.reason());
    }

    private boolean applyToNotice(Connection c, Receipt r, Match m, Instant now) throws SQLException {
        if (r.outcome() == null) {
            return false; // progress only (queued, sent, in transit)
        }
        try (PreparedStatement up = c.prepareStatement(SET_DELIVERY)) {
            up.setString(1, r.outcome().name());
            up.setString(2, clip(r.reason(), 64));
            up.setObject(3, ts(now));
            up.setString(4, m.id());
            if (up.executeUpdate() == 0) {
                return false; // already has its final word
            }
        }
        try (PreparedStatement ev = c.prepareStatement(INSERT_EVENT)) {
            ev.setString(1, m.id());
            ev.setObject(2, ts(now));
            ev.setString(3, r.outcome().name());
            ev.setString(4, clip(r.reason(), 64));
            ev.setString(5, m.provider());
            ev.setString(6, clip("receipt from " + r.source() + ": " + r.providerStatus(), 500));
            ev.setString(7, instanceId);
            ev.executeUpdate();
        }
        ContactFeedback.Reason feedback = ContactFeedback.forReason(m.channel(), r.reason());
        if (feedback != null && r.addressHash() != null) {
            ContactFeedbackStore.insert(c, List.of(new ContactFeedback(m.borrowerId(), m.channel(), r.addressHash(),
                    feedback, "receipt:" + r.source(), m.id(), r.reason())), now);
        }
        return true;
    }

    private static Match resolve(Connection c, String noticeId, String providerMessageId) throws SQLException {
        if (noticeId != null) {
            Match m = one(c, BY_ID, noticeId);
            if (m != null) {
                return m;
            }
        }
        return providerMessageId == null ? null : one(c, BY_MESSAGE_ID, providerMessageId);
    }

    private static Match one(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Match m = new Match(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                return rs.next() ? null : m; // two notices with one message id: do not guess
            }
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
