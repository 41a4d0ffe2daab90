package io.dunninghub.ops;

import io.dunninghub.ledger.LedgerAdmin;
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
        for (String s : statuses) {
            if (!s.equals("DEAD") && !s.equals("FAILED")) {
                System.err.println("error: --status takes DEAD and/or FAILED, not " + s);
                return 1;
            }
        }
        try (LedgerConnection ledger = new LedgerConnection(options)) {
            List<LedgerAdmin.NoticeRow> rows = ledger.admin().find(selection.filter(statuses), limit);
            rows.forEach(r -> System.out.printf("%s %-7s %-6s %-22s %-12s %s%n", r.id(), r.channel(), r.status(),
                    r.reason(), r.borrowerId(), r.dedupeKey()));
            if (dryRun) {
                System.out.printf("%d notices would be replayed (dry run: nothing changed)%n", rows.size());
                return 0;
            }
            int n = ledger.admin().replay(rows.stream().map(LedgerAdmin.NoticeRow::id).toList(), by, reason, Instant.now());
            System.out.printf("%d notices replayed: due now%n", n);
        }
        return 0;
    }
}
