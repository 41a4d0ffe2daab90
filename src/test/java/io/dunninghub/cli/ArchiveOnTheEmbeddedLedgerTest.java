package io.dunninghub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.ShippedConfig;
import io.dunninghub.support.Slow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default (H2 and the demo bank) through the command line: a ladder whose one step runs from day 1
 * on with no end and no repeat, sent, archived 95 days later, and scanned again the day after: the planning pass
 * plans none of the archived notices again.
 */
@Slow
class ArchiveOnTheEmbeddedLedgerTest {

    @TempDir
    Path work;

    private String ledgerUrl;
    private Path config;

    private String cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--routes", "routes",
                "--set", "hub.core.url=jdbc:h2:file:" + work.resolve("db/core") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--set", "hub.ledger.url=" + ledgerUrl));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute(all.toArray(String[]::new))).as("exit code of %s", all).isZero();
        } finally {
            System.setOut(o);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(ledgerUrl, "sa", ""); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anOpenEndedOneOffStepIsNotPlannedAgainOnceArchived() throws Exception {
        config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        ledgerUrl = "jdbc:h2:file:" + work.resolve("db/ledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        Files.writeString(config.resolve("ladder.yaml"), """
                ladders:
                  - id: once
                    per: loan
                    steps:
                      - id: reminder
                        dpd: 1..
                        channels:
                          - { channel: sms, template: overdue_early }
                """);
        cli("run", "--once", "--at", "2026-11-23T10:00+08:00");
        long first = count("SELECT COUNT(*) FROM notice");
        assertThat(first).isGreaterThan(100);
        String moved = cli("ledger", "archive", "--at", "2027-02-26T10:00+08:00"); // 95 days on
        long finished = count("SELECT COUNT(*) FROM notice_archive");
        assertThat(finished).isGreaterThan(100);
        assertThat(moved).contains("archived " + String.format("%,d", finished) + " notices");

        cli("run", "--once", "--at", "2027-02-27T10:00+08:00");
        // every loan still overdue calls for its reminder again: none whose notice is archived is planned
        assertThat(count("SELECT COUNT(*) FROM notice n JOIN notice_archive a ON a.dedupe_key = n.dedupe_key")).isZero();
        assertThat(count("SELECT COUNT(*) FROM notice WHERE planned_at < TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00+00'"))
                .isEqualTo(first - finished); // what had not finished stays live
        assertThat(count("SELECT COUNT(*) FROM (SELECT dedupe_key FROM notice_all GROUP BY dedupe_key HAVING COUNT(*) > 1) d"))
                .isZero();
    }
}
