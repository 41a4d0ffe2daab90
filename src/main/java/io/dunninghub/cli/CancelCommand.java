package io.dunninghub.cli;

import io.dunninghub.ledger.NoticeActions;
import java.time.Instant;
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
            NoticeActions.Outcome o;
            try {
                o = NoticeActions.cancel(ledger.admin(), borrower, loan, channel, dryRun, by, reason, Instant.now());
            } catch (IllegalArgumentException e) {
                System.err.println("error: --" + e.getMessage());
                return 1;
            }
            o.matched().forEach(r -> System.out.printf("%s %-7s %-7s %s%n", r.id(), r.channel(), r.status(), r.dedupeKey()));
            if (dryRun) {
                System.out.printf("%d pending notices would be cancelled (dry run: nothing changed)%n", o.matched().size());
                return 0;
            }
            System.out.printf("%d pending notices cancelled%n", o.changed());
            if (o.skipped() > 0) {
                System.out.printf("%d were being sent at that moment and were not cancelled%n", o.skipped());
            }
        }
        return 0;
    }
}
