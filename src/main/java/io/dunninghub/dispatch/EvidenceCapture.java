package io.dunninghub.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.ContentKeys;
import io.dunninghub.ledger.EvidenceMode;
import io.dunninghub.ledger.NoticeContent;
import io.dunninghub.render.RenderedMessage;
import io.dunninghub.render.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What is kept of a notice handed to a provider ({@code hub.evidence.content}): the SHA-256 of the exact bytes sent,
 * the template and its files' hash, the configuration snapshot's hash, and in {@code full} mode the bytes sealed.
 *
 * <p>The bytes sent are the adapter's own wire form where it reports one ({@link DeliveryResult#sentBytes}: the
 * e-mail MIME of the SMTP and SES adapters, the outbox file); otherwise, per channel, what the hub hands every
 * provider of it: the SMS text as UTF-8, the letter PDF, and for other channels a JSON of the rendered parts
 * ({@code {"subject","text","html","attachment"}}, the PDF in Base64; push: {@code {"title","body","data":{"noticeId"}}}).
 */
public final class EvidenceCapture {

    /** What the configuration in force says about the templates and the rules; read per notice from the batch's. */
    public record Snapshot(String configSha256, TemplateRenderer renderer) {
    }

    /** Keeps nothing (hub.evidence.content = none). */
    public static final EvidenceCapture NONE = new EvidenceCapture(EvidenceMode.NONE, ContentKeys.NONE, () -> null);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EvidenceMode mode;
    private final ContentKeys keys;
    private final Supplier<Snapshot> snapshot;

    /**
     * @param keys     seal the content in {@code full} mode (required then)
     * @param snapshot the configuration of the batch being sent
     */
    public EvidenceCapture(EvidenceMode mode, ContentKeys keys, Supplier<Snapshot> snapshot) {
        if (mode == EvidenceMode.FULL && !keys.canSeal()) {
            throw new IllegalArgumentException("hub.evidence.content = full needs a key");
        }
        this.mode = mode;
        this.keys = keys;
        this.snapshot = snapshot;
    }

    public EvidenceMode mode() {
        return mode;
    }

    /** What a message handed to a provider was; {@link NoticeContent#NONE} in mode none. */
    public NoticeContent capture(ClaimedNotice n, OutboundMessage m, RenderedMessage rendered, DeliveryResult result) {
        if (mode == EvidenceMode.NONE) {
            return NoticeContent.NONE;
        }
        Wire wire = wire(m, result);
        Snapshot s = snapshot.get();
        String locale = rendered.locale();
        String templateSha = s == null || s.renderer() == null ? null
                : s.renderer().templateSha256(n.template(), n.channel(), locale);
        return new NoticeContent(n.attempts() + 1, wire.mediaType(), NoticeContent.sha256(wire.bytes()),
                wire.bytes().length, n.template(), locale, templateSha, s == null ? null : s.configSha256(),
                mode == EvidenceMode.FULL ? keys.seal(wire.bytes(), n.id()) : null);
    }

    /** The bytes and their media type. */
    record Wire(String mediaType, byte[] bytes) {
    }

    static Wire wire(OutboundMessage m, DeliveryResult result) {
        String channel = m.channel();
        if (result.sentBytes() != null && !"sms".equals(channel)) {
            return new Wire(switch (channel) {
                case "email" -> "message/rfc822";
                case "letter" -> "application/pdf";
                default -> "application/json";
            }, result.sentBytes());
        }
        return switch (channel) {
            case "sms" -> new Wire("text/plain; charset=UTF-8", text(m.text()).getBytes(StandardCharsets.UTF_8));
            case "letter" -> m.pdf() != null ? new Wire("application/pdf", m.pdf()) : json(m);
            default -> json(m);
        };
    }

    private static Wire json(OutboundMessage m) {
        ObjectNode root = JSON.createObjectNode();
        if ("push".equals(m.channel())) {
            root.put("title", m.subject());
            root.put("body", m.text());
            root.putObject("data").put("noticeId", m.noticeId());
        } else {
            root.put("subject", m.subject());
            root.put("text", m.text());
            if (m.html() != null) {
                root.put("html", m.html());
            }
            if (m.pdf() != null) {
                root.put("attachment", m.pdf()); // Base64
            }
        }
        try {
            return new Wire("application/json", JSON.writeValueAsBytes(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String s) {
        return Objects.requireNonNullElse(s, "");
    }
}
