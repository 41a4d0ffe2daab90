package io.dunninghub.cli;

import io.dunninghub.ledger.LedgerAdmin;
import io.dunninghub.ledger.LedgerArchive;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code status}: notices by status and channel, and the backlog of notices due now; the archive apart. */
@Command(name = "status", description = "Show notice counts by status and channel in the live ledger, the backlog due "
        + "now, and how many notices the archive holds.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() throws Exception {
        try (LedgerConnection ledger = new LedgerConnection(options)) {
            LedgerAdmin.Status s = ledger.admin().status(Instant.now());
            TreeSet<String> channels = new TreeSet<>();
            s.byStatusAndChannel().values().forEach(m -> channels.addAll(m.keySet()));
            StringBuilder header = new StringBuilder(String.format("%-11s", "status"));
            channels.forEach(c -> header.append(String.format(" %9s", c)));
            header.append(String.format(" %9s", "total"));
            System.out.println(header);
            System.out.println("-".repeat(header.length()));
            for (Map.Entry<String, Map<String, Integer>> e : s.byStatusAndChannel().entrySet()) {
                StringBuilder row = new StringBuilder(String.format("%-11s", e.getKey()));
                channels.forEach(c -> row.append(String.format(" %9d", e.getValue().getOrDefault(c, 0))));
                row.append(String.format(" %9d", e.getValue().values().stream().mapToInt(Integer::intValue).sum()));
                System.out.println(row);
            }
            System.out.printf("%nDue now: %d notices; oldest due for %d s%n", s.dueNow(), s.oldestDueAge().toSeconds());
            if (ledger.isCurrent()) {
                LedgerArchive.Size archived = new LedgerArchive(ledger.dataSource(), Clock.systemUTC()).archivedNotices();
                System.out.printf("Archived: %s%,d notices (finished, not counted above; see 'ledger archive')%n",
                        archived.estimated() ? "about " : "", archived.notices());
            }
        }
        return 0;
    }
}
