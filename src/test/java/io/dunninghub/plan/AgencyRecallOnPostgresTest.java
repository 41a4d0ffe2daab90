package io.dunninghub.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Postgres;
import io.dunninghub.support.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case handed to the agency is recalled, once, when it is paid or put on hold; one still owed stays. */
@Slow
class AgencyRecallOnPostgresTest {

    static final Instant DAY1 = Instant.parse("2026-11-23T02:00:00Z");
    static final Instant DAY2 = DAY1.plusSeconds(86_400);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @TempDir
    Path work;
    HubFixture hub;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        hub.writeLadderYaml("""
                ladders:
                  - id: agency-only
                    steps:
                      - id: agency
                        dpd: 60..
                        channels:
                          - { channel: agency, template: overdue_agency }
                """);
        for (String b : List.of("B1", "B2", "B3")) {
            hub.borrower(b, "借款人" + b, "zh-CN", "Asia/Shanghai", "+86138001380" + b.substring(1) + "0", null, null,
                    false, 70, TODAY, false);
        }
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void runAt(Instant at) throws Exception {
        try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false, Clock.fixed(at, ZoneOffset.UTC))) {
            HubRuntime runtime = app.start();
            runtime.planningPass().run(at);
            runtime.dispatchJob().drain();
        }
    }

    private String agencyFiles() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(hub.outbox.resolve("agency"))) {
            for (Path f : files.sorted().toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

    @Test
    void thePaidAndTheHeldCasesAreRecalledOnceAndTheOwedOneStays() throws Exception {
        runAt(DAY1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'agency' AND status = 'SENT'")).isEqualTo(3);

        hub.markPaid("B1");
        new PolicyStore(Postgres.dataSource(hub.ledgerDb)).addHold("B2", null, "DISPUTE", null, "disputes the debt",
                "ops", DAY1.plusSeconds(3600));
        runAt(DAY2);

        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE step_id = 'recall' AND status = 'SENT'")).isEqualTo(2);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE step_id = 'recall' AND borrower_id = 'B3'")).isZero();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id "
                + "WHERE n.step_id = 'recall' AND n.borrower_id = 'B2' AND e.event_type = 'PLANNED' "
                + "AND e.detail LIKE '%on hold: DISPUTE%'")).isEqualTo(1);
        String agency = agencyFiles();
        assertThat(agency).contains("该笔欠款已全部还清，请结案").contains("请立即停止与借款人的一切联系");

        // again the next day: nothing recalled twice
        runAt(DAY2.plusSeconds(86_400));
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE step_id = 'recall'")).isEqualTo(2);
    }
}
