package io.dunninghub.ladder;

import io.dunninghub.ledger.NoticeScope;
import io.dunninghub.scan.Installment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forms the debts notices are about, as each ladder's {@code per} says: a loan's unsettled installments together
 * (the ladder chosen for the loan as a whole), each installment on its own, or all of a borrower's loans on one
 * ladder and in one currency together.
 */
public final class Debts {

    private Debts() {
    }

    /**
     * The debts of a chunk of scanned installments on a business date (settled ones are not debts). Once a loan has
     * an overdue installment, its installments not yet overdue are left out: the notice is about what is overdue,
     * and an amount not yet due is not added to it.
     */
    public static List<Debt> of(List<Installment> chunk, LadderConfig ladders, LocalDate asOf) {
        Map<String, List<Installment>> byLoan = new LinkedHashMap<>();
        for (Installment i : chunk) {
            if (!i.isSettled()) {
                byLoan.computeIfAbsent(i.borrowerId() + "\u0000" + i.loanId(), k -> new ArrayList<>()).add(i);
            }
        }
        byLoan.replaceAll((k, loan) -> loan.stream().anyMatch(i -> i.daysPastDue(asOf) > 0)
                ? loan.stream().filter(i -> i.daysPastDue(asOf) > 0).toList() : loan);
        List<Debt> out = new ArrayList<>();
        Map<String, List<Installment>> byBorrower = new LinkedHashMap<>();
        Map<String, Ladder> borrowerLadders = new LinkedHashMap<>();
        for (List<Installment> loan : byLoan.values()) {
            Installment whole = new Debt(NoticeScope.LOAN, loan.get(0).loanId(), null, loan).summary();
            Optional<Ladder> ladder = ladders.ladderFor(whole);
            if (ladder.isEmpty()) {
                continue;
            }
            Ladder l = ladder.get();
            switch (l.per()) {
                case LOAN -> out.add(new Debt(NoticeScope.LOAN, whole.loanId(), l, loan));
                case INSTALLMENT -> {
                    for (Installment i : loan) {
                        // as before notices were grouped: each installment may have a ladder of its own
                        Ladder own = ladders.ladderFor(i).filter(x -> x.per() == NoticeScope.INSTALLMENT).orElse(l);
                        out.add(new Debt(NoticeScope.INSTALLMENT, i.installmentId(), own, List.of(i)));
                    }
                }
                case BORROWER -> {
                    String key = whole.borrowerId() + "\u0000" + l.id() + "\u0000" + whole.currency();
                    byBorrower.computeIfAbsent(key, k -> new ArrayList<>()).addAll(loan);
                    borrowerLadders.put(key, l);
                }
            }
        }
        Map<String, Integer> currencies = new LinkedHashMap<>();
        byBorrower.keySet().forEach(k -> currencies.merge(k.substring(0, k.lastIndexOf('\u0000')), 1, Integer::sum));
        byBorrower.forEach((key, installments) -> {
            Installment o = installments.get(0);
            // one borrower notice per currency: amounts in two currencies are never added up
            boolean several = currencies.get(key.substring(0, key.lastIndexOf('\u0000'))) > 1;
            String id = several ? o.borrowerId() + "/" + o.currency() : o.borrowerId();
            out.add(new Debt(NoticeScope.BORROWER, id, borrowerLadders.get(key), installments));
        });
        return out;
    }

    /**
     * A planned notice's debt as it is right before sending: the installments it covers that are still unpaid;
     * empty when all of them are paid (or gone from the core bank). Its ladder is the one its installments would
     * be planned under now (null when none applies).
     */
    public static Optional<Debt> unpaid(NoticeScope scope, String id, List<Installment> covered, LadderConfig ladders) {
        List<Installment> unpaid = covered.stream().filter(i -> !i.isSettled()).toList();
        if (unpaid.isEmpty()) {
            return Optional.empty();
        }
        Debt draft = new Debt(scope, id, null, unpaid);
        Installment basis = scope == NoticeScope.INSTALLMENT ? draft.oldest() : draft.summary();
        return Optional.of(new Debt(scope, id, ladders.ladderFor(basis).orElse(null), unpaid));
    }
}
