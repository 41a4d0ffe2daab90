package io.dunninghub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V10, the archive of finished notices ({@link LedgerArchive}). Portable part, the same on PostgreSQL and H2:
 * {@code notice_archive} (every column {@code notice} has after V9, plus {@code archived_at}; the dedupe key unique,
 * so an archived notice is never planned again) and {@code notice_event_archive} (every {@code notice_event} column,
 * the original ids kept), their indexes, and the views {@code notice_all} and {@code notice_event_all} (live and
 * archived rows, for the readers that must see both: the audit trail, the evidence package, the console's timeline,
 * erasure). A migration that adds a column to {@code notice} or {@code notice_event} must add it to the archive
 * table and re-create the view. PostgreSQL part (a Java migration because H2 has no partial indexes or storage
 * parameters): the archive tables are written once and read rarely, so their pages are filled (fillfactor 100,
 * stated rather than left to the default); the archive job finds its work in a partial index of the live finished
 * notices by last change. On H2 that index is a plain one.
 */
public final class ArchiveMigration implements JavaMigration {

    private static final String NOTICE_ARCHIVE = """
            CREATE TABLE notice_archive (
                id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
                dedupe_key          VARCHAR(300) NOT NULL,
                installment_id      VARCHAR(64)  NOT NULL,
                loan_id             VARCHAR(64),
                borrower_id         VARCHAR(64)  NOT NULL,
                ladder_id           VARCHAR(64)  NOT NULL,
                step_id             VARCHAR(64)  NOT NULL,
                step_cycle          INTEGER      NOT NULL,
                channel             VARCHAR(32)  NOT NULL,
                audience            VARCHAR(100) NOT NULL,
                template            VARCHAR(100) NOT NULL,
                status              VARCHAR(16)  NOT NULL,
                reason              VARCHAR(64),
                not_before          TIMESTAMP WITH TIME ZONE NOT NULL,
                next_attempt_at     TIMESTAMP WITH TIME ZONE NOT NULL,
                attempts            INTEGER      NOT NULL,
                lease_owner         VARCHAR(100),
                lease_until         TIMESTAMP WITH TIME ZONE,
                provider            VARCHAR(100),
                provider_message_id VARCHAR(300),
                recipient_masked    VARCHAR(100),
                last_error          VARCHAR(500),
                planned_at          TIMESTAMP WITH TIME ZONE NOT NULL,
                updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
                cleared_at          TIMESTAMP WITH TIME ZONE,
                segments            INTEGER,
                delivery_status     VARCHAR(16),
                delivery_reason     VARCHAR(64),
                delivery_at         TIMESTAMP WITH TIME ZONE,
                debt                VARCHAR(16),
                installment_ids     VARCHAR,
                sent_at             TIMESTAMP WITH TIME ZONE,
                archived_at         TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT uq_notice_archive_dedupe_key UNIQUE (dedupe_key)
            )""";
    private static final String EVENT_ARCHIVE = """
            CREATE TABLE notice_event_archive (
                id          BIGINT       NOT NULL PRIMARY KEY,
                notice_id   VARCHAR(36)  NOT NULL,
                occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
                event_type  VARCHAR(24)  NOT NULL,
                reason      VARCHAR(64),
                provider    VARCHAR(100),
                detail      VARCHAR(500),
                instance_id VARCHAR(100)
            )""";
    private static final String NOTICE_COLUMNS = "id, dedupe_key, installment_id, loan_id, borrower_id, ladder_id, "
            + "step_id, step_cycle, channel, audience, template, status, reason, not_before, next_attempt_at, attempts, "
            + "lease_owner, lease_until, provider, provider_message_id, recipient_masked, last_error, planned_at, "
            + "updated_at, cleared_at, segments, delivery_status, delivery_reason, delivery_at, debt, installment_ids, "
            + "sent_at";
    private static final String EVENT_COLUMNS = "id, notice_id, occurred_at, event_type, reason, provider, detail, "
            + "instance_id";
    private static final String FINAL = "status IN ('SENT', 'FAILED', 'DEAD', 'SUPPRESSED', 'CANCELLED')";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("10");
    }

    @Override
    public String getDescription() {
        return "notice archive";
    }

    @Override
    public Integer getChecksum() {
        return 10; // changing what V10 does needs a new version, not a new checksum
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
            s.execute(NOTICE_ARCHIVE);
            s.execute("CREATE INDEX ix_notice_archive_borrower ON notice_archive (borrower_id)");
            s.execute("CREATE INDEX ix_notice_archive_loan ON notice_archive (loan_id)");
            s.execute("CREATE INDEX ix_notice_archive_installment ON notice_archive (installment_id)");
            s.execute(EVENT_ARCHIVE);
            s.execute("CREATE INDEX ix_notice_event_archive_notice ON notice_event_archive (notice_id)");
            s.execute("CREATE INDEX ix_notice_event_archive_time ON notice_event_archive (occurred_at)");
            s.execute("CREATE VIEW notice_all AS SELECT " + NOTICE_COLUMNS
                    + ", CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS archived_at FROM notice UNION ALL SELECT "
                    + NOTICE_COLUMNS + ", archived_at FROM notice_archive");
            s.execute("CREATE VIEW notice_event_all AS SELECT " + EVENT_COLUMNS + " FROM notice_event UNION ALL SELECT "
                    + EVENT_COLUMNS + " FROM notice_event_archive");
            if (postgres) {
                s.execute("ALTER TABLE notice_archive SET (fillfactor = 100)");
                s.execute("ALTER TABLE notice_event_archive SET (fillfactor = 100)");
                // the archive job's work list: live finished notices by last change, nothing else
                s.execute("CREATE INDEX ix_notice_final ON notice (updated_at, id) WHERE " + FINAL);
            } else {
                s.execute("CREATE INDEX ix_notice_final ON notice (updated_at, id)");
            }
        }
    }
}
