package io.dunninghub.daemon;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The scan's scheduler when several instances share one PostgreSQL ledger: Quartz's clustered JDBC job store
 * in the ledger database (tables {@code qrtz_*}, migration V5), so each firing of the scan's cron runs on one
 * instance only, and a cron missed while every instance was down fires once when the first comes back.
 * Quartz gets the ledger's own connection pool; it needs no second one.
 */
public final class ScanCluster {

    /** The scheduler's name in the qrtz_ tables: every instance of one ledger must use the same. */
    static final String SCHEDULER_NAME = "dunning-hub";

    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

    private ScanCluster() {
    }

    /**
     * Quartz properties for the clustered job store on the ledger. The ledger's pool is registered with
     * Quartz's connection manager under a name of its own (several hubs may live in one JVM, in tests).
     */
    /**
     * @param checkin how often each instance tells the others it is alive; one silent for this long plus
     *                Quartz's fixed 7.5 s margin is presumed dead, and a scan it was running starts again
     *                on another instance
     */
    public static Map<String, Object> quartzProperties(DataSource ledger, java.time.Duration checkin) {
        String dataSource = "dunning-hub-ledger-" + DATA_SOURCES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return ledger.getConnection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to the hub, which closes it after Camel (and so Quartz) has stopped
            }

            @Override
            public void initialize() {
            }
        });
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        // a trigger written by another process ("scan now" from an operator's tool) is seen within 5 s, not 30
        p.put("org.quartz.scheduler.idleWaitTime", "5000");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount", "1");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.put("org.quartz.jobStore.dataSource", dataSource);
        p.put("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.put("org.quartz.jobStore.isClustered", "true");
        // an instance silent for longer than this (plus a margin) is presumed dead and leaves the cluster
        p.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkin.toMillis()));
        p.put("org.quartz.jobStore.misfireThreshold", "60000");
        return p;
    }
}
