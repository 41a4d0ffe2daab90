package io.dunninghub.daemon;

import io.dunninghub.config.HubSettings;
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
        assertThat(settings(PG, null).scanClustered()).isTrue();
        assertThat(settings(PG, "auto").scanClustered()).isTrue();
        assertThat(settings(H2, null).scanClustered()).isFalse();
        assertThat(settings(PG, "false").scanClustered()).isFalse();
        assertThat(settings(PG, "TRUE").scanClustered()).isTrue();
    }

    @Test
    void clusteringAnH2LedgerOrAnUnknownValueIsAConfigError() {
        assertThatThrownBy(() -> settings(H2, "true").scanClustered())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("application.properties: hub.scan.cluster: true needs a PostgreSQL ledger");
        assertThatThrownBy(() -> settings(PG, "yes").scanClustered())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hub.scan.cluster: must be auto, true or false, got 'yes'");
    }

    /** hub.scan.cluster-checkin-seconds as documented. */
    private static final java.time.Duration DEFAULT_CHECKIN =
            settings(PG, null).seconds("hub.scan.cluster-checkin-seconds", 1);

    @Test
    void quartzUsesTheClusteredJdbcStoreOnTheLedgersPool() {
        Map<String, Object> p = ScanCluster.quartzProperties(null, DEFAULT_CHECKIN);
        assertThat(p).containsEntry("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX")
                .containsEntry("org.quartz.jobStore.isClustered", "true")
                .containsEntry("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate")
                .containsEntry("org.quartz.scheduler.instanceId", "AUTO")
                .containsEntry("org.quartz.scheduler.instanceName", "dunning-hub");
        // each hub registers its own pool with Quartz: two in one JVM do not share one
        assertThat(ScanCluster.quartzProperties(null, DEFAULT_CHECKIN).get("org.quartz.jobStore.dataSource"))
                .isNotEqualTo(p.get("org.quartz.jobStore.dataSource"));
    }

    @Test
    void theCheckInIntervalIsConfigurable() {
        assertThat(ScanCluster.quartzProperties(null, DEFAULT_CHECKIN)).containsEntry("org.quartz.jobStore.clusterCheckinInterval", "15000");
        assertThat(ScanCluster.quartzProperties(null, java.time.Duration.ofSeconds(2)))
                .containsEntry("org.quartz.jobStore.clusterCheckinInterval", "2000");
    }

    @Test
    void sessionsNameTheirInstanceWithinPostgresLimit() {
        assertThat(Databases.applicationName("hub-a", "ledger")).isEqualTo("dunning-hub hub-a ledger");
        String longId = "collections-worker-" + "x".repeat(60) + "-7";
        String name = Databases.applicationName(longId, "core");
        assertThat(name).hasSizeLessThanOrEqualTo(63).startsWith("dunning-hub ...").endsWith("x-7 core");
    }

    private static HubSettings settings(String ledgerUrl, String cluster) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("hub.ledger.url", ledgerUrl);
        if (cluster != null) {
            values.put("hub.scan.cluster", cluster);
        }
        return new HubSettings(values, "application.properties", Path.of("config"));
    }
}
