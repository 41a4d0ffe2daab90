package io.dunninghub.plan;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.support.HubFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Planning decides and writes chunks on hub.scan.threads threads while the scan reads on: over many small chunks
 * every notice is written once, with its PLANNED event, and the summary counts what the ledger holds, whatever
 * the number of threads; a chunk that fails ends the scan with its error.
 */
@Slow
class PlanningChunksTest {

    // 10:00 in Shanghai: the business clock, not the machine's
    private static final Instant NOW = Instant.parse("2026-10-12T02:00:00Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path work;
    HubFixture hub;

    @AfterEach
    void stop() {
        hub.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void everyChunkIsWrittenOnceWhileOthersAreReadAndDecided(int threads) throws Exception {
        hub = new HubFixture(work);
        hub.writeProperties(Map.of("hub.scan.chunk-size", "7", "hub.scan.threads", String.valueOf(threads)));
        HubFixture.bulkBorrowers(hub.core, 3, 100, TODAY);
        PlanSummary first;
        try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false,
                Clock.fixed(NOW, ZoneOffset.UTC))) {
            HubRuntime runtime = app.start();
            first = runtime.planningPass().run(NOW);
            assertThat(first.rows()).isEqualTo(100);
            PlanSummary again = runtime.planningPass().run(NOW);
            assertThat(again.newNotices()).isZero();
            assertThat(again.alreadyPlanned()).isEqualTo(first.newNotices());
        }
        int notices = hub.ledgerCount("SELECT COUNT(*) FROM notice");
        assertThat(notices).isGreaterThanOrEqualTo(100);
        assertThat(first.newNotices()).isEqualTo(notices);
        assertThat(hub.ledgerCount("SELECT COUNT(DISTINCT installment_id) FROM notice")).isEqualTo(100);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'PLANNED'")).isEqualTo(notices);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM (SELECT dedupe_key FROM notice GROUP BY dedupe_key"
                + " HAVING COUNT(*) > 1) d")).isZero();
    }

    @Test
    void aChunkThatFailsEndsTheScanWithItsErrorAndNothingIsHalfWritten() throws Exception {
        hub = new HubFixture(work);
        // the contacts of borrower P3-50 cannot be read: a division by zero in the core database
        hub.writeProperties(Map.of("hub.scan.chunk-size", "7", "hub.scan.threads", "3",
                "hub.contacts.sql", HubFixture.shippedProperty("hub.contacts.sql")
                        + " AND 1 / (CASE WHEN borrower_id = 'P3-50' THEN 0 ELSE 1 END) = 1"));
        HubFixture.bulkBorrowers(hub.core, 3, 100, TODAY);
        try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false,
                Clock.fixed(NOW, ZoneOffset.UTC))) {
            HubRuntime runtime = app.start();
            assertThatThrownBy(() -> runtime.planningPass().run(NOW))
                    .isInstanceOf(PlanningPass.PlanningFailed.class)
                    .hasMessageContaining("division by zero");
        }
        // the failing chunk wrote nothing; every notice written has its PLANNED event
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'P3-50'")).isZero();
        int notices = hub.ledgerCount("SELECT COUNT(*) FROM notice");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'PLANNED'")).isEqualTo(notices);
    }
}
