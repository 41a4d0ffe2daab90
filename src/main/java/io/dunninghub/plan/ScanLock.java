package io.dunninghub.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Lets one planning pass run at a time across every instance on one ledger. Whichever trigger starts a scan
 * (the clustered cron, the start-up timer, the retry timer), an instance that finds another one scanning
 * skips: planning is idempotent, so a second scan would only repeat the first one's work.
 */
public interface ScanLock {

    /** Takes the lock without waiting; null when another instance holds it. Closing the handle releases it. */
    Held tryAcquire() throws SQLException;

    interface Held extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /** Only this instance plans (the embedded H2 ledger belongs to one process). */
    static ScanLock none() {
        return () -> () -> { };
    }

    /**
     * A PostgreSQL session-level advisory lock, held on one ledger connection for the length of the scan.
     * If the instance dies, its connection closes and PostgreSQL releases the lock.
     */
    static ScanLock postgres(DataSource ledger) {
        // any fixed number; the ledger database is the hub's own, so nothing else uses it
        long key = 0x64756E6E_7363616EL; // "dunn" "scan"
        return () -> {
            Connection c = ledger.getConnection();
            try {
                if (!advisory(c, "SELECT pg_try_advisory_lock(?)", key)) {
                    c.close();
                    return null;
                }
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            return () -> {
                try (c) {
                    advisory(c, "SELECT pg_advisory_unlock(?)", key);
                }
            };
        };
    }

    private static boolean advisory(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
