package io.dunninghub.ledger;

import java.time.Instant;

/**
 * What happened to a claimed notice, written back in a batch.
 *
 * @param status        new status (SENT, RETRY, FAILED, DEAD, SUPPRESSED, or PLANNED for a deferral)
 * @param eventType     the event row to append (SENT, RETRY, FAILED, DEAD, SUPPRESSED, DEFERRED)
 * @param attempted     whether a provider was called (counts as an attempt)
 * @param nextAttemptAt for RETRY and deferrals
 * @param segments      SMS segments the provider billed (null when not known or not SMS)
 */
public record NoticeOutcome(
        String noticeId,
        NoticeStatus status,
        String eventType,
        String reason,
        String detail,
        String provider,
        String providerMessageId,
        String recipientMasked,
        boolean attempted,
        Instant nextAttemptAt,
        Integer segments) {

    /** An outcome without a segment count. */
    public NoticeOutcome(String noticeId, NoticeStatus status, String eventType, String reason, String detail,
                         String provider, String providerMessageId, String recipientMasked, boolean attempted,
                         Instant nextAttemptAt) {
        this(noticeId, status, eventType, reason, detail, provider, providerMessageId, recipientMasked, attempted,
                nextAttemptAt, null);
    }
}
