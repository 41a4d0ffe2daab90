package io.dunninghub.ladder;

import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.ledger.PastNotice;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a step applies, in terms of what happened to the debt: the ledger's history of it with the outcomes that
 * came back. Evaluated when the step is planned and again before it is sent.
 * <ul>
 *   <li>{@code if: { no: … }} and {@code unless: …} ({@link None}): the step applies while no earlier notice
 *       matches — "no connected call within a day", "unless an e-mail was delivered within 3 days";</li>
 *   <li>{@code after: { step, outcome, wait }} ({@link After}): the step waits for that step's notice to come back
 *       with one of these outcomes, then for {@code wait} — "an SMS 2 hours after the due-day call was not
 *       answered".</li>
 * </ul>
 */
public sealed interface StepCondition {

    /** What the condition says now. */
    Check check(Collection<PastNotice> history, Instant now);

    /** As written in ladder.yaml, for reasons and {@code preview}. */
    String describe();

    /** Met; not met (the step does not apply: never sent); or waiting on an outcome until at least {@code until}. */
    record Check(State state, Instant until, String detail) {

        public enum State { MET, NOT_MET, WAITING }

        public static final Check MET = new Check(State.MET, null, null);

        public static Check notMet(String detail) {
            return new Check(State.NOT_MET, null, detail);
        }

        public static Check waiting(Instant until, String detail) {
            return new Check(State.WAITING, until, detail);
        }
    }

    /** How long a step waiting on an outcome that has not come back waits before it is looked at again. */
    Duration OUTCOME_RECHECK = Duration.ofHours(1);

    /** The first condition of {@code all} that is not met, or that waits; {@link Check#MET} when all hold. */
    static Check checkAll(List<StepCondition> all, Collection<PastNotice> history, Instant now) {
        for (StepCondition c : all) {
            Check check = c.check(history, now);
            if (check.state() != Check.State.MET) {
                return check;
            }
        }
        return Check.MET;
    }

    /** Applies while no earlier notice matches. */
    record None(HistoryMatch match, String keyword) implements StepCondition {

        @Override
        public Check check(Collection<PastNotice> history, Instant now) {
            return match.anyIn(history, now) ? Check.notMet(describe() + ": the ledger shows one") : Check.MET;
        }

        @Override
        public String describe() {
            return keyword + " " + match.describe();
        }
    }

    /** Applies once {@code stepId}'s notice came back with one of {@code outcomes}, {@code wait} after it did. */
    record After(String stepId, Set<OutcomeKind> outcomes, Duration waitFor) implements StepCondition {

        public After {
            outcomes = Set.copyOf(outcomes);
            waitFor = waitFor == null ? Duration.ZERO : waitFor;
        }

        @Override
        public Check check(Collection<PastNotice> history, Instant now) {
            List<PastNotice> ofStep = history.stream().filter(p -> stepId.equals(p.stepId()) && p.reached())
                    .sorted(Comparator.comparing(PastNotice::sentAt)).toList();
            if (ofStep.isEmpty()) {
                return Check.waiting(now.plus(OUTCOME_RECHECK), describe() + ": no notice of step '" + stepId
                        + "' has gone out yet");
            }
            PastNotice last = ofStep.get(ofStep.size() - 1);
            if (last.outcomes().isEmpty()) {
                return Check.waiting(now.plus(OUTCOME_RECHECK), describe() + ": no outcome has come back yet");
            }
            Optional<io.dunninghub.ledger.PastOutcome> wanted = last.outcomes().stream()
                    .filter(o -> outcomes.contains(o.kind())).reduce((a, b) -> b);
            if (wanted.isEmpty()) {
                return Check.notMet(describe() + ": it came back " + last.outcomes().get(last.outcomes().size() - 1)
                        .kind().label());
            }
            Instant from = wanted.get().at().plus(waitFor);
            return from.isAfter(now) ? Check.waiting(from, describe() + ": waits until " + from) : Check.MET;
        }

        @Override
        public String describe() {
            return "after step '" + stepId + "' came back " + String.join(" or ",
                    outcomes.stream().map(OutcomeKind::label).sorted().toList())
                    + (waitFor.isZero() ? "" : " and " + Durations.words(waitFor) + " passed");
        }
    }
}
