package io.dunninghub.channel;

import java.util.Map;

/**
 * One rendered notice on its way to a provider: the body of {@code direct:channel.<name>}.
 *
 * @param noticeId     ledger id of the notice; providers that support it get it as idempotency key
 * @param dedupeKey    installment:step:channel:audience:cycle
 * @param channel      sms, email, push, letter, or an integrator's channel name
 * @param recipient    the address for this channel: E.164 phone, e-mail address, device token, postal address
 * @param recipientName borrower's display name (may be null)
 * @param locale       locale the message was rendered in (en, zh-CN, zh-TW, ...)
 * @param subject      e-mail subject or push / letter title (may be null)
 * @param text         plain-text body (SMS text, e-mail text part, push body, letter text)
 * @param html         HTML body for e-mail (may be null)
 * @param pdf          rendered letter or attachment (may be null)
 * @param attributes   extra values for custom channels (template model extracts, step id, ...)
 */
public record OutboundMessage(
        String noticeId,
        String dedupeKey,
        String channel,
        String recipient,
        String recipientName,
        String locale,
        String subject,
        String text,
        String html,
        byte[] pdf,
        Map<String, Object> attributes) {

    /**
     * The key under which a provider that honours idempotency keys (Lob's {@code Idempotency-Key}, generic JSON
     * providers) creates this message at most once: the notice id, the same across retries, restarts and
     * instances, so a notice re-sent after a crash is not delivered twice.
     */
    public String idempotencyKey() {
        return noticeId;
    }
}
