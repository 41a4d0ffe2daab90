package io.dunninghub.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.common.ConfigException;
import io.dunninghub.config.HubConfig;
import io.dunninghub.config.HubSettings;
import io.dunninghub.daemon.Databases;
import io.dunninghub.ledger.LedgerAdmin;
import io.dunninghub.ledger.LedgerSchema;

/** The configured ledger for the admin commands (status, replay, cancel, audit); never the core database. */
final class LedgerConnection implements AutoCloseable {

    private final HikariDataSource ledger;

    LedgerConnection(CommonOptions options) {
        HubSettings settings = HubConfig.settingsOnly(options.configDir, options.overrides);
        this.ledger = Databases.forCommand(settings.database("ledger"), "ledger-admin");
        if (LedgerSchema.isEmpty(ledger)) {
            close();
            throw new ConfigException(settings.file(), "hub.ledger.url",
                    "no ledger there yet (run the daemon or 'run --once' first)");
        }
    }

    LedgerAdmin admin() {
        return new LedgerAdmin(ledger);
    }

    @Override
    public void close() {
        ledger.close();
    }
}
