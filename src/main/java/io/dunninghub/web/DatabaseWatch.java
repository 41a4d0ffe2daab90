package io.dunninghub.web;

import io.dunninghub.config.HubSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness route's bean: opens a fresh connection to each database every few seconds and reports changes
 * in {@link Readiness}. It does not borrow from the pools, so a hung pool cannot hide an outage or delay the
 * report by its connection timeout.
 */
public final class DatabaseWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatch.class);
    private static final int TIMEOUT_SECONDS = 3;

    private final Map<String, Callable<Connection>> databases;
    private final Readiness readiness;

    /** @param databases how to connect, by component name, e.g. {@code ledger}, {@code core} */
    public DatabaseWatch(Map<String, Callable<Connection>> databases, Readiness readiness) {
        this.databases = new LinkedHashMap<>(databases);
        this.readiness = readiness;
    }

    /** A direct connection with short timeouts (PostgreSQL's connect and socket timeouts). */
    public static Callable<Connection> connect(HubSettings.Database db) {
        String url = db.url();
        String user = db.username();
        String password = db.password();
        return () -> {
            Properties p = new Properties();
            if (user != null) {
                p.setProperty("user", user);
            }
            if (password != null) {
                p.setProperty("password", password);
            }
            if (url.startsWith("jdbc:postgresql:")) {
                p.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
                p.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
                p.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS));
            }
            return DriverManager.getConnection(url, p);
        };
    }

    /** Returns whether every database answered. */
    public boolean check() {
        databases.forEach((name, connect) -> {
            String problem = null;
            try (Connection c = connect.call()) {
                if (!c.isValid(TIMEOUT_SECONDS)) {
                    problem = "connection not valid";
                }
            } catch (Exception e) {
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            boolean wasUp = readiness.isUp(name);
            if (problem == null) {
                readiness.up(name);
                if (!wasUp) {
                    LOG.info("database {} reachable again", name);
                }
            } else {
                readiness.down(name, problem);
                if (wasUp) {
                    LOG.error("database {} unreachable, the daemon keeps running and retries: {}", name, problem);
                }
            }
        });
        return readiness.isReady();
    }
}
