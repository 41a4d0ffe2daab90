package io.dunninghub.ledger;

import java.time.Instant;

/**
 * An earlier notice about a debt as the ledger shows it: one that was actually sent (a provider took it), when,
 * on which channel and at which ladder step, what the provider's receipt said about its delivery, and the
 * tracking number of a letter. What a message may say about earlier contacts comes from these only.
 *
 * @param delivery DELIVERED, UNDELIVERED, or null while no final receipt came
 * @param tracking a registered letter's tracking number, or null
 * @param outcomes what came of it (a call's result, a bounce), oldest first
 */
public record PastNotice(String noticeId, String loanId, String borrowerId, String channel, String stepId,
                         String template, Instant sentAt, String delivery, String tracking,
                         java.util.List<PastOutcome> outcomes) {

    public PastNotice {
        outcomes = outcomes == null ? java.util.List.of() : java.util.List.copyOf(outcomes);
    }

    /** A notice nothing has come back about yet. */
    public PastNotice(String noticeId, String loanId, String borrowerId, String channel, String stepId,
                      String template, Instant sentAt, String delivery, String tracking) {
        this(noticeId, loanId, borrowerId, channel, stepId, template, sentAt, delivery, tracking, java.util.List.of());
    }

    /** The same notice with one more outcome. */
    public PastNotice with(PastOutcome outcome) {
        java.util.List<PastOutcome> all = new java.util.ArrayList<>(outcomes);
        all.add(outcome);
        all.sort(java.util.Comparator.comparing(PastOutcome::at));
        return new PastNotice(noticeId, loanId, borrowerId, channel, stepId, template, sentAt, delivery, tracking, all);
    }

    /** Whether an outcome of one of these kinds came back at or after {@code since}. */
    public boolean hasOutcome(java.util.Collection<OutcomeKind> kinds, Instant since) {
        return outcomes.stream().anyMatch(o -> kinds.contains(o.kind()) && !o.at().isBefore(since));
    }

    public boolean delivered() {
        return "DELIVERED".equals(delivery);
    }

    /** Sent and not reported undelivered. */
    public boolean reached() {
        return !"UNDELIVERED".equals(delivery);
    }
}
