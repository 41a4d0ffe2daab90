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

        assertSummaryTableAgreesWithItsLists(first.out());

        Result second = cli("run", "--once", "--at", at);
        // nothing new; the catch-ups sent in the first run are not called for again (their step is now in the ledger)
        assertThat(second.out()).contains("0 new notices, ");
        assertThat(notices()).isEqualTo(planned);

        // 23:00 in Shanghai: Shanghai and Taipei borrowers' SMS would wait; nothing is written.
        Result preview = cli("preview", "--at", "2026-11-23T23:00+08:00", "--limit", "100000");
        assertThat(preview.exit()).isZero();
        assertThat(preview.out()).contains("nothing is sent or written").contains("Totals:");
        assertThat(notices()).isEqualTo(planned);
    }

    @Test
    void previewOnAFreshDemoWorksWithoutARunAndWritesNoLedger() throws Exception {
        Result r = cli("preview", "--at", "2026-11-23T10:00+08:00");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("nothing is sent or written").contains("Totals:").contains("SEND (sms)");
        try (Connection c = DriverManager.getConnection(ledgerUrl, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("tables in the ledger").isZero();
        }
    }

    /** application.properties as a Chinese lender writes it, in UTF-8: the app name reaches the SMS intact. */
    @Test
    void applicationPropertiesInUtf8ReachesTheSmsIntact() throws Exception {
        Path props = config.resolve("application.properties");
        // the zh-CN wording of the lender, which the shipped file sets in Chinese
        Files.writeString(props, Files.readString(props).replace("hub.lender.zh-CN.app-name = 示例借", "hub.lender.zh-CN.app-name = 欠趣分期")
                .replace("hub.lender.zh-CN.short-name = 示例金融", "hub.lender.zh-CN.short-name = 欠趣消费金融"));
        // SMS at any hour, so the test does not depend on the time of day in Shanghai
        Path policy = config.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(policy).replace("  sms: \"08:00-21:00\"", "  sms: always"));
        assertThat(cli("validate").exit()).isZero();
        Result run = cli("run", "--once");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> chinese;
        try (Stream<Path> files = Files.list(work.resolve("outbox/sms"))) {
            chinese = files.map(f -> {
                try {
                    return Files.readString(f, StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(t -> t.contains("尊敬的")).toList();
        }
        assertThat(chinese).isNotEmpty().allSatisfy(t -> assertThat(t).contains("【欠趣消费金融】").doesNotContain("æ"));
        assertThat(chinese).anySatisfy(t -> assertThat(t).contains("“欠趣分期”App"));
    }

    /** run refuses what validate refuses, and does so before any database exists. */
    @Test
    void runRefusesUnknownKeysAndABadProvidersFileBeforeTouchingADatabase() throws Exception {
        Path props = config.resolve("application.properties");
        String original = Files.readString(props);
        Files.writeString(props, original + "\nhub.dispatch.threds = 4\n");
        Result typo = cli("run", "--once");
        assertThat(typo.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(typo.err()).contains("application.properties: hub.dispatch.threds: unknown key");

        Files.writeString(props, original);
        Result asOf = cli("run", "--once", "--set", "hub.as-of=2026-11-23");
        assertThat(asOf.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(asOf.err()).contains("hub.as-of: unknown key");

        Path providers = config.resolve("providers.yaml");
        Files.writeString(providers, Files.readString(providers).replace("adapter: agency-file", "adapter: agency-fil"));
        Result bad = cli("run", "--once");
        assertThat(bad.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(bad.err()).contains("providers.yaml").contains("agency-fil");
        try (Stream<Path> db = Files.exists(work.resolve("db")) ? Files.list(work.resolve("db")) : Stream.empty()) {
            assertThat(db.map(Path::toString)).as("no database was created or migrated").isEmpty();
        }
    }

    /**
     * The table's suppressed and deferred columns count what the lists below them count: those planned so, and those
     * suppressed or deferred again at send time.
     */
    private static void assertSummaryTableAgreesWithItsLists(String out) {
        List<String> lines = out.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("channel ")) {
                header = i;
            }
        }
        assertThat(header).as(out).isPositive();
        List<String> columns = List.of(lines.get(header).trim().split("\\s+"));
        long suppressed = 0;
        long deferred = 0;
        for (int i = header + 2; i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).startsWith("("); i++) {
            String[] cells = lines.get(i).trim().split("\\s+");
            suppressed += Long.parseLong(cells[columns.indexOf("suppressed")]);
            deferred += Long.parseLong(cells[columns.indexOf("deferred")]);
        }
        long listedSuppressed = section(lines, "Suppressed when planned", k -> !k.contains("rows ignored"))
                + section(lines, "Dispatch outcomes with a reason", k -> k.startsWith("SUPPRESSED "));
        long listedDeferred = section(lines, "Deferred when planned", k -> true)
                + section(lines, "Dispatch outcomes with a reason", k -> k.startsWith("DEFERRED "));
        assertThat(listedSuppressed).as(out).isPositive();
        assertThat(listedDeferred).as(out).isPositive();
        assertThat(suppressed).as("suppressed column\n" + out).isEqualTo(listedSuppressed);
        assertThat(deferred).as("deferred column\n" + out).isEqualTo(listedDeferred);
    }

    private static long section(List<String> lines, String title, java.util.function.Predicate<String> counted) {
        long sum = 0;
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(title) && lines.get(i).endsWith(":")) {
                at = i;
            }
        }
        for (int i = at + 1; at >= 0 && i < lines.size() && lines.get(i).startsWith("  "); i++) {
            String line = lines.get(i).strip();
            int split = line.lastIndexOf(' ');
            if (counted.test(line.substring(0, split).strip())) {
                sum += Long.parseLong(line.substring(split + 1));
            }
        }
        return sum;
    }
}
