package io.dunninghub.daemon;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.dunninghub.support.ShippedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as its own process: SIGTERM stops it cleanly, with exit code 0 and no notice left claimed. */
@Slow
class SigtermTest {

    @Test
    void sigtermFinishesOrReleasesInFlightNoticesAndExitsZero(@TempDir Path work) throws Exception {
        Path outbox = work.resolve("outbox");
        Path config = ShippedConfig.copyTo(work.resolve("config"), outbox);
        // Every hour is allowed here, so the daemon has work whatever the time of day the test runs.
        Path policy = config.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(policy).replaceAll("\"08:00-21:00\"", "always"));
        String ledgerUrl = "jdbc:h2:file:" + work.resolve("db/ledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        String coreUrl = "jdbc:h2:file:" + work.resolve("db/core") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and one GC thread: the daemon starts sooner on a busy machine, and speed is not what this test measures
        Process daemon = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.dunninghub.cli.Main", "run", "--config", config.toString(), "--routes", "routes",
                "--set", "hub.core.url=" + coreUrl, "--set", "hub.ledger.url=" + ledgerUrl,
                "--set", "hub.demo.borrowers=2000", "--set", "hub.dispatch.batch-size=20",
                "--set", "hub.dispatch.threads=2", "--set", "hub.http.port=" + io.dunninghub.support.HubFixture.freePort()))
                .redirectErrorStream(true).redirectOutput(work.resolve("daemon.log").toFile()).start();
        try {
            // JVM start-up, demo data and the first batches: 40 s and more on a loaded 2-core machine
            await().atMost(Duration.ofSeconds(180)).until(() -> count(outbox.resolve("sms")) > 20);
            daemon.destroy(); // SIGTERM
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("daemon stopped").isTrue();
        } finally {
            daemon.destroyForcibly();
        }
        String log = Files.readString(work.resolve("daemon.log"));
        assertThat(daemon.exitValue()).as("exit code; log:%n%s", log).isZero();
        try (Connection c = DriverManager.getConnection(ledgerUrl, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM notice WHERE status = 'CLAIMED'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("notices left claimed").isZero();
        }
        // Everything that reached the provider is recorded as sent, and the stop came mid-way.
        try (Connection c = DriverManager.getConnection(ledgerUrl, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT SUM(CASE WHEN status = 'SENT' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'PLANNED' THEN 1 ELSE 0 END) FROM notice WHERE channel = 'sms'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("sms recorded SENT vs files in the outbox").isEqualTo(count(outbox.resolve("sms")));
            assertThat(rs.getLong(2)).as("sms still planned after the stop").isPositive();
        }
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".txt")).count();
        }
    }
}
