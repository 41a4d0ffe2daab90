package io.dunninghub.ladder;

import java.util.List;

/**
 * One rung of a collection ladder: while days past due are in {@code dpd} (and {@code when} holds), send these
 * channels. With {@code everyDays} the step repeats (a new cycle every N days) until the next step starts.
 * {@code showAmount} lets SMS and push templates see the amount and account number; otherwise they do not get
 * them at all (lock screens and shared phones show them to others). {@code requires} is what the ledger must show
 * about earlier notices of the same debt before the step runs (e.g. a delivered formal notice before an agency
 * hand-off).
 */
public record LadderStep(String id, DpdRange dpd, Integer everyDays, List<StepChannel> channels, Condition when,
                         boolean showAmount, List<Evidence> requires) {

    public LadderStep {
        channels = List.copyOf(channels);
        requires = List.copyOf(requires);
    }

    /** Which repetition of this step a given day falls in; 0 for steps that do not repeat. */
    public int cycle(int daysPastDue) {
        return everyDays == null ? 0 : (daysPastDue - dpd.from()) / everyDays;
    }

    public record StepChannel(String channel, String template, String audience) {
    }
}
