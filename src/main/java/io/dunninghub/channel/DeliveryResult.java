package io.dunninghub.channel;

import java.time.Duration;

/**
 * What a provider said about one notice: the {@code hub.result} header a channel route hands back.
 *
 * @param outcome           SENT, RETRY (transient: try again later) or FAILED (permanent: never retry)
 * @param provider          name of the provider instance from providers.yaml that answered
 * @param providerMessageId the provider's own id (Twilio sid, Message-ID, file name, ...)
 * @param reasonCode        machine-readable reason for RETRY/FAILED, e.g. INVALID_RECIPIENT, HTTP_503, TWILIO_21211
 * @param detail            short human-readable detail; never contains a full address or message body
 *                          (for SENT it may carry a tracking number, which the ledger keeps in the SENT event)
 * @param retryAfter        provider-requested wait before the next attempt (Retry-After), or null
 * @param segments          SMS segments billed for this notice (null for other channels)
 */
public record DeliveryResult(
        Outcome outcome,
        String provider,
        String providerMessageId,
        String reasonCode,
        String detail,
        Duration retryAfter,
        Integer segments) {

    public enum Outcome { SENT, RETRY, FAILED }

    /** Without a segment count (every channel but SMS). */
    public DeliveryResult(Outcome outcome, String provider, String providerMessageId, String reasonCode, String detail,
                          Duration retryAfter) {
        this(outcome, provider, providerMessageId, reasonCode, detail, retryAfter, null);
    }

    public static DeliveryResult sent(String provider, String providerMessageId) {
        return new DeliveryResult(Outcome.SENT, provider, providerMessageId, null, null, null);
    }

    public static DeliveryResult sent(String provider, String providerMessageId, String detail) {
        return new DeliveryResult(Outcome.SENT, provider, providerMessageId, null, detail, null);
    }

    public static DeliveryResult retry(String provider, String reasonCode, String detail, Duration retryAfter) {
        return new DeliveryResult(Outcome.RETRY, provider, null, reasonCode, detail, retryAfter);
    }

    public static DeliveryResult failed(String provider, String reasonCode, String detail) {
        return new DeliveryResult(Outcome.FAILED, provider, null, reasonCode, detail, null);
    }

    public DeliveryResult withSegments(Integer count) {
        return new DeliveryResult(outcome, provider, providerMessageId, reasonCode, detail, retryAfter, count);
    }

    public DeliveryResult withProvider(String name) {
        return new DeliveryResult(outcome, name, providerMessageId, reasonCode, detail, retryAfter, segments);
    }
}
