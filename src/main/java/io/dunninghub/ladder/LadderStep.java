package io.dunninghub.ladder;

import java.util.List;
import java.util.Optional;

/**
 * One rung of a collection ladder: while days past due are in {@code dpd} (and {@code when} holds), send these
 * channels. With {@code everyDays} the step repeats (a new cycle every N days) until the next step starts.
 * {@code showAmount} lets SMS and push templates see the amount and account number; otherwise they do not get
 * them at all (lock screens and shared phones show them to others). {@code requires} is what the ledger must show
 * about earlier notices of the same debt before the step runs (e.g. a delivered formal notice before an agency
 * hand-off); {@code conditions} what must (not) have happened to it ({@code if}, {@code unless}, {@code after}).
 * Steps of different {@code track}s run side by side (a daily SMS track beside a call track); within a track a
 * day past due has one step.
 */
public record LadderStep(String id, DpdRange dpd, Integer everyDays, List<StepChannel> channels, Condition when,
                         boolean showAmount, List<Evidence> requires, List<StepCondition> conditions, String track) {

    /** The track of a ladder whose steps name none. */
    public static final String MAIN_TRACK = "main";

    public LadderStep {
        channels = List.copyOf(channels);
        requires = List.copyOf(requires);
        conditions = List.copyOf(conditions);
        track = track == null || track.isBlank() ? MAIN_TRACK : track;
    }

    public LadderStep(String id, DpdRange dpd, Integer everyDays, List<StepChannel> channels, Condition when,
                      boolean showAmount, List<Evidence> requires) {
        this(id, dpd, everyDays, channels, when, showAmount, requires, List.of(), MAIN_TRACK);
    }

    /** Which repetition of this step a given day falls in; 0 for steps that do not repeat. */
    public int cycle(int daysPastDue) {
        return everyDays == null ? 0 : (daysPastDue - dpd.from()) / everyDays;
    }

    /** A step sent once (no {@code every}): the ones a debt can miss and have caught up. */
    public boolean isOnce() {
        return everyDays == null;
    }

    /** Whether the step reads the debt's history (requires or conditions). */
    public boolean readsHistory() {
        return !requires.isEmpty() || !conditions.isEmpty();
    }

    /**
     * One channel of a step, and the channel to use instead when this one cannot reach the person (no address,
     * opted out, an invalid address, a dead token, reported undeliverable).
     */
    public record StepChannel(String channel, String template, String audience, StepChannel fallback) {

        public StepChannel(String channel, String template, String audience) {
            this(channel, template, audience, null);
        }

        public Optional<StepChannel> fallbackChannel() {
            return Optional.ofNullable(fallback);
        }
    }
}
