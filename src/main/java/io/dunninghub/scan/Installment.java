package io.dunninghub.scan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One overdue (or soon due) installment as read from the core banking database.
 * Amounts are what is still outstanding; {@code amountDue <= 0} means paid. {@code previousDefaults} counts the
 * borrower's earlier defaults (0 = first default), or is null when the core database does not say.
 *
 * @param penalty penalty interest or late charges outstanding, its own part of the amount (null: not given)
 * @param extra   the scan's other columns by their label, passed to templates as they are ({@code loan.x})
 */
public record Installment(
        String installmentId,
        String loanId,
        String borrowerId,
        LocalDate dueDate,
        BigDecimal amountDue,
        BigDecimal principal,
        BigDecimal interest,
        BigDecimal fees,
        BigDecimal penalty,
        String currency,
        String product,
        String segment,
        Integer installmentNo,
        Integer previousDefaults,
        Map<String, Object> extra) {

    public Installment {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    /** Days past due on {@code businessDate}: 0 on the due date, 1 the day after, negative before it. */
    public int daysPastDue(LocalDate businessDate) {
        return DaysPastDue.between(dueDate, businessDate);
    }

    public boolean isSettled() {
        return amountDue == null || amountDue.signum() <= 0;
    }
}
