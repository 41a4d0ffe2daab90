package io.dunninghub.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * What happened to a claimed notice, written back in a batch. Built by name: {@link #sent}, {@link #failed},
 * {@link #retry}, {@link #dead}, {@link #suppressed}, {@link #deferred} and {@link #held}.
 *
 * @param status        new status (SENT, RETRY, FAILED, DEAD, SUPPRESSED, or PLANNED/RETRY for a deferral)
 * @param event         the event row to append; empty for a notice handed back unsent because its provider could
 *                      not take it yet
 * @param attempted     whether a provider was called (counts as an attempt)
 * @param nextAttemptAt for RETRY and deferrals
 * @param segments      SMS segments the provider billed (null when not known or not SMS)
 * @param content       what was handed to the provider, kept with the outcome ({@link NoticeContent#NONE}: nothing)
 */
public record NoticeOutcome(
        String noticeId,
        NoticeStatus status,
        Optional<EventType> event,
        String reason,
        String detail,
        String provider,
        String providerMessageId,
        String recipientMasked,
        boolean attempted,
        Instant nextAttemptAt,
        Integer segments,
        NoticeContent content) {

    public NoticeOutcome {
        content = content == null ? NoticeContent.NONE : content;
    }

    /** Without content: what was sent is not kept (or nothing was sent). */
    public NoticeOutcome(String noticeId, NoticeStatus status, Optional<EventType> event, String reason, String detail,
                         String provider, String providerMessageId, String recipientMasked, boolean attempted,
                         Instant nextAttemptAt, Integer segments) {
        this(noticeId, status, event, reason, detail, provider, providerMessageId, recipientMasked, attempted,
                nextAttemptAt, segments, NoticeContent.NONE);
    }

    /** The same outcome with what was handed to the provider, written with it in one transaction. */
    public NoticeOutcome withContent(NoticeContent kept) {
        return new NoticeOutcome(noticeId, status, event, reason, detail, provider, providerMessageId, recipientMasked,
                attempted, nextAttemptAt, segments, kept);
    }

    /** A provider accepted it; {@code detail} is its receipt (status, tracking number) and goes into the event. */
    public static NoticeOutcome sent(String noticeId, String provider, String providerMessageId,
                                     String recipientMasked, String detail, Integer segments) {
        return new NoticeOutcome(noticeId, NoticeStatus.SENT, Optional.of(EventType.SENT), null, detail, provider,
                providerMessageId, recipientMasked, true, null, segments);
    }

    /** A provider refused it for good (invalid number, unsubscribed, bad address …). */
    public static NoticeOutcome failed(String noticeId, String reason, String detail, String provider,
                                       String recipientMasked, Integer segments) {
        return new NoticeOutcome(noticeId, NoticeStatus.FAILED, Optional.of(EventType.FAILED), reason, detail,
                provider, null, recipientMasked, true, null, segments);
    }

    /** It could not be sent and will not be (a template that does not render): no provider was called. */
    public static NoticeOutcome failedUnsent(String noticeId, String reason, String detail) {
        return new NoticeOutcome(noticeId, NoticeStatus.FAILED, Optional.of(EventType.FAILED), reason, detail, null,
                null, null, false, null, null);
    }

    /** A transient failure; tried again at {@code nextAttemptAt}. */
    public static NoticeOutcome retry(String noticeId, String reason, String detail, String provider,
                                      boolean attempted, Instant nextAttemptAt) {
        return new NoticeOutcome(noticeId, NoticeStatus.RETRY, Optional.of(EventType.RETRY), reason, detail, provider,
                null, null, attempted, nextAttemptAt, null);
    }

    /** Given up after the configured attempts. */
    public static NoticeOutcome dead(String noticeId, String reason, String detail, String provider,
                                     boolean attempted) {
        return new NoticeOutcome(noticeId, NoticeStatus.DEAD, Optional.of(EventType.DEAD), reason, detail, provider,
                null, null, attempted, null, null);
    }

    /** The send-time check stops it for good (paid, opted out, on hold, superseded …). */
    public static NoticeOutcome suppressed(String noticeId, String reason, String detail) {
        return new NoticeOutcome(noticeId, NoticeStatus.SUPPRESSED, Optional.of(EventType.SUPPRESSED), reason, detail,
                null, null, null, false, null, null);
    }

    /**
     * The send-time check moves it later (quiet hours, a cap, a holiday …); it stays PLANNED, or RETRY when it was
     * tried before.
     */
    public static NoticeOutcome deferred(String noticeId, boolean triedBefore, String reason, String detail,
                                         Instant until) {
        return new NoticeOutcome(noticeId, triedBefore ? NoticeStatus.RETRY : NoticeStatus.PLANNED,
                Optional.of(EventType.DEFERRED), reason, detail, null, null, null, false, until, null);
    }

    /**
     * Its provider could not take it yet (rate limit, Retry-After, open circuit) and nothing was sent: back to the
     * ledger until {@code until}, no attempt counted and no event row.
     */
    public static NoticeOutcome held(String noticeId, boolean triedBefore, String reason, String detail,
                                     Instant until) {
        return new NoticeOutcome(noticeId, triedBefore ? NoticeStatus.RETRY : NoticeStatus.PLANNED, Optional.empty(),
                reason, detail, null, null, null, false, until, null);
    }

    /** Whether it was handed back unsent, writing no event. */
    public boolean isHeld() {
        return event.isEmpty();
    }

    /** The event's name as the ledger stores it, or null for a held notice. */
    public String eventType() {
        return event.map(EventType::name).orElse(null);
    }
}
