package io.dunninghub.ladder;

import io.dunninghub.ledger.NoticeScope;
import io.dunninghub.ledger.PastNotice;
import io.dunninghub.scan.Installment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An escalation ladder: steps by days past due, for the debts its conditions select. {@code per} says what one
 * notice is about: a loan (every overdue installment of it, the default), a borrower (all their overdue loans on
 * this ladder) or one installment. With {@code catchUp} (the default) a debt that missed a one-off step (a hold, a
 * broken promise, no address, a go-live past it) gets the most severe one it missed, once.
 */
public record Ladder(String id, List<String> products, List<String> segments, List<LadderStep> steps, Condition when,
                     NoticeScope per, boolean catchUp) {

    public Ladder(String id, List<String> products, List<String> segments, List<LadderStep> steps, Condition when,
                  NoticeScope per) {
        this(id, products, segments, steps, when, per, true);
    }

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
        return stepsFor(i, daysPastDue).stream().findFirst();
    }

    /** The step of each track the days past due call for (in the order the tracks first appear). */
    public List<LadderStep> stepsFor(Installment i, int daysPastDue) {
        Map<String, LadderStep> byTrack = new LinkedHashMap<>();
        for (LadderStep s : steps) {
            if (s.dpd().contains(daysPastDue) && s.when().matches(i)) {
                byTrack.putIfAbsent(s.track(), s);
            }
        }
        return new ArrayList<>(byTrack.values());
    }

    /** The step of {@code track} the days past due call for. */
    public Optional<LadderStep> stepFor(Installment i, int daysPastDue, String track) {
        return stepsFor(i, daysPastDue).stream().filter(s -> s.track().equals(track)).findFirst();
    }

    public Optional<LadderStep> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /**
     * The one-off step a debt at {@code daysPastDue} missed and should get now. A debt is caught up when no step
     * is due for it, or when the step due waits for evidence an earlier step would have given (the agency hand-off
     * waits for a final notice the debt never got): then the most severe one-off step before the one due, whose
     * range is over, whose {@code when} holds, and which comes after every step the ledger shows was sent, is
     * planned once. Steps that wait on outcomes are not caught up. Empty when nothing was missed or catching up is
     * off.
     */
    public Optional<LadderStep> missedStep(Installment i, int daysPastDue, Collection<PastNotice> history,
                                           java.time.Instant now) {
        return missedStep(i, daysPastDue, history, java.time.Instant.MIN, now);
    }

    /**
     * As {@link #missedStep(Installment, int, Collection, java.time.Instant)}, with a history that may lack what was
     * sent before {@code historySince} (archived notices). A step whose range began before then could have gone out
     * unseen: it, and every step before it, is not caught up, so a debt never gets a one-off step twice because its
     * first notice left the live ledger.
     */
    public Optional<LadderStep> missedStep(Installment i, int daysPastDue, Collection<PastNotice> history,
                                           java.time.Instant historySince, java.time.Instant now) {
        if (!catchUp) {
            return Optional.empty();
        }
        List<LadderStep> due = stepsFor(i, daysPastDue);
        boolean waiting = due.isEmpty()
                || due.stream().anyMatch(s -> Evidence.missing(s.requires(), history, now).isPresent());
        if (!waiting) {
            return Optional.empty();
        }
        int limit = due.stream().mapToInt(steps::indexOf).min().orElse(steps.size());
        int lastSent = -1;
        for (int k = 0; k < steps.size(); k++) {
            String id = steps.get(k).id();
            if (history.stream().anyMatch(p -> id.equals(p.stepId()) && p.reached())) {
                lastSent = k;
            }
        }
        for (int k = limit - 1; k > lastSent; k--) {
            LadderStep s = steps.get(k);
            // the debt reached the step's first day this long ago (a day more for the day's boundaries)
            java.time.Instant reached = now.minus(java.time.Duration.ofDays(Math.max(0, daysPastDue - s.dpd().from()) + 1L));
            if (reached.isBefore(historySince)) {
                return Optional.empty(); // sent or not, the live ledger would no longer show it
            }
            if (s.isOnce() && s.conditions().isEmpty() && s.dpd().to() != null && s.dpd().to() < daysPastDue
                    && s.when().matches(i)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
