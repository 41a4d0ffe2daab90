package io.dunninghub.cli;

import io.dunninghub.dispatch.DispatchSummary;
import io.dunninghub.plan.PlanSummary;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The table {@code run --once} prints: planned, suppressed and deferred by reason, and outcomes per channel. */
public final class SummaryTable {

    private static final List<String> SENT_OR_NOT = List.of("SENT", "RETRY", "FAILED", "DEAD");

    private SummaryTable() {
    }

    public static void print(PrintStream out, PlanSummary plan, DispatchSummary dispatch) {
        out.printf("%nScan: %d installments read (%d unreadable) in %d ms; %d new notices, %d already planned%n",
                plan.rows(), plan.badRows(), plan.millis(), plan.newNotices(), plan.alreadyPlanned());
        TreeSet<String> channels = new TreeSet<>(plan.plannedByChannel().keySet());
        channels.addAll(plan.suppressedByChannel().keySet());
        dispatch.byTypeAndChannel().values().forEach(m -> channels.addAll(m.keySet()));
        StringBuilder header = new StringBuilder(String.format("%-10s %8s", "channel", "planned"));
        SENT_OR_NOT.forEach(o -> header.append(String.format(" %10s", o.toLowerCase(java.util.Locale.ROOT))));
        header.append(String.format(" %10s %10s", "suppressed", "deferred"));
        out.println();
        out.println(header);
        out.println("-".repeat(header.length()));
        for (String ch : channels) {
            StringBuilder row = new StringBuilder(String.format("%-10s %8d", ch, plan.plannedByChannel().getOrDefault(ch, 0L)));
            SENT_OR_NOT.forEach(o -> row.append(String.format(" %10d", dispatch.count(o, ch))));
            // when planned and again at send time: the same notices the lists below count by reason
            row.append(String.format(" %10d %10d",
                    plan.suppressedByChannel().getOrDefault(ch, 0L) + dispatch.count("SUPPRESSED", ch),
                    plan.deferredByChannel().getOrDefault(ch, 0L) + dispatch.count("DEFERRED", ch)));
            out.println(row);
        }
        out.println("(suppressed and deferred: when planned and at send time; by reason below)");
        section(out, "Suppressed when planned (reason, channel)", plan.suppressedByReason());
        section(out, "Deferred when planned (reason, channel)", plan.deferredByReason());
        section(out, "Dispatch outcomes with a reason", dispatch.reasons());
        if (dispatch.released() > 0) {
            out.printf("%nReleased unsent to the ledger on shutdown: %d%n", dispatch.released());
        }
    }

    private static void section(PrintStream out, String title, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        out.printf("%n%s:%n", title);
        counts.forEach((k, v) -> out.printf("  %-44s %6d%n", k, v));
    }
}
