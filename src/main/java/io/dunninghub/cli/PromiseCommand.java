package io.dunninghub.cli;

import io.dunninghub.policy.PolicyStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code promise add|list|remove}: promises to pay, which pause the ladder until the date plus the grace days. */
@Command(name = "promise", description = "Promises to pay: the ladder pauses until the promised date plus the "
        + "policy's grace days, then resumes at the step the days past due call for.",
        subcommands = {PromiseCommand.Add.class, PromiseCommand.ListPromises.class, PromiseCommand.Remove.class})
public final class PromiseCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "add", description = "Record a promise to pay; notices wait as PROMISE_TO_PAY.")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommonOptions options;
        @Option(names = "--borrower", required = true, description = "Borrower id")
        String borrower;
        @Option(names = "--loan", description = "Only this loan (default: every loan of the borrower)")
        String loan;
        @Option(names = "--date", required = true, description = "Promised payment date, e.g. 2026-12-01")
        LocalDate date;
        @Option(names = "--amount", description = "Promised amount (recorded)")
        BigDecimal amount;
        @Mixin
        Attribution why;

        @Override
        public Integer call() throws Exception {
            if (amount != null && amount.signum() <= 0) {
                throw new UsageError("--amount must be more than 0, not " + amount.toPlainString());
            }
            try (PolicyTables tables = new PolicyTables(options)) {
                if (date.isBefore(tables.today())) {
                    throw new CommandRefused("--date " + date + " has already passed (today is " + tables.today()
                            + " in hub.business-zone); nothing recorded");
                }
                tables.requireBorrower(borrower);
                long id = tables.store().addPromise(borrower, loan, date, amount, why.reason, why.by, tables.now());
                System.out.printf("promise #%d: borrower %s%s to pay by %s%n", id, borrower, loan == null ? "" : " loan " + loan, date);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List promises (not removed ones unless --all).")
    static final class ListPromises implements Callable<Integer> {
        @Mixin
        CommonOptions options;
        @Option(names = "--borrower", description = "Borrower id")
        String borrower;
        @Option(names = "--loan", description = "Loan id")
        String loan;
        @Option(names = "--all", description = "Include removed promises")
        boolean all;

        @Override
        public Integer call() throws Exception {
            try (PolicyTables tables = new PolicyTables(options)) {
                List<PolicyStore.PromiseRow> rows = tables.store().promises(borrower, loan, all);
                System.out.printf("%-6s %-12s %-12s %-11s %12s %-12s %s%n", "id", "borrower", "loan", "date", "amount", "by", "reason");
                for (PolicyStore.PromiseRow r : rows) {
                    System.out.printf("%-6d %-12s %-12s %-11s %12s %-12s %s%s%n", r.id(), r.borrowerId(),
                            r.loanId() == null ? "(all)" : r.loanId(), r.promisedDate(),
                            r.amount() == null ? "-" : r.amount().toPlainString(), r.createdBy(), r.reason(),
                            Attribution.removal(r.removedAt(), r.removedBy(), r.removedReason()));
                }
                System.out.printf("%d promises%n", rows.size());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Withdraw a promise (e.g. recorded by mistake; the record stays).")
    static final class Remove extends PolicyRecordRemoval {
        Remove() {
            super("payment_promise", "promise", "removed");
        }
    }
}
