package io.dunninghub.faults;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dunninghub.support.HubDaemons;
import io.dunninghub.support.HubFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub daemons (separate JVMs) on one PostgreSQL ledger; the instance running the clustered scan is killed
 * with SIGKILL halfway through it. Quartz's cluster presumes it dead once it stops checking in and runs the scan
 * again on the other instance (the scan's job asks for recovery), whose planning then covers every installment:
 * the killed instance planned nothing, so nothing is planned twice or lost.
 */
@Slow
class ScanRecoveryTest {

    private static final int INSTALLMENTS = 500;

    @TempDir
    Path work;
    HubFixture hub;
    HubDaemons daemons;

    @AfterEach
    void stop() {
        if (daemons != null) {
            daemons.close();
        }
        hub.close();
    }

    @Test
    void aScanCutShortByItsInstanceDyingRunsAgainOnAnother() throws Exception {
        hub = new HubFixture(work);
        hub.smsOnlyLadder();
        hub.writeProperties(Map.of(
                // the core database answers the scan after 5 s: time to kill the instance in the middle of it
                "hub.scan.sql", HubFixture.shippedProperty("hub.scan.sql").replace(" ORDER BY", " AND (SELECT 1 FROM pg_sleep(5)) = 1 ORDER BY"),
                "hub.scan.cluster-checkin-seconds", "2",
                "hub.dispatch.enabled", "false",
                "hub.http.enabled", "false",
                "hub.scan.on-startup", "false",
                "hub.scan.cron", "0 0 3 1 1 ?"));
        HubFixture.bulkBorrowers(hub.core, 6, INSTALLMENTS, LocalDate.now(ZoneId.of("Asia/Shanghai")));

        daemons = new HubDaemons(hub.configDir, Path.of("target", "scan-recovery"));
        List<String> instances = List.of("hub-a", "hub-b");
        for (String name : instances) {
            daemons.start(name);
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
            daemons.assertAlive();
            return hub.ledgerCount("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'qrtz_scheduler_state'") == 1
                    && hub.ledgerCount("SELECT COUNT(*) FROM qrtz_scheduler_state") == 2;
        });
        HubDaemons.fireScanThroughTheCluster(hub.ledger);

        // the scanning instance holds the scan's advisory lock for the whole scan; its session says who it is
        String[] scanner = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            scanner[0] = scanLockHolder();
            return scanner[0] != null;
        });
        assertThat(scanner[0]).isIn(instances);
        String survivor = instances.stream().filter(i -> !i.equals(scanner[0])).findFirst().orElseThrow();
        Process killed = daemons.get(scanner[0]);
        killed.destroyForcibly();
        assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice")).as("planned before the kill").isZero();

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(daemons.get(survivor).isAlive()).as("%s is running", survivor).isTrue();
            return hub.ledgerCount("SELECT COUNT(*) FROM notice") == INSTALLMENTS
                    && daemons.logLines(survivor, "scan: ", "installments read") == 1;
        });
        assertThat(scanLockHolder()).as("the lock is released when the scan ends").isNull();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'PLANNED' AND instance_id = '" + survivor + "'"))
                .isEqualTo(INSTALLMENTS);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'PLANNED'")).isEqualTo(INSTALLMENTS);
        assertThat(daemons.logLines(scanner[0], "scan: ", "installments read")).as("the killed instance finished no scan").isZero();
        assertThat(daemons.logLines(survivor, "another instance is scanning")).isZero();
    }

    /** The instance id of the session holding an advisory lock in the ledger database, or null. */
    private String scanLockHolder() throws Exception {
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                     + "WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()")) {
            if (!rs.next()) {
                return null;
            }
            String app = rs.getString(1);
            assertThat(app).as("application_name of the ledger session").matches("dunning-hub \\S+ ledger");
            return app.split(" ")[1];
        }
    }
}
