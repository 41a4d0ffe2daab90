package io.dunninghub.ops;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.common.ConfigException;
import io.dunninghub.ledger.LedgerAdmin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.camel.CamelContext;

/** The configured ledger for the admin commands (status, replay, cancel, audit); never the core database. */
public final class LedgerConnection implements AutoCloseable {

    private final CamelContext context;
    private final HikariDataSource ledger;

    public LedgerConnection(CommonOptions options) throws SQLException {
        this.context = ConfigProperties.readOnlyContext(options.configDir, options.overrides);
        HubSettings settings = ConfigProperties.settings(context, options.configDir);
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("ledger-admin");
        cfg.setJdbcUrl(settings.required("hub.ledger.url"));
        cfg.setUsername(settings.get("hub.ledger.username"));
        cfg.setPassword(settings.get("hub.ledger.password"));
        cfg.setMaximumPoolSize(2);
        this.ledger = new HikariDataSource(cfg);
        try (Connection c = ledger.getConnection()) {
            boolean found = false;
            for (String name : new String[] {"notice", "NOTICE"}) {
                try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
                    found |= rs.next();
                }
            }
            if (!found) {
                close();
                throw new ConfigException(settings.file(), "hub.ledger.url", "no ledger there yet (run the daemon or 'run --once' first)");
            }
        }
    }

    public LedgerAdmin admin() {
        return new LedgerAdmin(ledger);
    }

    @Override
    public void close() {
        ledger.close();
        ValidateCommand.closeQuietly(context);
    }
}
