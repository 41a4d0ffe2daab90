package io.dunninghub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server (Debian's {@code mariadb-server}) started by the test in a scratch directory, on a free
 * loopback port, and stopped with it. Without the package the test is skipped, except in CI ({@code CI=true}),
 * where {@code .ci/run} installs it and its absence is a failure.
 */
public final class MariaDb implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

    private final Path dir;
    private final int port;
    private final Process process;

    private MariaDb(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Skips the calling test when MariaDB is not installed and this is not CI. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(SERVER) && Files.isExecutable(INSTALL);
        assumeTrue(installed || "true".equals(System.getenv("CI")),
                "MariaDB not installed (Debian: apt-get install mariadb-server); CI installs it");
        assertThat(installed).as("%s and %s (CI=true: .ci/run installs mariadb-server)", SERVER, INSTALL).isTrue();
    }

    /** A fresh server with an empty data directory under {@code dir}; root logs in over TCP without a password. */
    public static MariaDb start(Path dir) throws Exception {
        assumeInstalled();
        Path data = Files.createDirectories(dir.resolve("data"));
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> install = new ArrayList<>(List.of(INSTALL.toString(), "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (root) {
            install.add("--user=root"); // mariadbd refuses to run as root unless told to
        }
        Process p = new ProcessBuilder(install).redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("mariadb-install-db finished").isTrue();
        assertThat(p.exitValue()).as("mariadb-install-db: %s", Files.readString(dir.resolve("install.log"))).isZero();

        int port = HubFixture.freePort();
        List<String> server = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + data,
                "--socket=" + dir.resolve("mariadb.sock"), "--port=" + port, "--bind-address=127.0.0.1",
                "--pid-file=" + dir.resolve("mariadb.pid"), "--log-error=" + dir.resolve("error.log"),
                "--innodb-buffer-pool-size=32M", "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci"));
        if (root) {
            server.add("--user=root");
        }
        Process mariadbd = new ProcessBuilder(server).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mariadbd.out").toFile()).start();
        MariaDb db = new MariaDb(dir, port, mariadbd);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Connection c = db.root()) {
                dropAnonymousUsers(c); // they would match before any user@'%' the test creates
                return db;
            } catch (SQLException e) {
                if (!mariadbd.isAlive() || Instant.now().isAfter(deadline)) {
                    db.close();
                    throw new IllegalStateException("MariaDB did not start: " + db.errorLog(), e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static void dropAnonymousUsers(Connection c) throws SQLException {
        List<String> anonymous = new ArrayList<>();
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
            while (rs.next()) {
                anonymous.add(rs.getString(1));
            }
        }
        for (String host : anonymous) {
            try (var s = c.createStatement()) {
                s.execute("DROP USER ''@'" + host.replace("'", "''") + "'");
            }
        }
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:mysql://127.0.0.1:<port>/<database>} and the given parameters, for the shipped MySQL driver. */
    public String mysqlUrl(String database, String parameters) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    public Connection root() throws SQLException {
        return DriverManager.getConnection(mysqlUrl("", ""), "root", "");
    }

    public String errorLog() {
        try {
            return Files.readString(dir.resolve("error.log"));
        } catch (IOException e) {
            return "(no error log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
