package io.dunninghub.channel.file;

import java.util.Set;
import java.util.List;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.AdapterOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.email.ListUnsubscribe;
import io.dunninghub.channel.email.NoticeMimeBuilder;
import io.dunninghub.channel.sms.SmsSegments;
import io.dunninghub.common.Mask;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The demo provider for any channel: writes what would have been delivered into
 * {@code <dir>/<channel>/<noticeId>.<ext>}, so a demo run can be inspected without real providers.
 * These files are the delivered messages themselves and hold real recipients: keep the folder private.
 */
public final class FileOutboxAdapter implements ProviderAdapter {


    public static final AdapterType TYPE = new AdapterType("file", Set.of(),
            "The demo outbox: writes <dir>/<channel>/<noticeId>.<ext> (sms .txt, email .eml — the MIME the smtp "
                    + "adapter sends —, push .json shaped like an FCM v1 request, letter .pdf, call .json shaped like "
                    + "the dialer's task with the time zone, call window and expiry, other channels the whole message "
                    + "as .json). The files hold real recipients: keep the folder private.",
            List.of(
                    AdapterOption.of("dir", AdapterOption.Type.TEXT, "").defaultsTo("var/outbox"),
                    AdapterOption.of("from", AdapterOption.Type.TEXT, "e-mail sender").defaultsTo("noreply@dunning-hub.local"),
                    AdapterOption.of("from-name", AdapterOption.Type.TEXT, "e-mail display name"),
                    AdapterOption.of("message-id-domain", AdapterOption.Type.TEXT, "").defaultsTo("dunning-hub.local"),
                    NoticeMimeBuilder.replyToOption(),
                    AdapterOption.of("sms-signature", AdapterOption.Type.TEXT, "the signature a real provider would "
                            + "add, for the segment count")),
            AdapterType.CrossCheck.NONE, (s, camel) -> new FileOutboxAdapter(s, ListUnsubscribe.from(camel)));

    private static final Logger LOG = LoggerFactory.getLogger(FileOutboxAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final Path dir;
    private final NoticeMimeBuilder mime;
    private final String signature;

    public FileOutboxAdapter(ProviderSettings s) {
        this(s, ListUnsubscribe.NONE);
    }

    /** @param unsubscribe the List-Unsubscribe header of every e-mail */
    public FileOutboxAdapter(ProviderSettings s, ListUnsubscribe unsubscribe) {
        this.name = s.name();
        this.dir = Path.of(s.option("dir", "var/outbox"));
        this.mime = NoticeMimeBuilder.of(s, unsubscribe);
        this.signature = s.option("sms-signature");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        String base = safe(m.noticeId());
        String channel = safe(m.channel());
        String fileName;
        byte[] content;
        try {
            switch (channel) {
                case "sms" -> {
                    fileName = base + ".txt";
                    content = ("To: " + m.recipient() + "\n\n" + (m.text() == null ? "" : m.text())).getBytes(StandardCharsets.UTF_8);
                }
                case "email" -> {
                    fileName = base + ".eml";
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    mime.build(m).writeTo(out);
                    content = out.toByteArray();
                }
                case "push" -> {
                    fileName = base + ".json";
                    content = JSON.writeValueAsBytes(push(m));
                }
                case "call" -> {
                    fileName = base + ".json";
                    content = JSON.writeValueAsBytes(callTask(m));
                }
                case "letter" -> {
                    if (m.pdf() == null) {
                        return DeliveryResult.failed(name, "NO_DOCUMENT", "letter notice without a PDF");
                    }
                    fileName = base + ".pdf";
                    content = m.pdf();
                }
                default -> {
                    fileName = base + ".json";
                    content = JSON.writeValueAsBytes(fields(m));
                }
            }
        } catch (AddressException e) {
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", "not a valid e-mail address");
        } catch (MessagingException | IOException e) {
            return DeliveryResult.failed(name, "BAD_MESSAGE", "cannot build the message: " + e.getClass().getSimpleName());
        }
        try {
            Path folder = Files.createDirectories(dir.resolve(channel));
            // temp file + rename: a reader of the outbox never sees half a message
            Path tmp = Files.createTempFile(folder, "." + base, ".tmp");
            try {
                Files.write(tmp, content);
                Files.move(tmp, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.warn("{}: notice {} not written: {}", name, m.noticeId(), e.getClass().getSimpleName());
            return DeliveryResult.retry(name, "IO_ERROR", "cannot write the outbox file: " + e.getClass().getSimpleName(), null);
        }
        LOG.debug("{}: notice {} to {} written to outbox as {}", name, m.noticeId(), Mask.recipient(m.channel(), m.recipient()), fileName);
        // a letter gets a tracking number as a print vendor's would, so history and templates show one in the demo
        DeliveryResult sent = "letter".equals(channel)
                ? DeliveryResult.sent(name, fileName, "tracking " + demoTracking(m.noticeId()))
                : DeliveryResult.sent(name, fileName);
        // what an SMS provider would bill, so the demo's ledger shows segments like a real one
        // the SMS file carries a To: line no provider would send: the SMS evidence is its text, as for every provider
        return "sms".equals(channel) ? sent.withSegments(SmsSegments.count(signature, m.text())) : sent.withSentBytes(content);
    }

    /** A tracking number in the outbox's own series (OUTBOX + 12 digits), the same for the same notice. */
    static String demoTracking(String noticeId) {
        return "OUTBOX" + String.format("%012d", Math.floorMod((long) noticeId.hashCode() * 2654435761L, 1_000_000_000_000L));
    }

    /** The whole message, as a channel route gets it (attributes with the template model as maps). */
    private static java.util.Map<String, Object> fields(OutboundMessage m) {
        java.util.Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("noticeId", m.noticeId());
        f.put("dedupeKey", m.dedupeKey());
        f.put("channel", m.channel());
        f.put("recipient", m.recipient());
        f.put("recipientName", m.recipientName());
        f.put("locale", m.locale());
        f.put("subject", m.subject());
        f.put("text", m.text());
        f.put("html", m.html());
        f.put("pdf", m.pdf());
        f.put("attributes", m.attributes());
        return f;
    }

    /**
     * A call task as the dialer adapter's default body has it: what the agent needs (number, name, language, the
     * script, the loan masked, days past due, the amount when the step allows it) and when the task may be worked
     * (the person's zone, the call window, the expiry). Not the whole template model: no postal address, no e-mail.
     */
    private static ObjectNode callTask(OutboundMessage m) {
        Map<String, Object> reach = m.reach().asMap();
        ObjectNode task = JSON.createObjectNode();
        task.put("taskId", m.noticeId());
        task.put("phone", m.recipient());
        task.put("name", m.recipientName());
        task.put("locale", m.locale());
        task.put("timeZone", (String) reach.get("zone"));
        ObjectNode window = task.putObject("callWindow");
        window.put("from", (String) reach.get("from"));
        window.put("until", (String) reach.get("until"));
        if (reach.get("askedFrom") != null) {
            ObjectNode asked = task.putObject("askedFor");
            asked.put("from", (String) reach.get("askedFrom"));
            asked.put("until", (String) reach.get("askedUntil"));
        }
        task.put("notAfter", (String) reach.get("notAfter"));
        task.put("script", m.text());
        task.put("loan", m.model().installment().loanIdMasked());
        task.put("daysPastDue", m.model().installment().dpd());
        if (m.model().hasAmounts()) {
            task.put("amountDue", m.model().installment().amountDue());
            task.put("currency", m.model().installment().currency());
        }
        return task;
    }

    /** Shaped like an FCM HTTP v1 send request. */
    private static ObjectNode push(OutboundMessage m) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("message");
        message.put("token", m.recipient());
        ObjectNode notification = message.putObject("notification");
        notification.put("title", m.subject());
        notification.put("body", m.text());
        message.putObject("data").put("noticeId", m.noticeId());
        return root;
    }

    /** Notice ids and channel names come from outside: never let them climb out of the outbox. */
    private static String safe(String s) {
        return s == null || s.isBlank() ? "unknown" : s.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
