package io.dunninghub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.ShippedConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * How the command line answers a person finding their way: {@code --help} on every command and subcommand, the
 * {@code help} command, and one-line errors for values it cannot read (no Java class names, no stack traces).
 * None of these touch a database.
 */
class CommandLineUsageTest {

    @TempDir
    Path work;
    Path config;

    @BeforeEach
    void copyShippedConfig() throws Exception {
        config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
    }

    record Result(int exit, String out, String err) {
    }

    private static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = System.out;
        PrintStream e = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Result(Main.execute(args), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    /** Every command path of the command line: [run], [hold], [hold, add], ... */
    private static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> into) {
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandName().equals(name)) {
                return; // an alias
            }
            List<String> p = new ArrayList<>(path);
            p.add(name);
            into.add(p);
            collect(sub, p, into);
        });
    }

    @Test
    void everyCommandAndSubcommandPrintsItsHelpAndExitsZero() {
        List<List<String>> paths = commandPaths();
        assertThat(paths).extracting(p -> String.join(" ", p))
                .contains("run", "preview", "validate", "status", "replay", "cancel", "audit", "hold add", "hold list",
                        "hold remove", "promise add", "optout remove", "ledger", "ledger archive", "help");
        for (List<String> path : paths) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                Result r = cli(args.toArray(String[]::new));
                String name = String.join(" ", path);
                assertThat(r.exit()).as("%s %s: %s", name, flag, r.err()).isZero();
                assertThat(r.out()).as(name).contains("Usage: dunning-hub " + name);
                assertThat(r.err()).as(name).isEmpty();
            }
        }
    }

    @Test
    void ledgerArchiveSaysWhatItMovesAndTakesItsOptions() {
        Result r = cli("ledger", "archive", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: dunning-hub ledger archive").contains("--older-than-days=N")
                .contains("hub.retention.archive-after-days").contains("--at=TIME").contains("--batch=N")
                .contains("--dry-run").contains("SENT, FAILED, DEAD, SUPPRESSED, CANCELLED").contains("progress line");
        Result bad = cli("ledger", "archive", "--older-than-days", "many");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).startsWith("error: ").contains("--older-than-days").contains("see 'dunning-hub ledger archive --help'");
        Result zero = cli("ledger", "archive", "--older-than-days", "0", "--config", config.toString());
        assertThat(zero.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("--older-than-days must be at least 1");
    }

    @Test
    void theHelpCommandPrintsTheHelpOfAnyCommand() {
        Result all = cli("help");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains("Usage: dunning-hub").contains("hold").contains("validate");
        Result hold = cli("help", "hold");
        assertThat(hold.exit()).isZero();
        assertThat(hold.out()).contains("Usage: dunning-hub hold").contains("add").contains("remove");
    }

    @Test
    void valuesTheCommandLineCannotReadGetOneLineWithoutJavaClassNames() {
        List<List<String>> bad = List.of(
                List.of("hold", "add", "--borrower", "B1", "--kind", "DISPUTE", "--until", "tomorrow", "--reason", "x"),
                List.of("promise", "add", "--borrower", "B1", "--date", "tomorrow", "--reason", "x"),
                List.of("promise", "add", "--borrower", "B1", "--date", "2026-13-01", "--reason", "x"),
                List.of("promise", "add", "--borrower", "B1", "--date", "2026-12-01", "--amount", "lots", "--reason", "x"),
                List.of("preview", "--at", "2026-11-23 09:00"),
                List.of("audit", "--borrower", "B1", "--from", "23/11/2026"),
                List.of("replay", "--to", "yesterday", "--dry-run"),
                List.of("preview", "--limit", "many"),
                List.of("hold", "remove", "--id", "one", "--reason", "x"));
        for (List<String> args : bad) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--config", config.toString(), "--routes", "routes"));
            Result r = cli(all.toArray(String[]::new));
            String what = String.join(" ", args);
            assertThat(r.exit()).as("%s: %s", what, r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().strip().lines()).as(what + ":\n" + r.err()).hasSize(1);
            assertThat(r.err()).as(what).startsWith("error: ")
                    .doesNotContain("java.").doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("LocalDate")
                    .doesNotContain("OffsetDateTime").doesNotContain("BigDecimal");
            assertThat(r.out()).as(what).isEmpty();
        }
        Result until = cli("hold", "add", "--borrower", "B1", "--kind", "DISPUTE", "--until", "tomorrow", "--reason", "x",
                "--config", config.toString());
        assertThat(until.err()).contains("--until").contains("'tomorrow'").contains("2026-12-31");
        Result date = cli("promise", "add", "--borrower", "B1", "--date", "2026-13-01", "--reason", "x",
                "--config", config.toString());
        assertThat(date.err()).contains("--date").contains("'2026-13-01'").contains("see 'dunning-hub promise add --help'");
    }

    @Test
    void anUnknownOptionOrAMissingOneIsOneLineToo() {
        Result unknown = cli("status", "--bogus");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).contains("Unknown option: '--bogus'").contains("see 'dunning-hub status --help'");
        Result missing = cli("hold", "add", "--borrower", "B1");
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err().strip().lines()).hasSize(1);
        assertThat(missing.err()).contains("Missing required option");
    }
}
