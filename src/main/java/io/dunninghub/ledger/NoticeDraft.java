package io.dunninghub.ledger;

import java.time.Instant;

/**
 * A notice as the planner decided it, before it is in the ledger: PLANNED for {@code notBefore}, or
 * SUPPRESSED with a reason. {@code deferredBy} names the rule that moved notBefore later (QUIET_HOURS).
 */
public record NoticeDraft(
        String dedupeKey,
        String installmentId,
        String loanId,
        String borrowerId,
        String ladderId,
        String stepId,
        int cycle,
        String channel,
        String audience,
        String template,
        NoticeStatus status,
        String reason,
        String deferredBy,
        String detail,
        Instant notBefore) {

    public String noticeId() {
        return DedupeKey.noticeId(dedupeKey);
    }
}
