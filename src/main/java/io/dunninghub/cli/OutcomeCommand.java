package io.dunninghub.cli;

import io.dunninghub.ledger.OutcomeBook;
import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.outcome.OperatorOutcomes;
import io.dunninghub.outcome.OutcomeIntake;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code outcome add|list}: what came of a contact, recorded by an operator, with the same effects as from its source. */
@Command(name = "outcome", description = "What came of a contact: call results, promises, disputes, replies, "
        + "opt-outs, bounces. Recorded in the ledger (contact_outcome, an OUTCOME event on the notice) with the "
        + "same effects as when the dialer or a provider reports them.",
        subcommands = {OutcomeCommand.Add.class, OutcomeCommand.ListOutcomes.class})
public final class OutcomeCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "add", description = "Record an outcome about a notice, or about a borrower (and loan). "
            + "wrong-number marks the phone invalid, promise-to-pay records the promise, dispute raises a DISPUTE hold "
            + "until reviewed, stop and unsubscribed opt the number or address out, bounced marks the address invalid, "
            + "token-dead the push token.")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommonOptions options;
        @Option(names = "--notice", description = "The notice it answers (e.g. the call task's id)")
        String notice;
        @Option(names = "--borrower", description = "Borrower id, when there is no notice")
        String borrower;
        @Option(names = "--loan", description = "Loan id (with --borrower)")
        String loan;
        @Option(names = "--outcome", required = true, description = "connected, no-answer, busy, voicemail, "
                + "wrong-number, refused, promise-to-pay, dispute, reply, stop, unsubscribed, bounced, rejected, token-dead")
        String outcome;
        @Option(names = "--at", description = "When it happened: 2026-11-23T10:15:00+08:00, or a local time "
                + "2026-11-23T10:15 in hub.business-zone (default: now)")
        String at;
        @Option(names = "--promised-date", description = "With promise-to-pay: the promised payment date, e.g. 2026-12-01")
        LocalDate promisedDate;
        @Option(names = "--amount", description = "With promise-to-pay: the promised amount")
        BigDecimal amount;
        @Option(names = "--note", description = "Free text kept with the outcome (never logged)")
        String note;
        @Option(names = "--by", defaultValue = "${sys:user.name}", description = "Who (recorded as source cli:<by>; "
                + "default: the OS user)")
        String by;

        @Override
        public Integer call() throws Exception {
            if (notice == null && borrower == null) {
                throw new UsageError("give --notice, or --borrower (and --loan)");
            }
            if (notice != null && (borrower != null || loan != null)) {
                throw new UsageError("give --notice or --borrower/--loan, not both");
            }
            if (loan != null && borrower == null) {
                throw new UsageError("--loan goes with --borrower");
            }
            if (OutcomeKind.ofLabel(outcome).filter(OperatorOutcomes.KINDS::contains).isEmpty()) {
                throw new UsageError("--outcome must be one of " + OutcomeKind.labels() + ", not '" + outcome + "'");
            }
            if (amount != null && amount.signum() <= 0) {
                throw new UsageError("--amount must be more than 0, not " + amount.toPlainString());
            }
            if ("promise-to-pay".equals(OutcomeKind.ofLabel(outcome).get().label()) && promisedDate == null) {
                throw new UsageError("promise-to-pay needs --promised-date");
            }
            try (PolicyTables tables = new PolicyTables(options)) {
                Instant when = at == null ? tables.now() : instant(at, tables);
                if (borrower != null) {
                    tables.requireBorrower(borrower);
                }
                OutcomeIntake intake = new OutcomeIntake(tables.ledger(), new OutcomeBook(tables.ledger(), "cli"),
                        tables::optOuts, tables.contacts(), tables.settings().replyRules(), HubMetrics.NONE,
                        Clock.systemUTC());
                OutcomeIntake.Taken t;
                try {
                    t = OperatorOutcomes.record(intake, new OperatorOutcomes.Request(notice, borrower, loan, outcome,
                            when, promisedDate, amount, note, "cli:" + by));
                } catch (IllegalArgumentException e) {
                    throw new CommandRefused(e.getMessage() + "; nothing recorded");
                }
                System.out.printf("outcome #%d: %s%s%n", t.id(), OutcomeKind.ofLabel(outcome).get().label(),
                        t.noticeId().map(n -> " on notice " + n).orElse(borrower == null ? "" : " for borrower " + borrower));
                t.effects().forEach(e -> System.out.println("  " + e));
            }
            return 0;
        }

        private static Instant instant(String v, PolicyTables tables) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(v).atZone(tables.businessZone()).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new UsageError("--at must be a time like 2026-11-23T10:15:00+08:00 or 2026-11-23T10:15, not '" + v + "'");
                }
            }
        }
    }

    @Command(name = "list", description = "List a borrower's outcomes, newest first.")
    static final class ListOutcomes implements Callable<Integer> {
        @Mixin
        CommonOptions options;
        @Option(names = "--borrower", required = true, description = "Borrower id")
        String borrower;
        @Option(names = "--loan", description = "Only this loan")
        String loan;
        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            if (limit < 1) {
                throw new UsageError("--limit must be at least 1, not " + limit);
            }
            try (PolicyTables tables = new PolicyTables(options)) {
                List<OutcomeBook.OutcomeRow> rows = new OutcomeBook(tables.ledger(), "cli").byBorrower(borrower, loan, limit);
                System.out.printf("%-6s %-21s %-15s %-8s %-12s %-38s %-18s %s%n", "id", "at", "outcome", "channel", "loan",
                        "notice", "source", "promise");
                for (OutcomeBook.OutcomeRow r : rows) {
                    System.out.printf("%-6d %-21s %-15s %-8s %-12s %-38s %-18s %s%n", r.id(), r.occurredAt(),
                            OutcomeKind.ofLabel(r.outcome()).map(OutcomeKind::label).orElse(r.outcome()),
                            r.channel() == null ? "-" : r.channel(), r.loanId() == null ? "(all)" : r.loanId(),
                            r.noticeId() == null ? "-" : r.noticeId(), r.source(),
                            r.promisedDate() == null ? "" : r.promisedDate()
                                    + (r.promisedAmount() == null ? "" : " " + r.promisedAmount().toPlainString()));
                }
                System.out.printf("%d outcomes%n", rows.size());
            }
            return 0;
        }
    }
}
