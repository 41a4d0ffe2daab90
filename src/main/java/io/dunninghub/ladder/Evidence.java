package io.dunninghub.ladder;

import io.dunninghub.ledger.PastNotice;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * What the ledger must show for a step to run: an earlier notice about the same debt on one of {@code channels}
 * (any channel when empty), at step {@code stepId} when given, sent (and not reported undelivered) or, with
 * {@code delivered}, confirmed delivered by the provider's receipt, within {@code within} before now. A step
 * whose evidence is missing waits ({@code EVIDENCE_MISSING}) and is looked at again a day later.
 */
public record Evidence(Set<String> channels, String stepId, boolean delivered, Duration within) {

    /** How long a step waiting for evidence waits before it is looked at again. */
    public static final Duration RECHECK = Duration.ofDays(1);

    public Evidence {
        channels = Set.copyOf(channels);
    }

    public boolean metBy(Collection<PastNotice> history, Instant now) {
        Instant since = now.minus(within);
        return history.stream().anyMatch(p -> (channels.isEmpty() || channels.contains(p.channel()))
                && (stepId == null || stepId.equals(p.stepId()))
                && (delivered ? p.delivered() : p.reached())
                && !p.sentAt().isBefore(since) && !p.sentAt().isAfter(now));
    }

    /** The first of {@code required} the history does not show, if any. */
    public static java.util.Optional<Evidence> missing(java.util.List<Evidence> required, Collection<PastNotice> history,
                                                       Instant now) {
        return required.stream().filter(e -> !e.metBy(history, now)).findFirst();
    }

    /** In words, for the deferral's detail: {@code a delivered letter at step formal within 30 days}. */
    public String describe() {
        String what = channels.isEmpty() ? "notice" : String.join(" or ", channels.stream().sorted().toList());
        return (delivered ? "a delivered " : "a sent ") + what + (stepId == null ? "" : " of step '" + stepId + "'")
                + (within.equals(HistoryMatch.EVER) ? "" : " within " + Durations.words(within));
    }
}
