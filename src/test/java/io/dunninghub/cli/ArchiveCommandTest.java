package io.dunninghub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger archive} on a real PostgreSQL ledger the daemon wrote: a dry run counts, a real run moves and says
 * what it moved, the planner does not plan an archived notice again, status and the audit still show it.
 */
@Slow
class ArchiveCommandTest {

    @TempDir
    Path work;
    HubFixture hub;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        hub.smsOnlyLadder(); // "dpd: 1..", no "every": one notice per loan, however long it stays overdue
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", null, null, false, 2, today, false);
        hub.borrower("B2", "李娜", "zh-CN", "Asia/Shanghai", "+8613800138001", null, null, false, 2, today, false);
        hub.borrower("B3", "王芳", "zh-CN", "Asia/Shanghai", "+8613800138002", null, null, false, 2, today, false);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", hub.configDir.toString(), "--routes", "routes"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = System.out;
        PrintStream e = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Result(Main.execute(all.toArray(String[]::new)), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    private String cli(String... args) {
        Result r = run(args);
        assertThat(r.exit()).as("exit code of %s: %s", List.of(args), r.err()).isZero();
        return r.out();
    }

    private static String at(Instant i) {
        return i.atOffset(ZoneOffset.ofHours(8)).toString();
    }

    @Test
    void aDryRunCountsARealRunMovesAndTheNoticesAreNotPlannedAgain() throws Exception {
        cli("run", "--once");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(3);
        int events = hub.ledgerCount("SELECT COUNT(*) FROM notice_event");
        Instant later = Instant.now().plus(Duration.ofDays(95));

        // 95 days on the three finished 95 days before: past the configured 90
        String dry = cli("ledger", "archive", "--dry-run", "--at", at(later));
        assertThat(dry).startsWith("dry run: 3 notices with " + events + " events finished before ")
                .contains("would move to the archive (1 batch of 5,000); the archive holds 0 notices");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice")).isEqualTo(3);

        // a shorter age than the configured one would cut into the history the ladders read
        Result tooYoung = run("ledger", "archive", "--older-than-days", "30", "--at", at(later));
        assertThat(tooYoung.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(tooYoung.err()).contains("--older-than-days 30 is less than hub.retention.archive-after-days (90)");
        // 100 days back from then: nothing that old yet
        assertThat(cli("ledger", "archive", "--older-than-days", "100", "--at", at(later)))
                .startsWith("archived 0 notices with 0 events in 0 batches");

        String real = cli("ledger", "archive", "--at", at(later), "--batch", "2");
        assertThat(real).matches("(?s)archived 3 notices with " + events + " events in 2 batches, [0-9.]+ s \\([0-9,]+ "
                + "notices/s\\); finished before \\S+\\n");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice")).isZero();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event")).isZero();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_archive")).isEqualTo(3);
        assertThat(cli("ledger", "archive", "--at", at(later))).startsWith("archived 0 notices");
        assertThat(cli("status")).contains("Archived: 3 notices");
        assertThat(cli("audit", "--borrower", "B1")).contains("SENT");

        // the next day the loans are still overdue and the step still applies: no second notice
        cli("run", "--once", "--at", at(later.plus(Duration.ofDays(1))));
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice")).isZero();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_all")).isEqualTo(3);
        assertThat(hub.twilio.getAllServeEvents()).hasSize(3);
    }

    @Test
    void withArchivingOffTheCommandRefusesAndSaysWhy() throws Exception {
        hub.writeProperties(java.util.Map.of("hub.retention.archive-after-days", "0"));
        cli("run", "--once");
        Result r = run("ledger", "archive", "--dry-run");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("hub.retention.archive-after-days is 0 (never archive)");
    }
}
