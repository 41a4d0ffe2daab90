package io.dunninghub.scan;

import io.dunninghub.common.CoreText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an installment handed to the hub as a map of the scan's canonical column names (a route-fed source:
 * {@code direct:installments}), with the checks the SQL scan makes of a row. Names are matched without regard to
 * case (camel-jdbc on H2 gives {@code INSTALLMENT_ID}) and through {@code hub.scan.column.<name>}; any other entry
 * reaches the templates by its name, as the SQL scan's other columns do. A row the hub cannot use is refused with a
 * {@link BadRow} that names its reason code.
 */
public final class InstallmentRows {

    /** Why a handed-in row was refused (docs/reference/endpoints.md lists them). */
    public enum Problem {
        /** The batch holds something that is not a map of column names to values. */
        NOT_A_ROW,
        /** installment_id, loan_id, borrower_id, due_date or amount_due is absent, null or blank. */
        MISSING_VALUE,
        /** due_date is not a date (a LocalDate, java.sql.Date or ISO text such as 2026-11-02). */
        BAD_DATE,
        /** An amount or a count is not a number. */
        BAD_NUMBER,
        /** An id, currency, product or segment holds a control character (CR, LF …). */
        CONTROL_CHARACTERS
    }

    /** A refused row: its reason code and what was wrong, for the log and the pass's answer. */
    public static final class BadRow extends Exception {
        private final Problem problem;

        BadRow(Problem problem, String detail) {
            super(problem + ": " + detail);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private static final Set<String> AMOUNTS = Set.of("amount_due", "principal", "interest", "fees", "penalty");
    private static final Set<String> COUNTS = Set.of("installment_no", "previous_defaults");
    /** Go into dedupe keys, messages and log lines: no control characters, as the SQL scan checks. */
    private static final List<String> PLAIN_TEXT = List.of("installment_id", "loan_id", "borrower_id", "currency",
            "product", "segment");

    private final ColumnMapping mapping;

    public InstallmentRows(ColumnMapping mapping) {
        this.mapping = mapping;
    }

    public Installment read(Object candidate) throws BadRow {
        if (!(candidate instanceof Map<?, ?> raw)) {
            throw new BadRow(Problem.NOT_A_ROW, "expected a map of column names to values, got "
                    + (candidate == null ? "null" : candidate.getClass().getSimpleName()));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        raw.forEach((k, v) -> row.put(String.valueOf(k).toLowerCase(Locale.ROOT), v));
        Map<String, Object> values = new HashMap<>();
        for (String column : InstallmentScanner.COLUMNS) {
            values.put(column, row.remove(mapping.label(column)));
        }
        // as the SQL scan's other columns: a null one is not passed on to the templates
        row.values().removeIf(java.util.Objects::isNull);
        for (String column : InstallmentScanner.REQUIRED) {
            Object v = values.get(column);
            if (v == null || v.toString().isBlank()) {
                throw new BadRow(Problem.MISSING_VALUE, column + " is " + (v == null ? "absent or null" : "blank"));
            }
        }
        for (String column : PLAIN_TEXT) {
            if (CoreText.hasControlCharacters(text(values.get(column)))) {
                throw new BadRow(Problem.CONTROL_CHARACTERS, column + " contains control characters");
            }
        }
        Map<String, BigDecimal> amounts = new HashMap<>();
        for (String column : AMOUNTS) {
            amounts.put(column, amount(column, values.get(column)));
        }
        return new Installment(text(values.get("installment_id")), text(values.get("loan_id")),
                text(values.get("borrower_id")), date(values.get("due_date")), amounts.get("amount_due"),
                amounts.get("principal"), amounts.get("interest"), amounts.get("fees"), amounts.get("penalty"),
                text(values.get("currency")), text(values.get("product")), text(values.get("segment")),
                count("installment_no", values.get("installment_no")),
                count("previous_defaults", values.get("previous_defaults")), row);
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    private static LocalDate date(Object v) throws BadRow {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        // a timestamp would need a zone to become a date: the row says the date itself
        try {
            return LocalDate.parse(v.toString().strip());
        } catch (DateTimeParseException e) {
            throw new BadRow(Problem.BAD_DATE, "due_date '" + CoreText.escape(v.toString())
                    + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static BigDecimal amount(String column, Object v) throws BadRow {
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            // JSON numbers parsed as doubles: their shortest decimal form, 1234.5 for 1234.50
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        try {
            return new BigDecimal(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new BadRow(Problem.BAD_NUMBER, column + " '" + CoreText.escape(v.toString()) + "' is not a number");
        }
    }

    private static Integer count(String column, Object v) throws BadRow {
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.valueOf(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new BadRow(Problem.BAD_NUMBER, column + " '" + CoreText.escape(v.toString()) + "' is not a whole number");
        }
    }
}
