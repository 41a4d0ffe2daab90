package io.dunninghub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dunninghub.ledger.AuditTrail;
import io.dunninghub.ledger.ContentKeys;
import io.dunninghub.ledger.NoticeContents;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code audit}: everything about a borrower or a loan over a date range, in time order, as CSV or JSON: the events
 * of their notices, holds, promises, opt-outs, receipts, contact outcomes and erasures.
 */
@Command(name = "audit", description = "Everything about a borrower or loan over a date range, in time order: the "
        + "events of their notices (template, masked recipient, provider message id, reason, hashes of what was "
        + "sent), holds, promises, opt-outs, receipts, contact outcomes and erasures; as CSV or JSON.")
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

    @Option(names = "--with-content", description = "Add each message as sent (a column 'content': text as it was, "
            + "a PDF in Base64), decrypted with the evidence keys (hub.evidence.key, hub.evidence.keys.*)")
    boolean withContent;

    @Override
    public Integer call() throws Exception {
        if (borrower == null && loan == null) {
            throw new UsageError("give --borrower or --loan");
        }
        try (LedgerConnection ledger = new LedgerConnection(options)) {
            ledger.requireCurrent();
            ContentKeys keys = withContent ? ledger.settings().evidenceKeys() : ContentKeys.NONE;
            if (withContent && keys.ids().isEmpty()) {
                throw new CommandRefused("--with-content needs the evidence key (hub.evidence.key, e.g. "
                        + "{{env:EVIDENCE_KEY}}); none is configured");
            }
            List<AuditTrail.Entry> rows = new AuditTrail(ledger.dataSource()).of(borrower, loan,
                    from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                    to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            Map<Long, NoticeContents.Stored> content = new LinkedHashMap<>();
            if (withContent) {
                new NoticeContents(ledger.dataSource()).of(borrower, loan).forEach(c -> content.put(c.id(), c));
            }
            List<Map<String, Object>> records = new ArrayList<>();
            for (AuditTrail.Entry e : rows) {
                Map<String, Object> r = AuditTrail.fields(e);
                if (withContent) {
                    r.put("content", content(content.get(e.contentId()), keys));
                }
                records.add(r);
            }
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            if (format == Format.json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(records));
            } else {
                List<String> header = new ArrayList<>(AuditTrail.columns());
                if (withContent) {
                    header.add("content");
                }
                out.println(String.join(",", header));
                for (Map<String, Object> r : records) {
                    out.println(String.join(",", r.values().stream().map(AuditCommand::csv).toList()));
                }
            }
        }
        return 0;
    }

    /** The message as sent: text as it was, anything else in Base64; why not, when it cannot be shown. */
    static String content(NoticeContents.Stored stored, ContentKeys keys) {
        if (stored == null) {
            return null;
        }
        if (!stored.hasContent()) {
            return stored.erasedAt() != null ? "(content erased " + stored.erasedAt().toInstant() + ", "
                    + stored.erasedReason() + ")" : "(only hashes kept)";
        }
        try {
            byte[] plain = stored.open(keys);
            String type = stored.mediaType();
            return type.startsWith("text/") || type.equals("message/rfc822") || type.equals("application/json")
                    ? new String(plain, StandardCharsets.UTF_8) : "base64:" + Base64.getEncoder().encodeToString(plain);
        } catch (IllegalArgumentException e) {
            return "(cannot open: " + e.getMessage() + ")";
        }
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
