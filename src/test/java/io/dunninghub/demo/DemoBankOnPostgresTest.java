package io.dunninghub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.cli.Main;
import io.dunninghub.support.Postgres;
import io.dunninghub.support.ShippedConfig;
import io.dunninghub.support.Slow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo core bank on PostgreSQL: the hub creates it through its own writable connection, and says nothing personal when it cannot. */
@Slow
class DemoBankOnPostgresTest {

    @Test
    void runOnceCreatesTheDemoBankOnPostgresql(@TempDir Path work) throws Exception {
        String core = Postgres.newDatabase("democore");
        String ledger = Postgres.newDatabase("demoledger");
        Path config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = System.err;
        PrintStream o = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.execute("run", "--once", "--config", config.toString(), "--routes", "routes",
                    "--set", "hub.core.url=" + Postgres.jdbcUrl(core), "--set", "hub.core.username=postgres",
                    "--set", "hub.ledger.url=" + Postgres.jdbcUrl(ledger), "--set", "hub.ledger.username=postgres",
                    "--set", "hub.demo.borrowers=40");
        } finally {
            System.setErr(e);
            System.setOut(o);
        }
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(count(Postgres.dataSource(core), "SELECT COUNT(*) FROM borrower")).isEqualTo(40);
        assertThat(count(Postgres.dataSource(ledger), "SELECT COUNT(*) FROM notice")).isPositive();
    }

    @Test
    void aFailedSeedNamesNoBorrowerNumberOrAddress() throws Exception {
        DataSource core = Postgres.dataSource(Postgres.newDatabase("brokencore"));
        try (Connection c = core.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : DemoBank.SCHEMA) {
                // a column too narrow for the demo names: every borrower row fails
                s.execute(ddl.replace("full_name      VARCHAR(200)", "full_name      VARCHAR(1)"));
            }
        }
        assertThatThrownBy(() -> DemoBank.seed(core, 20, LocalDate.of(2026, 11, 23)))
                .isInstanceOf(SQLException.class)
                .satisfies(t -> {
                    StringBuilder all = new StringBuilder();
                    for (Throwable x = t; x != null; x = x.getCause()) {
                        all.append(x.getMessage()).append('\n');
                        if (x instanceof SQLException sql && sql.getNextException() != null) {
                            all.append(sql.getNextException().getMessage()).append('\n');
                        }
                    }
                    assertThat(all.toString()).contains("demo")
                            .doesNotContain("+86138").doesNotContain("@example.com").doesNotContain("世纪大道")
                            .doesNotContain("B00001");
                    for (String surname : List.of("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周")) {
                        assertThat(all.toString()).doesNotContain("'" + surname);
                    }
                });
    }

    private static int count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
