package io.dunninghub.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.scan.ColumnMapping;
import io.dunninghub.scan.FedRows;
import io.dunninghub.scan.InstallmentRows;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Who may start a route-fed pass: only with hub.scan.source = route, and never beside another pass. */
class PlanningJobFeedTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC);
    static final InstallmentRows READER = new InstallmentRows(new ColumnMapping(Map.of()));

    @Test
    void theSqlScanRefusesARouteAndARouteFedHubIgnoresTheCron() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        PlanningJob sql = new PlanningJob(() -> {
            passes.incrementAndGet();
            throw new IllegalStateException("no pass in this test");
        }, CLOCK, ScanLock.none());
        assertThatThrownBy(() -> sql.feed(List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hub.scan.source is sql");
        assertThat(sql.routeFed()).isFalse();

        PlanningJob fed = new PlanningJob(() -> {
            passes.incrementAndGet();
            throw new IllegalStateException("no pass in this test");
        }, CLOCK, ScanLock.none(), body -> new FedRows(body, READER, 0));
        assertThat(fed.routeFed()).isTrue();
        assertThat(fed.run()).isNull();
        assertThat(fed.retryIfFailed()).isNull();
        assertThat(passes).hasValue(0);
    }

    @Test
    void aPassWhileAnotherInstanceHoldsTheScanLockIsRefusedAndPlansNothing() {
        AtomicInteger passes = new AtomicInteger();
        PlanningJob fed = new PlanningJob(() -> {
            passes.incrementAndGet();
            throw new IllegalStateException("no pass in this test");
        }, CLOCK, () -> null, body -> new FedRows(body, READER, 0));
        assertThatThrownBy(() -> fed.feed(List.of())).isInstanceOf(PlanningJob.PlanningBusy.class)
                .hasMessageContaining("another instance");
        assertThat(passes).hasValue(0);
        assertThat(fed.runningFor()).isNull();
    }
}
