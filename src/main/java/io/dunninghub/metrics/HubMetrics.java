package io.dunninghub.metrics;

import java.time.Duration;

/**
 * What the hub's stages report for monitoring. The stages call this interface only, so they stay plain Java:
 * {@link #NONE} in unit tests and {@code run --once}, {@link PrometheusHubMetrics} in the daemon.
 *
 * <p>Arguments become labels, so they are only ever a channel, a provider name, a reason code, a status or an
 * outcome: never a borrower, loan or notice id, an address or a name.
 */
public interface HubMetrics {

    /** Records nothing. */
    HubMetrics NONE = new HubMetrics() {
    };

    /** A new notice the planning pass will send (now or after a deferral). */
    default void noticePlanned(String channel) {
    }

    /** A notice suppressed, by the planner or by the send-time check: a SUPPRESSED event. */
    default void noticeSuppressed(String channel, String reason) {
    }

    /** A notice made to wait (quiet hours, holiday, cap, promise …): a DEFERRED event. */
    default void noticeDeferred(String channel, String reason) {
    }

    /**
     * What dispatching did with a claimed notice, by its ledger event: SENT, RETRY, FAILED, DEAD, and also
     * SUPPRESSED and DEFERRED from the send-time check. {@code provider} is null when no provider answered.
     */
    default void noticeDispatched(String channel, String provider, String eventType, String reason) {
        if (eventType == null) {
            return; // handed back unsent: no event (see providerHeld)
        }
        switch (eventType) {
            case "SUPPRESSED" -> noticeSuppressed(channel, reason);
            case "DEFERRED" -> noticeDeferred(channel, reason);
            default -> { }
        }
    }

    /** A provider's final receipt applied to a sent notice: DELIVERED or UNDELIVERED. */
    default void noticeReceipt(String channel, String provider, String outcome, String reason) {
    }

    /**
     * An outcome recorded for the first time (a repeated delivery is not counted).
     *
     * @param source who reported it, without the operator's name: dialer, twilio, aliyun, tencent, unsubscribe, smtp,
     *               fcm, jpush, cli, admin
     * @param outcome its label: connected, no-answer, stop, bounced, …
     */
    default void outcomeRecorded(String source, String outcome) {
    }

    /** One request to a provider and how long its adapter took; outcome SENT, RETRY or FAILED. */
    default void providerCall(String provider, String outcome, Duration took) {
    }

    /** A notice a provider could not take yet and nothing was sent (THROTTLED, PROVIDER_PAUSED, CIRCUIT_OPEN …). */
    default void providerHeld(String provider, String reason) {
    }

    /** How long a worker waited for a provider's rate-limit token (whether it got one or not). */
    default void rateLimitWait(String provider, Duration waited) {
    }

    default void scanStarted() {
    }

    /**
     * @param rows    installment rows read
     * @param skipped rows that could not be read (malformed) and were left out
     */
    default void scanFinished(boolean success, Duration took, long rows, long skipped) {
    }
}
