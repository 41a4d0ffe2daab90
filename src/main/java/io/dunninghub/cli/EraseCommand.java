package io.dunninghub.cli;

import io.dunninghub.ledger.Erasure;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code erase}: replace a borrower's personal data in the hub's tables with hashes, on a lawful request. */
@Command(name = "erase", description = "Replace a borrower's personal data in the hub's tables with hashes (masked "
        + "recipients, notes, reasons, masked addresses) and delete the content of their notices, keeping ids, "
        + "counts, reason codes and hashes; the erasure itself is recorded (who, when, why). Cannot be undone.")
public final class EraseCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--borrower", required = true, description = "Borrower id")
    String borrower;

    @Option(names = "--reason", required = true, description = "Why, recorded with the erasure (e.g. the request's "
            + "reference; no personal data)")
    String reason;

    @Option(names = "--by", defaultValue = "${sys:user.name}", description = "Who (recorded; default: the OS user)")
    String by;

    @Override
    public Integer call() throws Exception {
        if (borrower.isBlank() || reason.isBlank()) {
            throw new UsageError("--borrower and --reason must not be empty");
        }
        try (LedgerConnection ledger = new LedgerConnection(options)) {
            ledger.requireCurrent();
            Erasure.Result r = new Erasure(ledger.dataSource()).eraseBorrower(borrower.strip(), reason.strip(),
                    by.strip(), Instant.now());
            System.out.printf("erasure #%d of borrower %s by %s: %s (%d values)%n", r.erasureId(), borrower.strip(),
                    by.strip(), r.summary(), r.total());
        }
        return 0;
    }
}
