package io.dunninghub.channel;

import io.dunninghub.render.TemplateModel;
import java.util.LinkedHashMap;
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
 * @param step         the ladder step that called for it
 * @param template     the hub template it was rendered from (template-based SMS providers map it to theirs)
 * @param borrowerId   the borrower the debt is about
 * @param installmentId the installment the notice is about
 * @param model        what the templates saw; HTTP request templates and integrators' routes read it too
 * @param reach        for a call task or an agency case: the contact details and when the person may be reached;
 *                     {@link Reach#NONE} otherwise
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
        String step,
        String template,
        String borrowerId,
        String installmentId,
        TemplateModel model,
        Reach reach) {

    /** A message for a channel that is worked at once (no call window). */
    public OutboundMessage(String noticeId, String dedupeKey, String channel, String recipient, String recipientName,
                           String locale, String subject, String text, String html, byte[] pdf, String step,
                           String template, String borrowerId, String installmentId, TemplateModel model) {
        this(noticeId, dedupeKey, channel, recipient, recipientName, locale, subject, text, html, pdf, step, template,
                borrowerId, installmentId, model, Reach.NONE);
    }

    /**
     * The step, template, borrower, installment and the template model as plain maps, for integrators' YAML
     * routes ({@code ${body.attributes[model][borrower][name]}}).
     */
    public Map<String, Object> attributes() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("step", step);
        a.put("template", template);
        a.put("borrowerId", borrowerId);
        a.put("installmentId", installmentId);
        a.put("model", model.asMap());
        return a;
    }

    /**
     * The key under which a provider that honours idempotency keys (Lob's {@code Idempotency-Key}, generic JSON
     * providers) creates this message at most once: the notice id, the same across retries, restarts and
     * instances, so a notice re-sent after a crash is not delivered twice.
     */
    public String idempotencyKey() {
        return noticeId;
    }
}
