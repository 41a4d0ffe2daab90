package io.dunninghub.channel;

import java.time.Duration;
import java.util.Set;

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
 * @param sentBytes         the exact bytes handed to the provider when the adapter built a wire form of its own (the
 *                          e-mail's MIME, the outbox file), for the evidence kept of the notice; null otherwise
 */
public record DeliveryResult(
        Outcome outcome,
        String provider,
        String providerMessageId,
        String reasonCode,
        String detail,
        Duration retryAfter,
        Integer segments,
        byte[] sentBytes) {

    public enum Outcome { SENT, RETRY, FAILED }

    public DeliveryResult(Outcome outcome, String provider, String providerMessageId, String reasonCode, String detail,
                          Duration retryAfter, Integer segments) {
        this(outcome, provider, providerMessageId, reasonCode, detail, retryAfter, segments, null);
    }

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

    /**
     * RETRY reasons meaning no request left the hub: the provider was at its rate limit, paused by its own
     * Retry-After, or taken out of rotation by its circuit breaker. Such a notice goes back to the ledger
     * without counting an attempt.
     */
    public static final Set<String> HELD_REASONS = Set.of("THROTTLED", "PROVIDER_PAUSED", "CIRCUIT_OPEN", "RATE_LIMIT_UNAVAILABLE",
            "PROVIDER_BUSY");

    /** Nothing was sent: try again after {@code retryAfter} (see {@link #HELD_REASONS}). */
    public static DeliveryResult held(String provider, String reasonCode, String detail, Duration retryAfter) {
        if (!HELD_REASONS.contains(reasonCode)) {
            throw new IllegalArgumentException("not a held reason: " + reasonCode);
        }
        return new DeliveryResult(Outcome.RETRY, provider, null, reasonCode, detail, retryAfter);
    }

    /** Whether this RETRY means the request was never sent (so no attempt is counted). */
    public boolean isHeld() {
        return outcome == Outcome.RETRY && reasonCode != null && HELD_REASONS.contains(reasonCode);
    }

    public DeliveryResult withSegments(Integer count) {
        return new DeliveryResult(outcome, provider, providerMessageId, reasonCode, detail, retryAfter, count, sentBytes);
    }

    public DeliveryResult withProvider(String name) {
        return new DeliveryResult(outcome, name, providerMessageId, reasonCode, detail, retryAfter, segments, sentBytes);
    }

    /** The same answer with the exact bytes the adapter handed over (see {@link #sentBytes}). */
    public DeliveryResult withSentBytes(byte[] bytes) {
        return new DeliveryResult(outcome, provider, providerMessageId, reasonCode, detail, retryAfter, segments, bytes);
    }
}
