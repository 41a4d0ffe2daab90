package io.dunninghub.channel.http;

import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.render.TemplateModel;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values a request template ({@link JsonTemplate}) can use: the message's own fields and the same model
 * the notice's FreeMarker templates saw ({@code borrower}, {@code installment}, {@code lender}, {@code notice}).
 */
public final class MessageValues {

    /** The message's own names a request template may use, beside the template model's sections. */
    private static final Set<String> MESSAGE = Set.of("to", "name", "subject", "text", "html", "pdf", "locale",
            "channel", "noticeId", "dedupeKey", "step", "template", "borrowerId", "installmentId", "segments", "reach",
            "msisdn");

    /** Every name a request template may start with. */
    public static final Set<String> ROOTS = union(MESSAGE, TemplateModel.ROOTS);

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private MessageValues() {
    }

    /** @param to the recipient as the provider needs it (E.164 for phones) */
    public static Map<String, Object> of(OutboundMessage m, String to, Integer segments) {
        Map<String, Object> v = new HashMap<>(m.model().asMap());
        v.put("to", to);
        // the E.164 number without its '+', as Vonage, Infobip and many gateways write it
        v.put("msisdn", to != null && to.matches("\\+\\d{6,15}") ? to.substring(1) : null);
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
        v.put("step", m.step());
        v.put("template", m.template());
        v.put("borrowerId", m.borrowerId());
        v.put("installmentId", m.installmentId());
        v.put("reach", m.reach().asMap());
        return v;
    }
}
