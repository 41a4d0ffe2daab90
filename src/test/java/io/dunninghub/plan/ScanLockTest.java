package io.dunninghub.plan;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.support.Postgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scan lock on PostgreSQL: one holder at a time across instances, and a dead holder's lock is gone. */
@Slow
class ScanLockTest {

    @Test
    void oneInstanceScansAtATimeAndADeadOnesLockIsReleased() throws Exception {
        String db = Postgres.newDatabase("scanlock");
        try (HikariDataSource a = pool(db, "a"); HikariDataSource b = pool(db, "b")) {
            ScanLock lockA = ScanLock.postgres(a);
            ScanLock lockB = ScanLock.postgres(b);

            try (ScanLock.Held held = lockA.tryAcquire()) {
                assertThat(held).isNotNull();
                assertThat(lockB.tryAcquire()).as("the other instance while one scans").isNull();
            }
            ScanLock.Held byB = lockB.tryAcquire();
            assertThat(byB).as("after the first scan ended").isNotNull();
            assertThat(lockA.tryAcquire()).isNull();

            // the holder dies: PostgreSQL ends its session, and with it the lock
            try (Connection c = Postgres.dataSource(db).getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
            }
            // the backend ends a moment after it is told to
            ScanLock.Held[] afterDeath = new ScanLock.Held[1];
            await().atMost(Duration.ofSeconds(10)).until(() -> (afterDeath[0] = lockA.tryAcquire()) != null);
            afterDeath[0].close();
            try {
                byB.close();
            } catch (java.sql.SQLException expected) {
                // its connection was terminated under it
            }
        }
        assertThat(ScanLock.none().tryAcquire()).isNotNull();
    }

    private static HikariDataSource pool(String db, String name) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("scanlock-" + name);
        cfg.setJdbcUrl(Postgres.jdbcUrl(db));
        cfg.setUsername("postgres");
        cfg.setMaximumPoolSize(2);
        return new HikariDataSource(cfg);
    }
}
