package io.dunninghub.ladder;

import java.util.List;

/**
 * One rung of a collection ladder: while days past due are in {@code dpd}, send these channels.
 * With {@code everyDays} the step repeats (a new cycle every N days) until the next step starts.
 */
public record LadderStep(String id, DpdRange dpd, Integer everyDays, List<StepChannel> channels) {

    /** Which repetition of this step a given day falls in; 0 for steps that do not repeat. */
    public int cycle(int daysPastDue) {
        return everyDays == null ? 0 : (daysPastDue - dpd.from()) / everyDays;
    }

    public record StepChannel(String channel, String template, String audience) {
    }
}
