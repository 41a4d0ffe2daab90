package io.dunninghub.plan;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Planning writes each chunk while the next is read and decided: over many small chunks every notice is
 * written once, with its PLANNED event, and the summary counts what the ledger holds.
 */
@Slow
class PlanningChunksTest {

    @TempDir
    Path work;
    HubFixture hub;

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void everyChunkIsWrittenOnceWhileTheNextIsRead() throws Exception {
        hub = new HubFixture(work);
        hub.writeProperties(Map.of("hub.scan.chunk-size", "7"));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        HubFixture.bulkBorrowers(hub.core, 3, 100, today);
        Instant now = Instant.now();
        PlanSummary first;
        try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false,
                Clock.fixed(now, ZoneOffset.UTC))) {
            HubRuntime runtime = app.start();
            first = runtime.planningPass().run(now);
            assertThat(first.rows()).isEqualTo(100);
            PlanSummary again = runtime.planningPass().run(now);
            assertThat(again.newNotices()).isZero();
            assertThat(again.alreadyPlanned()).isEqualTo(first.newNotices());
        }
        int notices = hub.ledgerCount("SELECT COUNT(*) FROM notice");
        assertThat(notices).isGreaterThanOrEqualTo(100);
        assertThat(first.newNotices()).isEqualTo(notices);
        assertThat(hub.ledgerCount("SELECT COUNT(DISTINCT installment_id) FROM notice")).isEqualTo(100);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'PLANNED'")).isEqualTo(notices);
    }
}
