package io.dunninghub.outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.ledger.OutcomeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;

/**
 * A dialer's call result as it posts it to {@code /outcomes/calls}:
 * {@code {"callId", "noticeId", "outcome", "occurredAt", "promisedDate"?, "promisedAmount"?, "note"?}}. The notice id
 * is the call task's {@code taskId}; the call id is the dialer's own, and the same call id is taken once.
 */
public record CallResults(String callId, String noticeId, OutcomeKind outcome, Instant occurredAt,
                          LocalDate promisedDate, BigDecimal promisedAmount, String note) {

    /** What a dialer can report. */
    public static final Set<OutcomeKind> CALL_OUTCOMES = EnumSet.of(OutcomeKind.CONNECTED, OutcomeKind.NO_ANSWER,
            OutcomeKind.BUSY, OutcomeKind.VOICEMAIL, OutcomeKind.WRONG_NUMBER, OutcomeKind.REFUSED,
            OutcomeKind.PROMISE_TO_PAY, OutcomeKind.DISPUTE);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads one call result.
     *
     * @throws IllegalArgumentException with the reason, for anything the hub cannot take
     */
    public static CallResults parse(String body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        String callId = text(n, "callId", true);
        String noticeId = text(n, "noticeId", true);
        OutcomeKind kind = kind(text(n, "outcome", true), CALL_OUTCOMES);
        Instant at = instant(text(n, "occurredAt", true), "occurredAt");
        LocalDate date = date(text(n, "promisedDate", false), "promisedDate");
        BigDecimal amount = amount(n.get("promisedAmount"), "promisedAmount");
        if (kind == OutcomeKind.PROMISE_TO_PAY && date == null) {
            throw new IllegalArgumentException("promise-to-pay needs promisedDate (YYYY-MM-DD)");
        }
        if (callId.length() > 200) {
            throw new IllegalArgumentException("callId is longer than 200 characters");
        }
        return new CallResults(callId, noticeId, kind, at, date, amount, text(n, "note", false));
    }

    /** An outcome label among {@code allowed}. */
    public static OutcomeKind kind(String label, Set<OutcomeKind> allowed) {
        OutcomeKind k = OutcomeKind.ofLabel(label).filter(allowed::contains).orElseThrow(() ->
                new IllegalArgumentException("outcome '" + label + "' is not one of " + String.join(", ",
                        allowed.stream().map(OutcomeKind::label).toList())));
        return k;
    }

    /** An instant with its offset: 2026-11-23T10:15:00+08:00 or …Z. */
    public static Instant instant(String v, String field) {
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a time with its offset, e.g. 2026-11-23T10:15:00+08:00, "
                    + "not '" + v + "'");
        }
    }

    public static LocalDate date(String v, String field) {
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD, not '" + v + "'");
        }
    }

    /** A positive amount, as a JSON number or a string of digits. */
    public static BigDecimal amount(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        BigDecimal a;
        try {
            a = v.isNumber() ? v.decimalValue() : v.isTextual() ? new BigDecimal(v.asText().strip()) : null;
        } catch (NumberFormatException e) {
            a = null;
        }
        if (a == null || a.signum() <= 0 || a.scale() > 4 || a.precision() - a.scale() > 15) {
            throw new IllegalArgumentException(field + " must be an amount above 0 such as 500.00");
        }
        return a;
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        String s = v.asText().strip();
        if (s.chars().anyMatch(Character::isISOControl) && !"note".equals(field)) {
            throw new IllegalArgumentException(field + " contains control characters");
        }
        return s;
    }
}
