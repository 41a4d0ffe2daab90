package io.dunninghub.channel.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dunninghub.channel.AdapterOption;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.RetryAfter;
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import jakarta.mail.internet.AddressException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mail through Twilio SendGrid's v3 Mail Send API ({@code POST /v3/mail/send}, bearer API key): one
 * personalization per notice, text then HTML content, the notice's PDF as attachment, and the notice id as the
 * custom argument {@code notice_id}, which SendGrid echoes in every event of its signed Event Webhook
 * ({@code /receipts/sendgrid}). 202 is accepted; the provider id is the {@code X-Message-Id} header. Errors from
 * SendGrid's table: 400, 401, 403 and 413 are permanent, 429 waits for {@code X-RateLimit-Reset}, 5xx retry.
 * SendGrid has no idempotency key.
 */
public final class SendGridEmailAdapter implements ProviderAdapter {

    public static final AdapterType TYPE = new AdapterType("sendgrid", Set.of("email"),
            "Twilio SendGrid v3 Mail Send (bearer API key); the notice id goes out as custom argument notice_id for "
                    + "the signed Event Webhook's receipts. 202 with X-Message-Id is SENT.",
            AdapterType.with(List.of(
                    AdapterOption.of("api-key", AdapterOption.Type.SECRET, "a key with Mail Send permission").required(),
                    AdapterOption.of("from", AdapterOption.Type.TEXT, "a verified sender or an address of an "
                            + "authenticated domain").required(),
                    AdapterOption.of("from-name", AdapterOption.Type.TEXT, ""),
                    AdapterOption.of("reply-to", AdapterOption.Type.TEXT, ""),
                    AdapterOption.of("categories", AdapterOption.Type.TEXT, "comma-separated SendGrid categories, "
                            + "e.g. repayment-reminder"),
                    AdapterOption.of("sandbox", AdapterOption.Type.BOOLEAN, "mail_settings.sandbox_mode: SendGrid "
                            + "checks the request and sends nothing").defaultsTo("false"),
                    AdapterOption.of("base-url", AdapterOption.Type.URL, "https://api.eu.sendgrid.com for EU "
                            + "data residency").defaultsTo("https://api.sendgrid.com")),
                    AdapterType.httpTimeouts()),
            AdapterType.CrossCheck.NONE, (s, camel) -> new SendGridEmailAdapter(s, Clock.systemUTC(), ListUnsubscribe.from(camel)));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(SendGridEmailAdapter.class);

    private final String name;
    private final URI endpoint;
    private final String apiKey;
    private final String from;
    private final String fromName;
    private final String replyTo;
    private final List<String> categories;
    private final boolean sandbox;
    private final ProviderHttp http;
    private final ListUnsubscribe unsubscribe;

    public SendGridEmailAdapter(ProviderSettings s) {
        this(s, Clock.systemUTC());
    }

    SendGridEmailAdapter(ProviderSettings s, Clock clock) {
        this(s, clock, ListUnsubscribe.NONE);
    }

    /** @param unsubscribe the List-Unsubscribe header of every e-mail, sent in the request's headers */
    public SendGridEmailAdapter(ProviderSettings s, Clock clock, ListUnsubscribe unsubscribe) {
        this.unsubscribe = unsubscribe;
        this.name = s.name();
        this.endpoint = URI.create(s.option("base-url", "https://api.sendgrid.com").replaceAll("/+$", "") + "/v3/mail/send");
        this.apiKey = s.option("api-key");
        this.from = s.option("from");
        this.fromName = s.option("from-name");
        this.replyTo = s.option("reply-to");
        this.categories = s.option("categories") == null ? List.of()
                : Arrays.stream(s.option("categories").split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        this.sandbox = s.boolOption("sandbox", false);
        this.http = new ProviderHttp(s, clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        try {
            NoticeMimeBuilder.recipient(m.recipient(), null);
        } catch (AddressException e) {
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", "not a valid e-mail address");
        }
        String body = body(m).toString();
        HttpRequest request = http.request(endpoint)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        ProviderHttp.Answer a = http.send(request, m.noticeId());
        if (a.failure() != null) {
            return a.failure();
        }
        DeliveryResult result = answer(a, m.noticeId());
        LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.email(m.recipient()), result.outcome(),
                result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
        return result;
    }

    ObjectNode body(OutboundMessage m) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode to = root.putArray("personalizations").addObject().putArray("to").addObject();
        to.put("email", m.recipient().strip());
        if (m.recipientName() != null && !m.recipientName().isBlank()) {
            to.put("name", m.recipientName());
        }
        ((ObjectNode) root.get("personalizations").get(0)).putObject("custom_args").put("notice_id", m.noticeId());
        String unsubscribeHeader = unsubscribe.header(m.noticeId());
        if (unsubscribeHeader != null) {
            // the same header the MIME of the smtp adapter carries (SendGrid lets a sender set List-Unsubscribe)
            ObjectNode headers = root.putObject("headers").put("List-Unsubscribe", unsubscribeHeader);
            if (unsubscribe.hasLink()) {
                headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        }
        ObjectNode sender = root.putObject("from").put("email", from);
        if (fromName != null) {
            sender.put("name", fromName);
        }
        if (replyTo != null) {
            root.putObject("reply_to").put("email", replyTo);
        }
        root.put("subject", m.subject() == null || m.subject().isBlank() ? " " : m.subject());
        // SendGrid wants text/plain first, then text/html
        ArrayNode content = root.putArray("content");
        content.addObject().put("type", "text/plain").put("value", m.text() == null ? "" : m.text());
        if (m.html() != null && !m.html().isBlank()) {
            content.addObject().put("type", "text/html").put("value", m.html());
        }
        if (m.pdf() != null) {
            root.putArray("attachments").addObject()
                    .put("content", Base64.getEncoder().encodeToString(m.pdf()))
                    .put("type", "application/pdf")
                    .put("filename", "notice-" + m.noticeId().replaceAll("[^A-Za-z0-9._-]", "-") + ".pdf")
                    .put("disposition", "attachment");
        }
        if (!categories.isEmpty()) {
            ArrayNode c = root.putArray("categories");
            categories.forEach(c::add);
        }
        if (sandbox) {
            root.putObject("mail_settings").putObject("sandbox_mode").put("enable", true);
        }
        return root;
    }

    private DeliveryResult answer(ProviderHttp.Answer a, String noticeId) {
        int status = a.status();
        if (status / 100 == 2) {
            String id = a.header("X-Message-Id");
            // the receipts match by the notice_id custom argument, so a missing header loses nothing
            return DeliveryResult.sent(name, id == null || id.isBlank() ? noticeId : id.strip());
        }
        String detail = "HTTP " + status + errors(ProviderHttp.json(a.body()));
        return switch (status) {
            case 400 -> DeliveryResult.failed(name, "SENDGRID_BAD_REQUEST", detail);
            case 401 -> DeliveryResult.failed(name, "SENDGRID_UNAUTHORIZED", detail);
            case 403 -> DeliveryResult.failed(name, "SENDGRID_FORBIDDEN", detail);
            case 413 -> DeliveryResult.failed(name, "SENDGRID_PAYLOAD_TOO_LARGE", detail);
            case 429 -> DeliveryResult.retry(name, "RATE_LIMITED", detail, rateLimitReset(a));
            default -> http.byStatus(a, errors(ProviderHttp.json(a.body())).replaceFirst("^: ", ""));
        };
    }

    /** SendGrid's {@code errors} array: {@code field} and {@code message} of the first, masked. */
    private static String errors(JsonNode json) {
        JsonNode first = json == null ? null : json.path("errors").path(0);
        if (first == null || first.isMissingNode()) {
            return "";
        }
        String field = first.path("field").asText("");
        String message = first.path("message").asText("");
        return ": " + (field.isEmpty() || "null".equals(field) ? "" : field + ": ") + ProviderHttp.redact(message);
    }

    /** {@code X-RateLimit-Reset} is the Unix time the limit resets; Retry-After if SendGrid sends one instead. */
    private Duration rateLimitReset(ProviderHttp.Answer a) {
        String reset = a.header("X-RateLimit-Reset");
        if (reset != null && reset.strip().matches("\\d{9,11}")) {
            Duration wait = Duration.between(http.clock().instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
            return wait.isNegative() ? Duration.ofSeconds(1) : wait;
        }
        return RetryAfter.parse(a.header("Retry-After"), http.clock().instant());
    }
}
