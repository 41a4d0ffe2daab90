package io.dunninghub.cli;

import io.dunninghub.config.HubConfig;
import io.dunninghub.daemon.Stages;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.plan.PlanningPass;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code preview}: what a scan at an instant would plan and send, with reasons. Sends and writes nothing. */
@Command(name = "preview", description = "Show what would be planned and sent at an instant; sends and writes nothing.")
public final class PreviewCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--at", paramLabel = "TIME", description = "Instant to preview, e.g. 2026-11-23T09:00+08:00 (default: now)")
    OffsetDateTime at;

    @Option(names = "--limit", defaultValue = "200", description = "Most rows to list (default: ${DEFAULT-VALUE}); counts cover all")
    int limit;

    @Override
    public Integer call() throws Exception {
        Instant instant = at == null ? Instant.now() : at.toInstant();
        HubConfig config = ValidateCommand.checked(options);
        if (config.settings().scanFromRoute()) {
            // the rows come from the integrator's routes, which run only in the daemon
            throw new CommandRefused("hub.scan.source is route: the installments come from the routes feeding "
                    + "direct:installments, which only the daemon runs; preview reads the SQL scan (hub.scan.source = sql)");
        }
        try (Stages stages = Stages.preview(config, Clock.fixed(instant, ZoneOffset.UTC))) {
            print(System.out, instant, stages.planningPass().preview(instant), limit);
        }
        return ExitCodes.OK;
    }

    static void print(PrintStream out, Instant at, List<PlanningPass.PreviewRow> rows, int limit) {
        out.printf("Preview at %s (nothing is sent or written)%n%n", at);
        out.printf("%-18s %-10s %-10s %-7s %-26s %s%n", "debt", "borrower", "step", "channel", "decision", "note");
        Map<String, Long> counts = new TreeMap<>();
        int shown = 0;
        for (PlanningPass.PreviewRow row : rows) {
            NoticeDraft d = row.draft();
            String decision;
            if (d.status() == NoticeStatus.SUPPRESSED) {
                decision = "SUPPRESS " + d.reason();
            } else if (d.deferredBy() != null) {
                decision = "DEFER " + d.deferredBy();
            } else {
                decision = "SEND";
            }
            String note = row.alreadyInLedger() ? "already planned earlier: nothing new"
                    : d.deferredBy() != null && d.detail() == null ? "not before " + d.notBefore()
                    : d.detail() == null ? "" : d.detail();
            counts.merge((row.alreadyInLedger() ? "ALREADY PLANNED" : decision) + " (" + d.channel() + ")", 1L, Long::sum);
            if (shown++ < limit) {
                // the debt as its dedupe key names it: loan/L1, borrower/B1, or the installment
                String debt = d.dedupeKey().substring(0, d.dedupeKey().indexOf(':'));
                out.printf("%-18s %-10s %-10s %-7s %-26s %s%n", debt, d.borrowerId(), d.stepId(),
                        d.channel(), decision, note);
            }
        }
        if (rows.size() > limit) {
            out.printf("... %d more rows (use --limit)%n", rows.size() - limit);
        }
        out.printf("%nTotals:%n");
        counts.forEach((k, v) -> out.printf("  %-40s %6d%n", k, v));
    }
}
