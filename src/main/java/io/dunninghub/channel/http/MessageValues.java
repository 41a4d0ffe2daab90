package io.dunninghub.channel.http;

import io.dunninghub.channel.OutboundMessage;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values a request template ({@link JsonTemplate}) can use: the message's own fields and the same model
 * the notice's FreeMarker templates saw ({@code borrower}, {@code installment}, {@code lender}, {@code notice}).
 */
public final class MessageValues {

    /** Every name a request template may start with. */
    public static final Set<String> ROOTS = Set.of("to", "name", "subject", "text", "html", "pdf", "locale", "channel",
            "noticeId", "dedupeKey", "step", "template", "borrowerId", "installmentId", "segments",
            "borrower", "installment", "lender", "notice");

    private MessageValues() {
    }

    /** @param to the recipient as the provider needs it (E.164 for phones) */
    public static Map<String, Object> of(OutboundMessage m, String to, Integer segments) {
        Map<String, Object> v = new HashMap<>();
        Map<String, Object> attributes = m.attributes() == null ? Map.of() : m.attributes();
        if (attributes.get("model") instanceof Map<?, ?> model) {
            model.forEach((k, val) -> v.put(String.valueOf(k), val));
        }
        v.put("to", to);
        v.put("name", m.recipientName());
        v.put("subject", m.subject());
        v.put("text", m.text());
        v.put("html", m.html());
        v.put("pdf", m.pdf() == null ? null : Base64.getEncoder().encodeToString(m.pdf()));
        v.put("locale", m.locale());
        v.put("channel", m.channel());
        v.put("noticeId", m.noticeId());
        v.put("dedupeKey", m.dedupeKey());
        v.put("segments", segments);
        for (String k : new String[] {"step", "template", "borrowerId", "installmentId"}) {
            v.put(k, attributes.get(k));
        }
        return v;
    }
}
