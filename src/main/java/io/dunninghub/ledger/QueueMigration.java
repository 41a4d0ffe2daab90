package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * V9, the ledger's hot tables kept flat as they grow. Portable part: {@code notice.sent_at}, when a notice was
 * SENT, so caps are counted from the notices of a borrower (one index range, {@code ix_notice_borrower_sent})
 * instead of joining a week of events to notices; filled in for notices sent in the caps' look-back. PostgreSQL
 * part (a Java migration because H2 has no partial indexes or storage parameters): the queue in partial indexes
 * (due notices by {@code next_attempt_at}; claimed notices by {@code lease_until}), so a claim and the sweep of
 * expired leases read only live queue entries, not every row that ever passed through a status; replays read
 * DEAD and FAILED notices from their own partial index; {@code fillfactor} so updates of unindexed columns
 * (receipts' delivery status) stay on their page (HOT); autovacuum tuned for tables that grow by millions a day.
 */
public final class QueueMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("9");
    }

    @Override
    public String getDescription() {
        return "queue indexes sent at";
    }

    @Override
    public Integer getChecksum() {
        return 9; // changing what V9 does needs a new version, not a new checksum
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE notice ADD COLUMN sent_at TIMESTAMP WITH TIME ZONE");
            s.execute("CREATE INDEX ix_notice_borrower_sent ON notice (borrower_id, sent_at)");
            s.execute("DROP INDEX ix_notice_borrower"); // the new index's first column serves the same look-ups
            if (postgres) {
                s.execute("CREATE INDEX ix_notice_queue ON notice (next_attempt_at) WHERE status IN ('PLANNED', 'RETRY')");
                s.execute("CREATE INDEX ix_notice_claimed ON notice (lease_until) WHERE status = 'CLAIMED'");
                s.execute("CREATE INDEX ix_notice_problems ON notice (status, updated_at) WHERE status IN ('DEAD', 'FAILED')");
                s.execute("DROP INDEX ix_notice_status_due");
                s.execute("ALTER TABLE notice SET (fillfactor = 85, autovacuum_vacuum_scale_factor = 0.01, "
                        + "autovacuum_analyze_scale_factor = 0.01, autovacuum_vacuum_cost_limit = 2000)");
                // append-only: vacuumed for its visibility map, so index-only reads stay cheap
                s.execute("ALTER TABLE notice_event SET (autovacuum_vacuum_insert_scale_factor = 0.02, "
                        + "autovacuum_analyze_scale_factor = 0.02)");
            }
        }
        // caps look back 8 days: what was sent since then counts, as the SENT events said
        try (PreparedStatement ps = c.prepareStatement("UPDATE notice SET sent_at = (SELECT MIN(e.occurred_at) FROM "
                + "notice_event e WHERE e.notice_id = notice.id AND e.event_type = 'SENT') WHERE status = 'SENT' "
                + "AND updated_at > ?")) {
            ps.setObject(1, Ledger.ts(Instant.now().minus(ContactLog.LOOKBACK).minus(java.time.Duration.ofDays(1))));
            ps.executeUpdate();
        }
    }
}
