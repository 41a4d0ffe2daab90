package io.dunninghub.support;

import io.dunninghub.ledger.EventType;
import io.dunninghub.ledger.NoticeOutcome;
import io.dunninghub.ledger.NoticeStatus;
import java.time.Instant;
import java.util.Optional;

/** Notice outcomes spelled out field by field, for ledger tests that write every combination. */
public final class Outcomes {

    private Outcomes() {
    }

    /** @param eventType the event's name, or null for a notice handed back unsent */
    public static NoticeOutcome of(String noticeId, NoticeStatus status, String eventType, String reason, String detail,
                                   String provider, String providerMessageId, String recipientMasked,
                                   boolean attempted, Instant nextAttemptAt) {
        return of(noticeId, status, eventType, reason, detail, provider, providerMessageId, recipientMasked, attempted,
                nextAttemptAt, null);
    }

    public static NoticeOutcome of(String noticeId, NoticeStatus status, String eventType, String reason, String detail,
                                   String provider, String providerMessageId, String recipientMasked,
                                   boolean attempted, Instant nextAttemptAt, Integer segments) {
        return new NoticeOutcome(noticeId, status, Optional.ofNullable(eventType).map(EventType::valueOf), reason,
                detail, provider, providerMessageId, recipientMasked, attempted, nextAttemptAt, segments);
    }
}
