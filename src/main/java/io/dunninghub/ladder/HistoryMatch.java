package io.dunninghub.ladder;

import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.ledger.PastNotice;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Which earlier notices of a debt a ladder condition speaks of: on one of {@code channels} (any when empty), of
 * step {@code stepId} (any when null), {@code delivered} (confirmed by the provider's receipt) or merely sent and
 * not reported undelivered, with one of {@code outcomes} recorded (any or none when empty), within {@code within}
 * before now (the notice's time, or the outcome's when outcomes are named).
 */
public record HistoryMatch(Set<String> channels, String stepId, boolean delivered, Set<OutcomeKind> outcomes,
                           Duration within) {

    /** No limit in time. */
    public static final Duration EVER = Duration.ofDays(365L * 100);

    public HistoryMatch {
        channels = Set.copyOf(channels);
        outcomes = Set.copyOf(outcomes);
        within = within == null ? EVER : within;
    }

    public boolean matches(PastNotice p, Instant now) {
        Instant since = now.minus(within);
        if (!channels.isEmpty() && !channels.contains(p.channel())) {
            return false;
        }
        if (stepId != null && !stepId.equals(p.stepId())) {
            return false;
        }
        if (delivered ? !p.delivered() : !p.reached()) {
            return false;
        }
        if (!outcomes.isEmpty()) {
            return p.outcomes().stream().anyMatch(o -> outcomes.contains(o.kind()) && !o.at().isBefore(since)
                    && !o.at().isAfter(now));
        }
        return !p.sentAt().isBefore(since) && !p.sentAt().isAfter(now);
    }

    public boolean anyIn(Collection<PastNotice> history, Instant now) {
        return history.stream().anyMatch(p -> matches(p, now));
    }

    /** In words: {@code a call of step 'day0-call' with outcome connected within 1 day}. */
    public String describe() {
        String what = channels.isEmpty() ? "notice" : String.join(" or ", channels.stream().sorted().toList());
        StringBuilder b = new StringBuilder(delivered ? "a delivered " : "a ").append(what);
        if (stepId != null) {
            b.append(" of step '").append(stepId).append("'");
        }
        if (!outcomes.isEmpty()) {
            b.append(" with outcome ").append(String.join(" or ", outcomes.stream().map(OutcomeKind::label).sorted().toList()));
        }
        if (!within.equals(EVER)) {
            b.append(" within ").append(Durations.words(within));
        }
        return b.toString();
    }
}
