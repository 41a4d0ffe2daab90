package io.dunninghub.web.console;

import io.dunninghub.ledger.LedgerAdmin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The business day so far, from the ledger: the notice events of today (in {@code hub.business-zone}) by type,
 * channel and reason, the same by hour for the chart, the due backlog and the oldest due notice's age, and
 * each provider's sends in the last hour. Counts are of events, so a notice deferred twice counts twice.
 */
public final class TodayReport {

    /** The event types the page counts, in its column order. */
    public static final List<String> COUNTED = List.of("PLANNED", "SENT", "DEFERRED", "SUPPRESSED", "RETRY", "FAILED",
            "DEAD", "DELIVERED", "UNDELIVERED");
    /** The ones the chart draws per hour. */
    public static final List<String> CHARTED = List.of("SENT", "DEFERRED", "SUPPRESSED", "FAILED");

    /** One (event type, channel, reason) and how many of it today. */
    public record Count(String event, String channel, String reason, int count) {
    }

    /** A channel's row: count per counted event type. */
    public record ChannelRow(String channel, Map<String, Integer> byEvent) {

        public int get(String event) {
            return byEvent.getOrDefault(event, 0);
        }
    }

    /** Today so far. {@code hours} is 0..23; {@code byHour} event type → 24 counts. */
    public record Today(LocalDate date, ZoneId zone, Instant from, Instant until, List<ChannelRow> channels,
                        List<Count> reasons, Map<String, int[]> byHour, LedgerAdmin.Backlog backlog,
                        Map<String, Integer> sentLastHourByProvider) {

        public int total(String event) {
            return channels.stream().mapToInt(r -> r.get(event)).sum();
        }
    }

    private final DataSource hub;
    private final LedgerAdmin admin;
    private final ZoneId zone;

    public TodayReport(DataSource hub, ZoneId zone) {
        this.hub = hub;
        this.admin = new LedgerAdmin(hub);
        this.zone = zone;
    }

    public Today at(Instant now) throws SQLException {
        LocalDate date = now.atZone(zone).toLocalDate();
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant until = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Count> counts = new ArrayList<>();
        Map<String, int[]> byHour = new TreeMap<>();
        CHARTED.forEach(e -> byHour.put(e, new int[24]));
        try (Connection c = hub.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT e.event_type, n.channel, e.reason, COUNT(*) "
                    + "FROM notice_event e JOIN notice n ON n.id = e.notice_id WHERE e.occurred_at >= ? AND e.occurred_at < ? "
                    + "GROUP BY e.event_type, n.channel, e.reason ORDER BY n.channel, e.event_type, e.reason")) {
                ps.setObject(1, ts(from));
                ps.setObject(2, ts(until));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (COUNTED.contains(rs.getString(1))) {
                            counts.add(new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                        }
                    }
                }
            }
            // by hour: the instants themselves, bucketed here, so the SQL stays the same on PostgreSQL and H2
            try (PreparedStatement ps = c.prepareStatement("SELECT event_type, occurred_at FROM notice_event "
                    + "WHERE occurred_at >= ? AND occurred_at < ? AND event_type IN ('SENT', 'DEFERRED', 'SUPPRESSED', 'FAILED')")) {
                ps.setObject(1, ts(from));
                ps.setObject(2, ts(until));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int hour = rs.getObject(2, OffsetDateTime.class).toInstant().atZone(zone).getHour();
                        byHour.get(rs.getString(1))[hour]++;
                    }
                }
            }
        }
        Map<String, Map<String, Integer>> perChannel = new TreeMap<>();
        for (Count k : counts) {
            perChannel.computeIfAbsent(k.channel(), x -> new TreeMap<>()).merge(k.event(), k.count(), Integer::sum);
        }
        List<ChannelRow> channels = new ArrayList<>();
        perChannel.forEach((ch, m) -> channels.add(new ChannelRow(ch, m)));
        List<Count> reasons = counts.stream().filter(k -> k.reason() != null
                && List.of("DEFERRED", "SUPPRESSED", "RETRY", "FAILED", "DEAD", "UNDELIVERED").contains(k.event())).toList();
        return new Today(date, zone, from, until, channels, reasons, byHour, admin.backlog(now), sentByProvider(now));
    }

    private Map<String, Integer> sentByProvider(Instant now) throws SQLException {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT provider, COUNT(*) "
                + "FROM notice_event WHERE event_type = 'SENT' AND occurred_at >= ? AND occurred_at <= ? "
                + "AND provider IS NOT NULL GROUP BY provider")) {
            c.setReadOnly(true);
            ps.setObject(1, ts(now.minus(Duration.ofHours(1))));
            ps.setObject(2, ts(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    /** The reasons of one event type, for the page's lists. */
    public static List<Count> of(List<Count> reasons, String event) {
        return reasons.stream().filter(r -> r.event().equals(event)).toList();
    }

    static java.util.Set<String> channels(List<Count> counts) {
        return new TreeSet<>(counts.stream().map(Count::channel).toList());
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
