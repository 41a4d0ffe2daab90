package io.dunninghub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dunninghub.ledger.LedgerAdmin;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit}: every event for a borrower or a loan over a date range, as CSV or JSON. */
@Command(name = "audit", description = "Every event for a borrower or loan over a date range, as CSV or JSON.")
public final class AuditCommand implements Callable<Integer> {

    enum Format { csv, json }

    @Mixin
    CommonOptions options;

    @Option(names = "--borrower", description = "Borrower id")
    String borrower;

    @Option(names = "--loan", description = "Loan id")
    String loan;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "From this day (UTC), inclusive")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "To this day (UTC), inclusive")
    LocalDate to;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() throws Exception {
        if (borrower == null && loan == null) {
            System.err.println("error: give --borrower or --loan");
            return 1;
        }
        try (LedgerConnection ledger = new LedgerConnection(options)) {
            List<LedgerAdmin.AuditRow> rows = ledger.admin().audit(borrower, loan,
                    from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                    to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            List<Map<String, Object>> records = rows.stream().map(LedgerAdmin::fields).toList();
            if (format == Format.json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(records));
            } else {
                out.println(String.join(",", LedgerAdmin.fields(new LedgerAdmin.AuditRow(null, null, null, null, null,
                        null, null, null, null, null, null, null, null)).keySet()));
                for (Map<String, Object> r : records) {
                    out.println(String.join(",", r.values().stream().map(AuditCommand::csv).toList()));
                }
            }
        }
        return 0;
    }

    /** RFC 4180: quote fields holding a comma, quote or line break; double the quotes. */
    static String csv(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
