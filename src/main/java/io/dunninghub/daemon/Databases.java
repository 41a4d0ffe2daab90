package io.dunninghub.daemon;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.config.HubSettings;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;

/** The connection pools to the core banking database and the ledger, named so an operator can tell them apart. */
public final class Databases {

    private Databases() {
    }

    /**
     * A pool that starts even when the database is down: the daemon reports it and recovers when it comes back.
     *
     * @param instanceId shown by PostgreSQL as part of each session's application_name
     */
    public static HikariDataSource pool(HubSettings.Database db, String poolName, int size, boolean readOnly,
                                        String instanceId) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName(poolName);
        cfg.setJdbcUrl(db.url());
        if (db.isPostgres()) {
            // pg_stat_activity and pg_locks then say which instance holds a session (e.g. the scan's lock)
            cfg.addDataSourceProperty("ApplicationName", applicationName(instanceId, poolName));
        }
        cfg.setUsername(db.username());
        cfg.setPassword(db.password());
        cfg.setMaximumPoolSize(size);
        cfg.setReadOnly(readOnly);
        cfg.setInitializationFailTimeout(-1);
        cfg.setConnectionTimeout(10_000);
        return new HikariDataSource(cfg);
    }

    /** A small pool for one command (status, replay, hold …); it fails at once when the database is down. */
    public static HikariDataSource forCommand(HubSettings.Database db, String poolName) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName(poolName);
        cfg.setJdbcUrl(db.url());
        cfg.setUsername(db.username());
        cfg.setPassword(db.password());
        cfg.setMaximumPoolSize(2);
        return new HikariDataSource(cfg);
    }

    /** What PostgreSQL shows as a session's application_name: at most 63 bytes are kept. */
    static String applicationName(String instanceId, String pool) {
        String name = "dunning-hub " + instanceId + " " + pool;
        return name.length() <= 63 ? name : "dunning-hub ..." + name.substring(name.length() - 48);
    }

    /** {@code hub.instance-id}, or the host name and process id. */
    static String instanceId(HubSettings settings) {
        String id = settings.get("hub.instance-id");
        if (id != null && !id.isBlank()) {
            return id;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ManagementFactory.getRuntimeMXBean().getPid();
        } catch (Exception e) {
            return "hub-" + ManagementFactory.getRuntimeMXBean().getPid();
        }
    }
}
