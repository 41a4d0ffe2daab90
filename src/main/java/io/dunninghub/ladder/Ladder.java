package io.dunninghub.ladder;

import io.dunninghub.ledger.NoticeScope;
import io.dunninghub.scan.Installment;
import java.util.List;
import java.util.Optional;

/**
 * An escalation ladder: steps by days past due, for the debts its conditions select. {@code per} says what one
 * notice is about: a loan (every overdue installment of it, the default), a borrower (all their overdue loans on
 * this ladder) or one installment.
 */
public record Ladder(String id, List<String> products, List<String> segments, List<LadderStep> steps, Condition when,
                     NoticeScope per) {

    public boolean appliesTo(String product, String segment) {
        return (products.isEmpty() || products.contains(product))
                && (segments.isEmpty() || segments.contains(segment));
    }

    public boolean appliesTo(Installment i) {
        return appliesTo(i.product(), i.segment()) && when.matches(i);
    }

    public Optional<LadderStep> stepFor(int daysPastDue) {
        return steps.stream().filter(s -> s.dpd().contains(daysPastDue)).findFirst();
    }

    /** The step the days past due call for, among those whose conditions hold for this installment. */
    public Optional<LadderStep> stepFor(Installment i, int daysPastDue) {
        return steps.stream().filter(s -> s.dpd().contains(daysPastDue) && s.when().matches(i)).findFirst();
    }

    public Optional<LadderStep> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }
}
