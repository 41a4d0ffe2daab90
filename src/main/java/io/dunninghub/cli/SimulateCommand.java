package io.dunninghub.cli;

import io.dunninghub.config.HubConfig;
import io.dunninghub.daemon.Simulator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code simulate}: the ladder day by day on a scratch ledger, with scripted call results and payments; prints per
 * day what would be sent, deferred and suppressed and why. Sends nothing and writes nothing to the real ledger.
 */
@Command(name = "simulate", description = {"Run the ladder day by day on a scratch ledger: what would be sent, deferred and "
        + "suppressed each day, and why.", "Sends nothing, writes nothing to the real ledger."})
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First business day, e.g. 2026-11-02")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last business day (at most 400 days after --from)")
    LocalDate to;

    @Option(names = "--borrower", paramLabel = "ID", description = "Only this borrower, starting from their real history "
            + "in the ledger (default: every borrower the scan returns, from an empty ledger)")
    String borrower;

    @Option(names = "--outcomes", paramLabel = "FILE", description = "Scripted call results and payments (YAML, see "
            + "docs/reference/cli.md#simulate)")
    Path outcomes;

    @Option(names = "--scan-at", defaultValue = "10:00", paramLabel = "HH:MM",
            description = "Local time of each day's scan in the business zone (default: ${DEFAULT-VALUE})")
    LocalTime scanAt;

    @Option(names = "--all-events", description = "Also list each notice's PLANNED event, not only sends, deferrals, "
            + "suppressions and outcomes")
    boolean allEvents;

    @Override
    public Integer call() throws Exception {
        if (to.isBefore(from) || to.isAfter(from.plusDays(400))) {
            System.err.println("simulate: --to must be on or after --from and at most 400 days after it");
            return ExitCodes.CONFIG;
        }
        HubConfig config = ValidateCommand.checked(options);
        if (config.settings().scanFromRoute() || config.settings().recheckFromRoute()
                || config.settings().contactsFromRoute()) {
            // the integrator's routes run only in the daemon; the simulator reads the core bank with SQL
            throw new CommandRefused("hub.scan.source, hub.recheck.source or hub.contacts.source is route: the core "
                    + "bank is read by routes, which only the daemon runs; simulate reads it with SQL (sql)");
        }
        // the day-by-day table is the output: the scan's and dispatch's own progress lines would only interleave
        if (org.slf4j.LoggerFactory.getLogger("io.dunninghub") instanceof ch.qos.logback.classic.Logger hub) {
            hub.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        List<Simulator.Scripted> script = outcomes == null ? List.of() : Simulator.script(outcomes);
        ZoneId zone = config.settings().zone("hub.business-zone");
        PrintStream out = System.out;
        out.printf("Simulation %s to %s%s, scan at %s %s (nothing is sent; the real ledger is not written)%n%n", from,
                to, borrower == null ? "" : " for borrower " + borrower, scanAt, zone.getId());
        Map<String, Long> totals = new TreeMap<>();
        try (Simulator sim = Simulator.open(config, borrower, script, scanAt, from)) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                List<Simulator.Line> lines = sim.day(d);
                out.println(d + " (" + d.getDayOfWeek().toString().substring(0, 3) + ")");
                int shown = 0;
                for (Simulator.Line l : lines) {
                    if (!allEvents && l.event().equals("PLANNED")) {
                        continue;
                    }
                    shown++;
                    totals.merge(l.event() + (l.reason() == null ? "" : " " + l.reason()), 1L, Long::sum);
                    out.printf("  %s  %-20s %-12s %-7s %-10s %s%s%n", l.at().atZone(zone).toLocalTime(), l.debt(),
                            l.step(), l.channel(), l.event(), l.reason() == null ? "" : l.reason(),
                            l.detail() == null ? "" : "  " + l.detail());
                }
                if (shown == 0) {
                    out.println("  nothing");
                }
            }
        }
        out.println();
        out.println("Totals:");
        totals.forEach((k, v) -> out.printf("  %-40s %d%n", k, v));
        return ExitCodes.OK;
    }
}
