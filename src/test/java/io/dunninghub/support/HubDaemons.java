package io.dunninghub.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.daemon.ScanCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/** Hub daemons as separate JVMs ({@code run}), each logging to {@code <logs>/<instance>.log}; killed on close. */
public final class HubDaemons implements AutoCloseable {

    private final Path configDir;
    private final Path logs;
    private final Map<String, Process> running = new LinkedHashMap<>();

    public HubDaemons(Path configDir, Path logs) throws IOException {
        this.configDir = configDir;
        this.logs = Files.createDirectories(logs);
    }

    /** Starts {@code run} with {@code hub.instance-id} = name: small heap, quick start-up. */
    public Process start(String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "io.dunninghub.cli.Main", "run", "--config", configDir.toString(), "--routes", "routes",
                "--set", "hub.instance-id=" + name))
                .redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
        running.put(name, p);
        return p;
    }

    public Process get(String name) {
        return running.get(name);
    }

    public Path log(String name) {
        return logs.resolve(name + ".log");
    }

    /** Fails with the daemon's log when one has stopped. */
    public void assertAlive() throws IOException {
        for (Map.Entry<String, Process> d : running.entrySet()) {
            assertThat(d.getValue().isAlive()).as("%s is running; log:%n%s", d.getKey(), Files.readString(log(d.getKey())))
                    .isTrue();
        }
    }

    /** Lines of an instance's log that contain every one of {@code parts}. */
    public long logLines(String name, String... parts) throws IOException {
        return Files.readAllLines(log(name)).stream().filter(l -> List.of(parts).stream().allMatch(l::contains)).count();
    }

    /**
     * What an operator's "scan now" is in a cluster: Quartz fires the scan's job once, on whichever instance
     * takes it. The scheduler used here is never started: it only writes the trigger.
     */
    public static void fireScanThroughTheCluster(DataSource ledger) throws Exception {
        Properties p = new Properties();
        p.putAll(ScanCluster.quartzProperties(ledger, java.time.Duration.ofSeconds(15)));
        p.put("org.quartz.scheduler.instanceId", "test-operator");
        Scheduler operator = new StdSchedulerFactory(p).getScheduler();
        try {
            List<JobKey> jobs = new ArrayList<>();
            try (Connection c = ledger.getConnection(); Statement s = c.createStatement();
                 // the retention job is stored beside it
                 ResultSet rs = s.executeQuery("SELECT job_name, job_group FROM qrtz_job_details WHERE job_name = 'scan'")) {
                while (rs.next()) {
                    jobs.add(JobKey.jobKey(rs.getString(1), rs.getString(2)));
                }
            }
            assertThat(jobs).as("the scan's job, stored once for the cluster").hasSize(1);
            operator.triggerJob(jobs.get(0));
        } finally {
            operator.shutdown();
        }
    }

    @Override
    public void close() {
        running.values().forEach(Process::destroyForcibly);
    }
}
