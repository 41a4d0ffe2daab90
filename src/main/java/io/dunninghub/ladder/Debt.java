package io.dunninghub.ladder;

import io.dunninghub.ledger.NoticeScope;
import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one notice is about: the overdue installments of one loan (or of all a borrower's loans on the ladder, or
 * just one installment), oldest first, and the ladder that decides its steps. Its days past due are the oldest
 * installment's; its amounts are the sums of all of them, so a step's {@code amount-overdue} condition sees the
 * debt, not a part of it.
 *
 * @param id the installment, loan or borrower id the dedupe key is built on
 */
public record Debt(NoticeScope scope, String id, Ladder ladder, List<Installment> installments) {

    private static final Comparator<Installment> OLDEST_FIRST = Comparator.comparing(Installment::dueDate)
            .thenComparing(Installment::installmentId);

    public Debt {
        if (installments.isEmpty()) {
            throw new IllegalArgumentException("a debt has at least one installment");
        }
        installments = installments.stream().sorted(OLDEST_FIRST).toList();
    }

    public Installment oldest() {
        return installments.get(0);
    }

    public String borrowerId() {
        return oldest().borrowerId();
    }

    /** The loan the notice is filed under in the ledger: the debt's loan, or the oldest one's for a borrower. */
    public String loanId() {
        return oldest().loanId();
    }

    /**
     * The loan the contact rules count and hold by: the debt's loan; none for a notice about all of a borrower's
     * loans (the borrower's caps, holds and promises still apply).
     */
    public String policyLoanId() {
        return scope == NoticeScope.BORROWER ? null : loanId();
    }

    public List<String> loanIds() {
        return List.copyOf(new LinkedHashSet<>(installments.stream().map(Installment::loanId).toList()));
    }

    public List<String> installmentIds() {
        return installments.stream().map(Installment::installmentId).toList();
    }

    public int daysPastDue(LocalDate businessDate) {
        return oldest().daysPastDue(businessDate);
    }

    /**
     * The debt as one installment for the ladder's conditions and the template model's totals: the oldest
     * installment's dates, product and segment, with every amount summed over all installments.
     */
    public Installment summary() {
        if (installments.size() == 1) {
            return oldest();
        }
        Installment o = oldest();
        return new Installment(o.installmentId(), o.loanId(), o.borrowerId(), o.dueDate(), sum(Installment::amountDue),
                sum(Installment::principal), sum(Installment::interest), sum(Installment::fees),
                sum(Installment::penalty), o.currency(), o.product(), o.segment(), o.installmentNo(),
                o.previousDefaults(), Map.of());
    }

    /** A sum over the installments; null when none of them gives the part. */
    private BigDecimal sum(Function<Installment, BigDecimal> part) {
        BigDecimal total = null;
        for (Installment i : installments) {
            BigDecimal v = part.apply(i);
            if (v != null) {
                total = total == null ? v : total.add(v);
            }
        }
        return total;
    }
}
