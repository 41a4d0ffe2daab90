package io.dunninghub.cli;

import io.dunninghub.ledger.LedgerAdmin;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Option;

/** Filters shared by replay and cancel. Dates are UTC calendar days, both inclusive. */
public final class NoticeSelection {

    @Option(names = "--channel", description = "Only this channel")
    String channel;

    @Option(names = "--provider", description = "Only notices last handled by this provider")
    String provider;

    @Option(names = "--borrower", description = "Only this borrower's notices")
    String borrower;

    @Option(names = "--loan", description = "Only this loan's notices")
    String loan;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Last changed on or after this day (UTC)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last changed on or before this day (UTC)")
    LocalDate to;

    /** The ledger filter these options select, for the given statuses. */
    LedgerAdmin.Filter filter(List<String> statuses) {
        return LedgerAdmin.Filter.of(statuses, channel, provider, borrower, loan, from, to);
    }
}
