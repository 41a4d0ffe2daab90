package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code notice_content} table: written by {@link Ledger#record} for the outcomes it recorded, in the same
 * transaction (so a notice's SENT event and what was sent are both there or neither is), read by the audit trail and
 * the evidence package.
 */
public final class NoticeContents {

    private static final String INSERT = """
            INSERT INTO notice_content (notice_id, attempt, event_type, recorded_at, media_type, content_sha256,
                content_length, template, locale, template_sha256, config_sha256, key_id, nonce, ciphertext)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String COLUMNS = "c.id, c.notice_id, c.attempt, c.event_type, c.recorded_at, c.media_type, "
            + "c.content_sha256, c.content_length, c.template, c.locale, c.template_sha256, c.config_sha256, c.key_id, "
            + "c.nonce, c.ciphertext, c.erased_at, c.erased_reason";

    private final DataSource hub;

    public NoticeContents(DataSource hub) {
        this.hub = hub;
    }

    /** One stored row. */
    public record Stored(long id, String noticeId, int attempt, String eventType, OffsetDateTime recordedAt,
                         String mediaType, String contentSha256, int contentLength, String template, String locale,
                         String templateSha256, String configSha256, String keyId, byte[] nonce, byte[] ciphertext,
                         OffsetDateTime erasedAt, String erasedReason) {

        /** Whether the content itself is still there (kept in full, neither expired nor erased). */
        public boolean hasContent() {
            return ciphertext != null && keyId != null;
        }

        /**
         * The bytes as sent, checked against the stored hash.
         *
         * @throws IllegalArgumentException when the key is missing or the content does not match its hash
         */
        public byte[] open(ContentKeys keys) {
            byte[] plain = keys.open(new ContentKeys.Sealed(keyId, nonce, ciphertext), noticeId);
            if (!NoticeContent.sha256(plain).equals(contentSha256)) {
                throw new IllegalArgumentException("content of notice " + noticeId + " does not match its stored hash");
            }
            return plain;
        }
    }

    static void insert(Connection c, List<NoticeOutcome> recorded, Instant now) throws SQLException {
        List<NoticeOutcome> kept = recorded.stream().filter(o -> o.content().isKept() && !o.isHeld()).toList();
        if (kept.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (NoticeOutcome o : kept) {
                NoticeContent k = o.content();
                int i = 1;
                ps.setString(i++, o.noticeId());
                ps.setInt(i++, k.attempt());
                ps.setString(i++, o.eventType());
                ps.setObject(i++, Ledger.ts(now));
                ps.setString(i++, k.mediaType());
                ps.setString(i++, k.contentSha256());
                ps.setInt(i++, k.contentLength());
                ps.setString(i++, k.template());
                ps.setString(i++, k.locale());
                ps.setString(i++, k.templateSha256());
                ps.setString(i++, k.configSha256());
                ps.setString(i++, k.sealed() == null ? null : k.sealed().keyId());
                ps.setBytes(i++, k.sealed() == null ? null : k.sealed().nonce());
                ps.setBytes(i, k.sealed() == null ? null : k.sealed().ciphertext());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The last attempt's row of each of these notices (a notice without a row is absent), by notice id. */
    public Map<String, Stored> lastOf(Collection<String> noticeIds) throws SQLException {
        Map<String, Stored> last = new LinkedHashMap<>();
        List<String> ids = List.copyOf(noticeIds);
        // in parts, so a long timeline stays under every database's bind-parameter limit
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
            String sql = "SELECT " + COLUMNS + " FROM notice_content c WHERE c.notice_id IN ("
                    + String.join(", ", Collections.nCopies(part.size(), "?")) + ") ORDER BY c.attempt, c.id";
            try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Stored row = row(rs);
                        last.put(row.noticeId(), row);
                    }
                }
            }
        }
        return last;
    }

    private static Stored row(ResultSet rs) throws SQLException {
        return new Stored(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7), rs.getInt(8),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                rs.getBytes(14), rs.getBytes(15), rs.getObject(16, OffsetDateTime.class), rs.getString(17));
    }

    /**
     * Every row of a borrower's (or one loan's) notices, archived ones included, oldest first; null filters are not
     * applied. The rows stay in {@code notice_content} when their notice is archived: they are read by notice id.
     */
    public List<Stored> of(String borrowerId, String loanId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM notice_content c JOIN notice_all n ON n.id = c.notice_id WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        if (borrowerId != null) {
            sql.append(" AND n.borrower_id = ?");
            params.add(borrowerId);
        }
        if (loanId != null) {
            sql.append(" AND n.loan_id = ?");
            params.add(loanId);
        }
        sql.append(" ORDER BY c.recorded_at, c.id");
        List<Stored> rows = new ArrayList<>();
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
    }
}
