package io.dunninghub.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A notice as the planner decided it, before it is in the ledger: PLANNED for {@code notBefore}, or
 * SUPPRESSED with a reason. {@code deferredBy} names the rule that moved notBefore later (QUIET_HOURS).
 *
 * @param installmentId  the oldest overdue installment of the debt (the only one for an installment notice)
 * @param scope          what the notice is about: an installment, a loan or a borrower
 * @param installmentIds every installment the notice covers, oldest first
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
        Instant notBefore,
        NoticeScope scope,
        List<String> installmentIds) {

    public NoticeDraft {
        installmentIds = List.copyOf(installmentIds);
    }

    public String noticeId() {
        return DedupeKey.noticeId(dedupeKey);
    }

    /** The covered installments as the ledger stores them: one id per line, null for an installment notice. */
    String storedInstallmentIds() {
        return scope == NoticeScope.INSTALLMENT ? null : String.join("\n", installmentIds);
    }
}
