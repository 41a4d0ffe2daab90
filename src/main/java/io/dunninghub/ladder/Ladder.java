package io.dunninghub.ladder;

import io.dunninghub.scan.Installment;
import java.util.List;
import java.util.Optional;

/** An escalation ladder: steps by days past due, for the installments its conditions select. */
public record Ladder(String id, List<String> products, List<String> segments, List<LadderStep> steps, Condition when) {

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
