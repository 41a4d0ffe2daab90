package io.dunninghub.cli;

import io.dunninghub.ledger.NoticeActions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code replay}: makes dead or failed notices due again (send-time rules still apply). */
@Command(name = "replay", description = "Make DEAD or FAILED notices due again; --dry-run lists them only.")
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Mixin
    NoticeSelection selection;

    @Option(names = "--status", split = ",", defaultValue = "DEAD,FAILED", description = "DEAD, FAILED or both (default: ${DEFAULT-VALUE})")
    List<String> statuses;

    @Option(names = "--dry-run", description = "List what would be replayed and change nothing")
    boolean dryRun;

    @Option(names = "--by", defaultValue = "${sys:user.name}", description = "Who replays (recorded; default: the OS user)")
    String by;

    @Option(names = "--reason", defaultValue = "replayed by operator", description = "Why (recorded)")
    String reason;

    @Option(names = "--limit", defaultValue = "10000", description = "Most notices per run (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
        try (LedgerConnection ledger = new LedgerConnection(options)) {
            NoticeActions.Outcome o;
            try {
                o = NoticeActions.replay(ledger.admin(), selection::filter, statuses, limit, dryRun, by, reason, Instant.now());
            } catch (IllegalArgumentException e) {
                System.err.println("error: --" + e.getMessage());
                return 1;
            }
            o.matched().forEach(r -> System.out.printf("%s %-7s %-6s %-22s %-12s %s%n", r.id(), r.channel(), r.status(),
                    r.reason(), r.borrowerId(), r.dedupeKey()));
            if (dryRun) {
                System.out.printf("%d notices would be replayed (dry run: nothing changed)%n", o.matched().size());
                return 0;
            }
            System.out.printf("%d notices replayed: due now%n", o.changed());
        }
        return 0;
    }
}
