package io.dunninghub.ledger;

/** A due notice this instance holds a lease on and must now send, defer, or give up. */
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
        String ladderId) {
}
