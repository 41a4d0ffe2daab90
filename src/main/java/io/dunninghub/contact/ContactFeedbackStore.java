package io.dunninghub.contact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The hub's {@code contact_feedback} table: one row per borrower, channel, address and reason (repeats are
 * ignored). Written when a provider answers permanently about an address, read by the contact policy.
 */
public final class ContactFeedbackStore {

    private static final String INSERT = """
            INSERT INTO contact_feedback (borrower_id, channel, address_hash, reason, source, notice_id, detail, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final DataSource hub;

    public ContactFeedbackStore(DataSource hub) {
        this.hub = hub;
    }

    /** Records the feedback; returns how many rows were new. */
    public int record(List<ContactFeedback> items, Instant now) throws SQLException {
        if (items.isEmpty()) {
            return 0;
        }
        try (Connection c = hub.getConnection()) {
            return insert(c, items, now);
        }
    }

    /** Inserts within the caller's transaction (receipts write their feedback with the receipt). */
    public static int insert(Connection c, List<ContactFeedback> items, Instant now) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (ContactFeedback f : items) {
                if (f.borrowerId() == null || f.addressHash() == null) {
                    continue;
                }
                ps.setString(1, f.borrowerId());
                ps.setString(2, f.channel());
                ps.setString(3, f.addressHash());
                ps.setString(4, f.reason().name());
                ps.setString(5, f.source());
                ps.setString(6, f.noticeId());
                ps.setString(7, f.detail() == null || f.detail().length() <= 500 ? f.detail() : f.detail().substring(0, 500));
                ps.setObject(8, now.atOffset(ZoneOffset.UTC));
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    /** All feedback about these borrowers, by borrower id. */
    public Map<String, List<ContactFeedback>> forBorrowers(Collection<String> borrowerIds) throws SQLException {
        Map<String, List<ContactFeedback>> out = new LinkedHashMap<>();
        List<String> ids = List.copyOf(borrowerIds);
        try (Connection c = hub.getConnection()) {
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
                String sql = "SELECT borrower_id, channel, address_hash, reason, source, notice_id, detail FROM contact_feedback"
                        + " WHERE borrower_id IN (" + String.join(", ", Collections.nCopies(part.size(), "?")) + ") ORDER BY id";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 1, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ContactFeedback(
                                    rs.getString(1), rs.getString(2), rs.getString(3),
                                    ContactFeedback.Reason.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                                    rs.getString(7)));
                        }
                    }
                }
            }
        }
        return out;
    }
}
