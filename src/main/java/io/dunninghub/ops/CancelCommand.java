package io.dunninghub.ops;

import io.dunninghub.ledger.LedgerAdmin;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cancel}: stops a borrower's or loan's pending notices, e.g. after a complaint or an arrangement. */
@Command(name = "cancel", description = "Cancel a borrower's or a loan's pending notices, with a recorded reason.")
public final class CancelCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--borrower", description = "Borrower id")
    String borrower;

    @Option(names = "--loan", description = "Loan id")
    String loan;

    @Option(names = "--channel", description = "Only this channel")
    String channel;

    @Option(names = "--reason", required = true, description = "Why (recorded in the audit trail)")
    String reason;

    @Option(names = "--by", defaultValue = "${sys:user.name}", description = "Who cancels (recorded; default: the OS user)")
    String by;

    @Option(names = "--dry-run", description = "List what would be cancelled and change nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (borrower == null && loan == null) {
            System.err.println("error: give --borrower or --loan");
            return 1;
        }
        try (LedgerConnection ledger = new LedgerConnection(options)) {
            List<LedgerAdmin.NoticeRow> rows = ledger.admin().find(new LedgerAdmin.Filter(List.of("PLANNED", "RETRY"),
                    channel, null, borrower, loan, null, null), Integer.MAX_VALUE);
            rows.forEach(r -> System.out.printf("%s %-7s %-7s %s%n", r.id(), r.channel(), r.status(), r.dedupeKey()));
            if (dryRun) {
                System.out.printf("%d pending notices would be cancelled (dry run: nothing changed)%n", rows.size());
                return 0;
            }
            int n = ledger.admin().cancel(rows.stream().map(LedgerAdmin.NoticeRow::id).toList(), by, reason, Instant.now());
            System.out.printf("%d pending notices cancelled%n", n);
            if (n < rows.size()) {
                System.out.printf("%d were being sent at that moment and were not cancelled%n", rows.size() - n);
            }
        }
        return 0;
    }
}
