package io.dunninghub.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * A ledger as a lender's looks after months of running ({@code --history N}): the schema, then N final notices
 * (SENT) of earlier months with their PLANNED and SENT events, spread over the same borrowers the run's scan
 * finds, so every per-borrower and per-loan look-up meets old rows. The newest is 40 days old, older than any
 * cap's look-back; then VACUUM ANALYZE, as autovacuum would have left it. {@link #archive} then does what the
 * daily retention job would do to it with the side's configuration: the notices older than
 * {@code hub.retention.archive-after-days} (90 by default) move to the archive, and the side starts on the live
 * ledger that leaves.
 */
final class HistoryFill {

    private static final long BLOCK = 1_000_000;

    private HistoryFill() {
    }

    static void fill(DataSource ledger, long notices, long n, LocalDate businessDate) throws SQLException {
        io.dunninghub.ledger.LedgerSchema.migrate(ledger);
        long borrowers = Math.max(1, (n + 1) / 2);
        // days back: 40 .. 400, by notice
        String newest = businessDate.minusDays(40).atStartOfDay().atOffset(ZoneOffset.UTC).toString();
        try (Connection c = ledger.getConnection()) {
            for (long from = 0; from < notices; from += BLOCK) {
                long to = Math.min(notices, from + BLOCK) - 1;
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO notice (id, dedupe_key, installment_id, loan_id, borrower_id, ladder_id, step_id,
                            step_cycle, channel, audience, template, status, not_before, next_attempt_at, attempts,
                            provider, provider_message_id, recipient_masked, planned_at, updated_at, sent_at)
                        SELECT md5('history' || g)::uuid::text, 'H' || g || ':early:sms:borrower:0', 'H' || g,
                            'L' || lpad((g % ?)::text, 8, '0'), 'B' || lpad((g % ?)::text, 8, '0'), 'bench', 'early', 0,
                            (ARRAY['sms', 'email', 'push'])[1 + g % 3], 'borrower', 'overdue_early', 'SENT', t, t, 1,
                            'history', 'SM' || g, '+86****', t, t, t
                        FROM generate_series(?::bigint, ?::bigint) g,
                             LATERAL (SELECT ?::timestamptz - (g % 360) * interval '1 day' AS t) x""")) {
                    ps.setLong(1, borrowers);
                    ps.setLong(2, borrowers);
                    ps.setLong(3, from);
                    ps.setLong(4, to);
                    ps.setString(5, newest);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO notice_event (notice_id, occurred_at, event_type, provider, instance_id)
                        SELECT md5('history' || g)::uuid::text, ?::timestamptz - (g % 360) * interval '1 day', e, 'history', 'history'
                        FROM generate_series(?::bigint, ?::bigint) g, unnest(ARRAY['PLANNED', 'SENT']) e""")) {
                    ps.setString(1, newest);
                    ps.setLong(2, from);
                    ps.setLong(3, to);
                    ps.executeUpdate();
                }
            }
            vacuum(c);
        }
    }

    private static void vacuum(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE notice");
            s.execute("VACUUM ANALYZE notice_event");
        }
    }

    /**
     * The daily retention job on the filled ledger, with the side's {@code hub.retention.*} settings, then VACUUM
     * ANALYZE of the live tables (autovacuum would reclaim what the move deleted). Returns {@code archive.notices},
     * {@code archive.events} and {@code archive.ms} for the report.
     */
    static java.util.Map<String, String> archive(DataSource ledger, java.nio.file.Path configDir,
                                                 java.util.function.BiConsumer<String, Object[]> log) throws SQLException {
        io.dunninghub.config.HubSettings settings = io.dunninghub.config.HubConfig.settingsOnly(configDir, java.util.Map.of());
        java.time.Clock clock = java.time.Clock.systemUTC();
        io.dunninghub.ledger.Retention job = new io.dunninghub.ledger.Retention(new io.dunninghub.ledger.Erasure(ledger),
                settings.retention(), new io.dunninghub.ledger.LedgerArchive(ledger, clock), settings.archiveAge(),
                settings.archiveBatch(), clock);
        io.dunninghub.ledger.LedgerArchive.Result r = job.run().archived();
        log.accept("retention job before the side: archived %s (hub.retention.archive-after-days = %d, batches of %,d)",
                new Object[] {r.summary(), settings.archiveAge().days(), settings.archiveBatch()});
        long v = System.nanoTime();
        try (Connection c = ledger.getConnection()) {
            vacuum(c);
        }
        log.accept("live tables vacuumed after the archive in %.1f s", new Object[] {(System.nanoTime() - v) / 1e9});
        return java.util.Map.of("archive.notices", Long.toString(r.notices()), "archive.events", Long.toString(r.events()),
                "archive.ms", Long.toString(r.elapsed().toMillis()), "archive.days", Long.toString(settings.archiveAge().days()));
    }
}
