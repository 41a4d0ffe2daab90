package io.dunninghub.ledger;

import java.util.List;

/**
 * A due notice this instance holds a lease on and must now send, defer, or give up.
 *
 * @param installmentId  the oldest installment the notice covers when it was planned
 * @param scope          what the notice is about: an installment, a loan or a borrower
 * @param installmentIds every installment it covers, as planned (re-read right before sending)
 */
public record ClaimedNotice(
        String id,
        String dedupeKey,
        String installmentId,
        String loanId,
        String borrowerId,
        String stepId,
        int cycle,
        String channel,
        String audience,
        String template,
        int attempts,
        boolean leaseWasExpired,
        String ladderId,
        NoticeScope scope,
        List<String> installmentIds) {

    public ClaimedNotice {
        installmentIds = List.copyOf(installmentIds);
    }

    /** The installment, loan or borrower id the notice's dedupe key is built on. */
    public String scopeId() {
        String debt = dedupeKey;
        for (int k = 0; k < 4; k++) {
            debt = debt.substring(0, debt.lastIndexOf(':'));
        }
        return scope == NoticeScope.INSTALLMENT ? debt : debt.substring(debt.indexOf('/') + 1);
    }

    /** The covered installments from the stored column (one id per line; null: just the one installment). */
    static List<String> covered(String stored, String installmentId) {
        return stored == null || stored.isBlank() ? List.of(installmentId) : List.of(stored.split("\n"));
    }
}
