package io.dunninghub.ops;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The readiness route's bean: checks the databases every few seconds and reports changes in {@link Readiness}. */
public final class DatabaseWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatch.class);

    private final Map<String, DataSource> databases;
    private final Readiness readiness;

    /** @param databases by component name, e.g. {@code ledger}, {@code core} */
    public DatabaseWatch(Map<String, DataSource> databases, Readiness readiness) {
        this.databases = new LinkedHashMap<>(databases);
        this.readiness = readiness;
    }

    /** Returns whether every database answered. */
    public boolean check() {
        databases.forEach((name, ds) -> {
            String problem = null;
            try (Connection c = ds.getConnection()) {
                if (!c.isValid(2)) {
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
