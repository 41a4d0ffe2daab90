package io.dunninghub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.common.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanClusterTest {

    private static final String PG = "jdbc:postgresql://db:5432/ledger";
    private static final String H2 = "jdbc:h2:file:./var/db/ledger;MODE=PostgreSQL";

    @Test
    void autoClustersOnAPostgresLedgerOnly() {
        assertThat(ScanCluster.clustered(settings(PG, null))).isTrue();
        assertThat(ScanCluster.clustered(settings(PG, "auto"))).isTrue();
        assertThat(ScanCluster.clustered(settings(H2, null))).isFalse();
        assertThat(ScanCluster.clustered(settings(PG, "false"))).isFalse();
        assertThat(ScanCluster.clustered(settings(PG, "TRUE"))).isTrue();
    }

    @Test
    void clusteringAnH2LedgerOrAnUnknownValueIsAConfigError() {
        assertThatThrownBy(() -> ScanCluster.clustered(settings(H2, "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("application.properties: hub.scan.cluster: true needs a PostgreSQL ledger");
        assertThatThrownBy(() -> ScanCluster.clustered(settings(PG, "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hub.scan.cluster: must be auto, true or false, got 'yes'");
    }

    @Test
    void quartzUsesTheClusteredJdbcStoreOnTheLedgersPool() {
        Map<String, Object> p = ScanCluster.quartzProperties(null);
        assertThat(p).containsEntry("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX")
                .containsEntry("org.quartz.jobStore.isClustered", "true")
                .containsEntry("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate")
                .containsEntry("org.quartz.scheduler.instanceId", "AUTO")
                .containsEntry("org.quartz.scheduler.instanceName", "dunning-hub");
        // each hub registers its own pool with Quartz: two in one JVM do not share one
        assertThat(ScanCluster.quartzProperties(null).get("org.quartz.jobStore.dataSource"))
                .isNotEqualTo(p.get("org.quartz.jobStore.dataSource"));
    }

    @Test
    void theCheckInIntervalIsConfigurable() {
        assertThat(ScanCluster.quartzProperties(null)).containsEntry("org.quartz.jobStore.clusterCheckinInterval", "15000");
        assertThat(ScanCluster.quartzProperties(null, java.time.Duration.ofSeconds(2)))
                .containsEntry("org.quartz.jobStore.clusterCheckinInterval", "2000");
    }

    @Test
    void sessionsNameTheirInstanceWithinPostgresLimit() {
        assertThat(HubRuntime.applicationName("hub-a", "ledger")).isEqualTo("dunning-hub hub-a ledger");
        String longId = "collections-worker-" + "x".repeat(60) + "-7";
        String name = HubRuntime.applicationName(longId, "core");
        assertThat(name).hasSizeLessThanOrEqualTo(63).startsWith("dunning-hub ...").endsWith("x-7 core");
    }

    private static HubSettings settings(String ledgerUrl, String cluster) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("hub.ledger.url", ledgerUrl);
        if (cluster != null) {
            values.put("hub.scan.cluster", cluster);
        }
        return new HubSettings(values::get, "application.properties", Path.of("config"));
    }
}
