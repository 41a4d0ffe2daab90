package io.dunninghub.cli;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.cli.Main;
import io.dunninghub.support.ShippedConfig;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped configuration on the embedded default (H2 + demo bank), driven through the command line. */
@Slow
class CommandLineTest {

    @TempDir
    Path work;
    Path config;
    String coreUrl;
    String ledgerUrl;

    @BeforeEach
    void copyShippedConfig() throws Exception {
        config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        coreUrl = "jdbc:h2:file:" + work.resolve("db/core") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        ledgerUrl = "jdbc:h2:file:" + work.resolve("db/ledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    }

    record Result(int exit, String out, String err) {
    }

    private Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--routes", "routes",
                "--set", "hub.core.url=" + coreUrl, "--set", "hub.ledger.url=" + ledgerUrl));
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

    private int notices() throws Exception {
        try (Connection c = DriverManager.getConnection(ledgerUrl, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM notice")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void shippedConfigValidates() {
        Result r = cli("validate");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void validateNamesFileKeyAndProblem() throws Exception {
        Path ladder = config.resolve("ladder.yaml");
        Files.writeString(ladder, Files.readString(ladder).replace("dpd: 4..29", "dpd: 3..29")
                .replace("template: overdue_letter", "template: overdue_lettr")
                .replace("{ channel: push,  template: overdue_early }", "{ channel: pigeon, template: overdue_early }"));
        Files.writeString(config.resolve("application.properties"),
                Files.readString(config.resolve("application.properties")) + "\nhub.dispatch.treads = 4\nhub.dispatch.batch-size = -1\n"
                        + "hub.render.letter-paper = B5\n");
        Result r = cli("validate");
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err())
                .contains("ladder.yaml: ladders[0].steps[1].dpd: range 3..29 overlaps step 'early'")
                .contains("application.properties: hub.dispatch.treads: unknown key")
                .contains("application.properties: hub.dispatch.batch-size: must be at least 1")
                .contains("application.properties: hub.render.letter-paper: must be A4 or LETTER, not 'B5'");
        // With the overlap fixed the channel and template problems show.
        Files.writeString(ladder, Files.readString(ladder).replace("dpd: 3..29", "dpd: 4..29"));
        Path props = config.resolve("application.properties");
        Files.writeString(props, Files.readString(props).replace("hub.render.letter-paper = B5\n", ""));
        Result again = cli("validate");
        assertThat(again.err())
                .contains("ladders[0].steps[0].channels[1].channel: unknown channel 'pigeon'")
                .contains("ladders[0].steps[2].channels[0].template: 'overdue_lettr' for letter: TEMPLATE_MISSING");
    }

    @Test
    void validateCatchesATemplateWithAMissingVariable() throws Exception {
        Path t = config.resolve("templates/en/overdue_early.sms.ftl");
        Files.writeString(t, Files.readString(t) + " ${installment.penalty}");
        Result r = cli("validate");
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("overdue_early.sms.ftl").contains("installment.penalty");
    }

    @Test
    void runRefusesToStartOnAConfigAReloadWouldRefuse() throws Exception {
        // each file parses on its own; only the checks across files (template against the model) find this
        Path t = config.resolve("templates/en/overdue_early.sms.ftl");
        Files.writeString(t, Files.readString(t) + " ${installment.penalty}");
        Result r = cli("run", "--once");
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("config error: ").contains("overdue_early.sms.ftl").contains("installment.penalty");
        assertThat(r.out()).doesNotContain("new notices");
    }

    @Test
    void runOnceOnTheEmbeddedDemoThenPreviewWritesNothing() throws Exception {
        // 10:00 in Shanghai and Taipei, 21:00 the evening before in New York: the business clock, not the machine's
        String at = "2026-11-23T10:00+08:00";
        Result first = cli("run", "--once", "--at", at);
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("new notices").contains("INVALID_ADDRESS (sms)");
        int planned = notices();
        assertThat(planned).isGreaterThan(300);
        for (String channel : List.of("sms", "email", "push", "letter", "call")) {
            try (Stream<Path> files = Files.list(work.resolve("outbox/" + channel))) {
                assertThat(files.count()).as(channel).isPositive();
            }
        }
        // on a first run nothing was sent before: the agency hand-off waits for the final notice it requires
        assertThat(first.out()).contains("EVIDENCE_MISSING (agency)");
        assertThat(work.resolve("outbox/agency")).doesNotExist();

        Result second = cli("run", "--once", "--at", at);
        assertThat(second.out()).contains("0 new notices, " + planned + " already planned");

        // 23:00 in Shanghai: Shanghai and Taipei borrowers' SMS would wait; nothing is written.
        Result preview = cli("preview", "--at", "2026-11-23T23:00+08:00", "--limit", "100000");
        assertThat(preview.exit()).isZero();
        assertThat(preview.out()).contains("nothing is sent or written").contains("Totals:");
        assertThat(notices()).isEqualTo(planned);
    }

    @Test
    void previewBeforeAnyRunSaysWhatToDo() {
        Result r = cli("preview");
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("hub.demo.enabled").contains("run --once");
    }
}
