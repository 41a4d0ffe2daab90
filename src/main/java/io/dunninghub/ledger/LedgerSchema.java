package io.dunninghub.ledger;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The hub's own schema, created and upgraded by Flyway from {@code db/migration} (on PostgreSQL and on H2).
 * Only the daemon, {@code run --once} and the policy commands migrate; {@code preview} and the ledger commands
 * never change the schema.
 */
public final class LedgerSchema {

    private LedgerSchema() {
    }

    private static Flyway flyway(DataSource ledger) {
        // V9 and V10 are Java: their PostgreSQL parts (partial indexes, storage parameters) have no H2 form
        return Flyway.configure().dataSource(ledger).locations("classpath:db/migration")
                .javaMigrations(new QueueMigration(), new ArchiveMigration()).load();
    }

    /** Creates or upgrades the schema to the version this build carries. */
    public static void migrate(DataSource ledger) {
        flyway(ledger).migrate();
    }

    /** Whether the ledger has no schema at all yet (nothing was ever run against it). */
    public static boolean isEmpty(DataSource ledger) {
        return flyway(ledger).info().current() == null;
    }

    /** The migrations this build carries that the ledger does not have yet; empty when it is current. */
    public static java.util.List<String> pending(DataSource ledger) {
        return java.util.Arrays.stream(flyway(ledger).info().pending()).map(MigrationInfo::getVersion)
                .map(String::valueOf).toList();
    }
}
