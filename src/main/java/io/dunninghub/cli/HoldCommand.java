package io.dunninghub.cli;

import io.dunninghub.policy.PolicyStore;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hold add|list|remove}: legal holds that stop all contact with a borrower or about one loan. */
@Command(name = "hold", description = "Legal holds (dispute, complaint, hardship, bankruptcy, deceased, cease "
        + "communication) that stop all contact with a borrower or about a loan.",
        subcommands = {HoldCommand.Add.class, HoldCommand.ListHolds.class, HoldCommand.Remove.class})
public final class HoldCommand implements Runnable {

    public static final List<String> KINDS = PolicyStore.HOLD_KINDS;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "add", description = "Put a borrower (or one of their loans) on hold; every notice is suppressed as LEGAL_HOLD.")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommonOptions options;
        @Option(names = "--borrower", required = true, description = "Borrower id")
        String borrower;
        @Option(names = "--loan", description = "Only this loan (default: every loan of the borrower)")
        String loan;
        @Option(names = "--kind", required = true, description = "DISPUTE, COMPLAINT, HARDSHIP, BANKRUPTCY, DECEASED or CEASE_COMMUNICATION")
        String kind;
        @Option(names = "--until", description = "Expiry: a date (to the end of that day in hub.business-zone) or an instant; default: none")
        String until;
        @Mixin
        Attribution why;

        @Override
        public Integer call() throws Exception {
            String k = kind.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            if (!KINDS.contains(k)) {
                throw new UsageError("--kind must be one of " + String.join(", ", KINDS) + ", not '" + kind + "'");
            }
            try (PolicyTables tables = new PolicyTables(options)) {
                Instant expires = until == null ? null : OptionValues.until("--until", until, tables.businessZone());
                if (expires != null && !expires.isAfter(tables.now())) {
                    throw new CommandRefused("--until " + until + " has already passed (a hold that ended protects "
                            + "nobody); nothing recorded");
                }
                tables.requireBorrower(borrower);
                long id = tables.store().addHold(borrower, loan, k, expires, why.reason, why.by, tables.now());
                System.out.printf("hold #%d: %s on borrower %s%s%s%n", id, k, borrower, loan == null ? "" : " loan " + loan,
                        expires == null ? "" : " until " + expires);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List active holds (with --all also expired and lifted ones).")
    static final class ListHolds implements Callable<Integer> {
        @Mixin
        CommonOptions options;
        @Option(names = "--borrower", description = "Borrower id")
        String borrower;
        @Option(names = "--loan", description = "Loan id")
        String loan;
        @Option(names = "--all", description = "Include expired and lifted holds")
        boolean all;

        @Override
        public Integer call() throws Exception {
            try (PolicyTables tables = new PolicyTables(options)) {
                Instant now = tables.now();
                List<PolicyStore.HoldRow> rows = tables.store().holds(borrower, loan, all, now);
                System.out.printf("%-6s %-12s %-12s %-20s %-22s %-12s %s%n", "id", "borrower", "loan", "kind", "until", "by", "reason");
                for (PolicyStore.HoldRow r : rows) {
                    String state = r.removedAt() != null ? Attribution.removal(r.removedAt(), r.removedBy(), r.removedReason())
                            : r.expiresAt() != null && !now.isBefore(r.expiresAt()) ? " [expired]" : "";
                    System.out.printf("%-6d %-12s %-12s %-20s %-22s %-12s %s%s%n", r.id(), r.borrowerId(),
                            r.loanId() == null ? "(all)" : r.loanId(), r.kind(), r.expiresAt() == null ? "-" : r.expiresAt(),
                            r.createdBy(), r.reason(), state);
                }
                System.out.printf("%d holds%n", rows.size());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Lift a hold (the record stays, with who lifted it and why).")
    static final class Remove extends PolicyRecordRemoval {
        Remove() {
            super("legal_hold", "hold", "lifted");
        }
    }
}
