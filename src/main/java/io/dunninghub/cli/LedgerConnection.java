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
    private final HubSettings settings;

    LedgerConnection(CommonOptions options) {
        HubSettings settings = HubConfig.settingsOnly(options.configDir, options.overrides);
        this.settings = settings;
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

    /** Refuses a ledger whose schema is older than this build (the evidence tables come with V8). */
    LedgerConnection requireCurrent() {
        java.util.List<String> pending = LedgerSchema.pending(ledger);
        if (!pending.isEmpty()) {
            throw new CommandRefused("the ledger's schema is older than this version of the hub (migrations "
                    + String.join(", ", pending) + " pending): run the daemon or 'run --once' once to upgrade it");
        }
        return this;
    }

    /** Whether the ledger has every migration this build carries (the archive tables came with V10). */
    boolean isCurrent() {
        return LedgerSchema.pending(ledger).isEmpty();
    }

    HubSettings settings() {
        return settings;
    }

    javax.sql.DataSource dataSource() {
        return ledger;
    }

    @Override
    public void close() {
        ledger.close();
    }
}
