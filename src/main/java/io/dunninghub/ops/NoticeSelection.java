package io.dunninghub.ops;

import io.dunninghub.ledger.LedgerAdmin;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

    /** The same selection from the admin API's fields; null fields do not filter. */
    static NoticeSelection of(String channel, String provider, String borrower, String loan, LocalDate from, LocalDate to) {
        NoticeSelection s = new NoticeSelection();
        s.channel = channel;
        s.provider = provider;
        s.borrower = borrower;
        s.loan = loan;
        s.from = from;
        s.to = to;
        return s;
    }

    LedgerAdmin.Filter filter(List<String> statuses) {
        return new LedgerAdmin.Filter(statuses, channel, provider, borrower, loan,
                from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
