package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The ledger's record of what came back about contacts ({@code contact_outcome}, migration V7): each outcome
 * once per source and source id, and, where it names its notice, an {@code OUTCOME} event on that notice's
 * trail. Read back by notice for a debt's history.
 */
public final class OutcomeBook {

    /** Whether an outcome was new or already recorded (the same source delivered it again). */
    public record Recorded(long id, boolean isNew, Optional<String> noticeId) {
    }

    /**
     * What an outcome does besides being recorded (a promise, a hold, an opt-out), written in the same transaction
     * and only when the outcome is new: a delivery repeated, or retried after a failure, applies it exactly once.
     */
    @FunctionalInterface
    public interface Effect {
        Effect NONE = (c, id, noticeId) -> { };

        /** @param noticeId the notice it was tied to, or null */
        void apply(Connection c, long outcomeId, String noticeId) throws SQLException;
    }

    /** The notice an outcome answers, as the ledger has it. */
    public record NoticeRef(String id, String borrowerId, String loanId, String audience, String channel,
                            String status) {
    }

    /** One recorded outcome, for listings ({@code outcome list}, the admin API). */
    public record OutcomeRow(long id, String borrowerId, String loanId, String noticeId, String channel,
                             String outcome, Instant occurredAt, String source, String externalId,
                             LocalDate promisedDate, java.math.BigDecimal promisedAmount) {
    }

    private final DataSource hub;
    private final String instanceId;

    public OutcomeBook(DataSource hub, String instanceId) {
        this.hub = hub;
        this.instanceId = instanceId;
    }

    /** Records an outcome unless its (source, externalId) is recorded already. */
    public Recorded record(ContactOutcome o) throws SQLException {
        return record(o, Effect.NONE);
    }

    /**
     * Records an outcome unless its (source, externalId) is recorded already and, when it is new, applies
     * {@code effect} in the same transaction: either both are written or neither.
     */
    public Recorded record(ContactOutcome o, Effect effect) throws SQLException {
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (o.externalId() != null) {
                    Optional<Long> known = existing(c, o.source(), o.externalId());
                    if (known.isPresent()) {
                        c.rollback();
                        return new Recorded(known.get(), false, Optional.ofNullable(o.noticeId()));
                    }
                }
                Where where = o.noticeId() == null ? Where.NOWHERE : locate(c, o.noticeId());
                String noticeId = where == Where.NOWHERE ? null : o.noticeId();
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_outcome (borrower_id, loan_id, "
                        + "audience, channel, outcome, occurred_at, recorded_by, note, notice_id, source, external_id, "
                        + "promised_date, promised_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        new String[] {"id"})) {
                    ps.setString(1, o.borrowerId());
                    ps.setString(2, o.loanId());
                    ps.setString(3, o.audience());
                    ps.setString(4, o.channel());
                    ps.setString(5, o.kind().name());
                    ps.setObject(6, OffsetDateTime.ofInstant(o.occurredAt(), ZoneOffset.UTC));
                    ps.setString(7, o.source());
                    ps.setString(8, clip(o.note(), 500));
                    ps.setString(9, noticeId);
                    ps.setString(10, o.source());
                    ps.setString(11, o.externalId());
                    ps.setObject(12, o.promisedDate());
                    ps.setBigDecimal(13, o.promisedAmount());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                } catch (SQLException e) {
                    // two deliveries of the same outcome at once: the unique (source, external_id) lets one in
                    c.rollback();
                    if (o.externalId() != null) {
                        Optional<Long> known = existing(c, o.source(), o.externalId());
                        if (known.isPresent()) {
                            return new Recorded(known.get(), false, Optional.ofNullable(o.noticeId()));
                        }
                    }
                    throw e;
                }
                if (noticeId != null) {
                    long eventId;
                    try (PreparedStatement ev = c.prepareStatement("INSERT INTO notice_event (notice_id, occurred_at, "
                            + "event_type, reason, provider, detail, instance_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"})) {
                        ev.setString(1, noticeId);
                        ev.setObject(2, OffsetDateTime.ofInstant(o.occurredAt(), ZoneOffset.UTC));
                        ev.setString(3, EventType.OUTCOME.name());
                        ev.setString(4, o.kind().name());
                        ev.setString(5, o.source());
                        ev.setString(6, "outcome " + o.kind().label() + " from " + o.source()
                                + (o.promisedDate() != null ? ", promised for " + o.promisedDate() : ""));
                        ev.setString(7, instanceId);
                        ev.executeUpdate();
                        try (ResultSet keys = ev.getGeneratedKeys()) {
                            keys.next();
                            eventId = keys.getLong(1);
                        }
                    }
                    if (where == Where.ARCHIVED) {
                        toArchive(c, eventId); // an old notice's trail stays in one place
                    }
                }
                effect.apply(c, id, noticeId);
                c.commit();
                return new Recorded(id, true, Optional.ofNullable(noticeId));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The notice with this id, if the ledger has it, live or archived (an outcome may name an old notice). */
    public Optional<NoticeRef> notice(String noticeId) throws SQLException {
        if (noticeId == null || noticeId.isBlank()) {
            return Optional.empty();
        }
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, borrower_id, loan_id, audience, channel, status FROM notice_all WHERE id = ?")) {
            ps.setString(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new NoticeRef(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6))) : Optional.empty();
            }
        }
    }

    /**
     * The notices sent on {@code channel} whose masked recipient ends in {@code lastDigits}, newest first: the
     * candidates an inbound message from a number may answer (the caller confirms the number itself). Live notices
     * only: the archive has no index for this, and a reply answers a recent message.
     */
    public List<NoticeRef> sentTo(String channel, String lastDigits, Instant since, int limit) throws SQLException {
        List<NoticeRef> out = new ArrayList<>();
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, borrower_id, loan_id, audience, channel, status FROM notice WHERE channel = ? "
                        + "AND status = 'SENT' AND recipient_masked LIKE ? AND updated_at > ? "
                        + "ORDER BY updated_at DESC, id LIMIT " + Math.max(1, limit))) {
            ps.setString(1, channel);
            ps.setString(2, "%" + lastDigits.replace("%", "").replace("_", ""));
            ps.setObject(3, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new NoticeRef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    /** A borrower's outcomes (or a loan's, when given), newest first. */
    public List<OutcomeRow> byBorrower(String borrowerId, String loanId, int limit) throws SQLException {
        List<OutcomeRow> out = new ArrayList<>();
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, borrower_id, loan_id, notice_id, channel, outcome, occurred_at, source, external_id, "
                        + "promised_date, promised_amount FROM contact_outcome WHERE borrower_id = ?"
                        + (loanId == null ? "" : " AND loan_id = ?") + " ORDER BY occurred_at DESC, id DESC LIMIT "
                        + Math.max(1, limit))) {
            ps.setString(1, borrowerId);
            if (loanId != null) {
                ps.setString(2, loanId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Date d = rs.getDate(10);
                    out.add(new OutcomeRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                            rs.getString(8), rs.getString(9), d == null ? null : d.toLocalDate(), rs.getBigDecimal(11)));
                }
            }
        }
        return out;
    }

    private static Optional<Long> existing(Connection c, String source, String externalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM contact_outcome WHERE source = ? AND external_id = ?")) {
            ps.setString(1, source);
            ps.setString(2, externalId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Where the ledger keeps a notice. */
    private enum Where { LIVE, ARCHIVED, NOWHERE }

    /**
     * Where a notice is. A live one is locked until the outcome is written, so the archive job (which skips locked
     * rows) cannot move it between this look and its OUTCOME event; one the job holds is waited for, then found in
     * the archive.
     */
    private static Where locate(Connection c, String noticeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM notice WHERE id = ? FOR UPDATE")) {
            ps.setString(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Where.LIVE;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM notice_archive WHERE id = ?")) {
            ps.setString(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Where.ARCHIVED : Where.NOWHERE;
            }
        }
    }

    /** Moves one event (just written, of an archived notice) to the archive, keeping its id. */
    private static void toArchive(Connection c, long eventId) throws SQLException {
        try (PreparedStatement in = c.prepareStatement("INSERT INTO notice_event_archive (" + LedgerArchive.EVENT_COLUMNS
                + ") SELECT " + LedgerArchive.EVENT_COLUMNS + " FROM notice_event WHERE id = ?");
             PreparedStatement del = c.prepareStatement("DELETE FROM notice_event WHERE id = ?")) {
            in.setLong(1, eventId);
            in.executeUpdate();
            del.setLong(1, eventId);
            del.executeUpdate();
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
