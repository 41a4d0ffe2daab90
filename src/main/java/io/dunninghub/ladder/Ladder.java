package io.dunninghub.ladder;

import java.util.List;
import java.util.Optional;

/** An escalation ladder: steps by days past due, for the products and segments it applies to. */
public record Ladder(String id, List<String> products, List<String> segments, List<LadderStep> steps) {

    public boolean appliesTo(String product, String segment) {
        return (products.isEmpty() || products.contains(product))
                && (segments.isEmpty() || segments.contains(segment));
    }

    public Optional<LadderStep> stepFor(int daysPastDue) {
        return steps.stream().filter(s -> s.dpd().contains(daysPastDue)).findFirst();
    }
}
