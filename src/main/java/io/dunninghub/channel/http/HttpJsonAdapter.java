package io.dunninghub.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.sms.PhoneNumbers;
import io.dunninghub.channel.sms.SmsSegments;
import io.dunninghub.common.Mask;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider with a JSON-over-HTTP API the lender or its vendor defines: an SMS gateway, the lender's in-app
 * message centre, a dialer taking call tasks, a collection agency's case intake, a print vendor. The request
 * body is a {@link JsonTemplate} from the options (each {@link Kind} has a default), the notice id goes out as
 * idempotency key, and the answer is read by JSON pointers: where the id is, and optionally which field says
 * success. 429 and 5xx are RETRY, other 4xx FAILED.
 */
public final class HttpJsonAdapter implements ProviderAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpJsonAdapter.class);

    /** How the recipient is checked before the call. */
    public enum Recipient { SMS, VOICE, ANY }

    /** The kinds of provider this adapter plays, each with its own default request body. */
    public enum Kind {
        HTTP_SMS("http-sms", Set.of("sms"), Recipient.SMS, false,
                "{\"to\":\"${to}\",\"text\":\"${text}\",\"reference\":\"${noticeId}\"}"),
        INBOX("inbox", Set.of(), Recipient.ANY, false,
                "{\"userId\":\"${borrowerId}\",\"title\":\"${subject}\",\"body\":\"${text}\",\"locale\":\"${locale}\","
                        + "\"reference\":\"${noticeId}\",\"category\":\"repayment-reminder\"}"),
        DIALER("dialer", Set.of("call"), Recipient.VOICE, false,
                "{\"taskId\":\"${noticeId}\",\"phone\":\"${to}\",\"name\":\"${name}\",\"locale\":\"${locale}\","
                        + "\"script\":\"${text}\",\"loan\":\"${installment.loanIdMasked}\",\"daysPastDue\":\"${installment.dpd}\","
                        + "\"amountDue\":\"${installment.amountDue}\",\"currency\":\"${installment.currency}\"}"),
        AGENCY_HTTP("agency-http", Set.of("agency"), Recipient.ANY, false,
                "{\"caseId\":\"${noticeId}\",\"borrowerId\":\"${borrowerId}\",\"name\":\"${name}\",\"phone\":\"${to}\","
                        + "\"loanId\":\"${installment.loanId}\",\"installmentId\":\"${installmentId}\","
                        + "\"dueDate\":\"${installment.dueDate}\",\"daysPastDue\":\"${installment.dpd}\","
                        + "\"amountDue\":\"${installment.amountDue}\",\"principal\":\"${installment.principal}\","
                        + "\"interest\":\"${installment.interest}\",\"fees\":\"${installment.fees}\","
                        + "\"currency\":\"${installment.currency}\",\"summary\":\"${text}\"}"),
        HTTP_PRINT("http-print", Set.of("letter"), Recipient.ANY, true,
                "{\"reference\":\"${noticeId}\",\"recipient\":{\"name\":\"${name}\",\"address\":\"${to}\"},"
                        + "\"service\":\"%SERVICE%\",\"document\":{\"contentType\":\"application/pdf\",\"base64\":\"${pdf}\"}}");

        private final String adapter;
        private final Set<String> channels;
        private final Recipient recipient;
        private final boolean needsPdf;
        private final String defaultBody;

        Kind(String adapter, Set<String> channels, Recipient recipient, boolean needsPdf, String defaultBody) {
            this.adapter = adapter;
            this.channels = channels;
            this.recipient = recipient;
            this.needsPdf = needsPdf;
            this.defaultBody = defaultBody;
        }

        public String adapter() {
            return adapter;
        }

        /** Channels it may serve; empty = any. */
        public Set<String> channels() {
            return channels;
        }

        public String defaultBody() {
            return defaultBody;
        }

        public static Kind of(String adapter) {
            return Arrays.stream(values()).filter(k -> k.adapter.equals(adapter)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not an HTTP JSON adapter: " + adapter));
        }
    }

    private final String name;
    private final Kind kind;
    private final URI url;
    private final String method;
    private final JsonTemplate body;
    private final Map<String, String> headers;
    private final String idempotencyHeader;
    private final String idPointer;
    private final String successPointer;
    private final String successValue;
    private final String errorPointer;
    private final Set<String> transientCodes;
    private final String trackingPointer;
    private final String defaultRegion;
    private final String signature;
    private final ProviderHttp http;

    public HttpJsonAdapter(ProviderSettings s) {
        this(s, Clock.systemUTC());
    }

    HttpJsonAdapter(ProviderSettings s, Clock clock) {
        this.name = s.name();
        this.kind = Kind.of(s.adapter());
        this.url = URI.create(s.option("url"));
        this.method = s.option("method", "POST").toUpperCase(java.util.Locale.ROOT);
        this.body = template(s, kind);
        this.headers = headers(s);
        String idem = s.option("idempotency-header", "Idempotency-Key");
        this.idempotencyHeader = idem.equalsIgnoreCase("none") ? null : idem;
        this.idPointer = s.option("id-pointer", "/id");
        this.successPointer = s.option("success-pointer");
        this.successValue = s.option("success-value", "true");
        this.errorPointer = s.option("error-code-pointer", successPointer);
        this.transientCodes = s.option("transient-codes") == null ? Set.of()
                : Arrays.stream(s.option("transient-codes").split(",")).map(String::strip).collect(Collectors.toSet());
        this.trackingPointer = s.option("tracking-pointer", kind == Kind.HTTP_PRINT ? "/tracking_number" : null);
        this.defaultRegion = s.option("default-region", "ZZ");
        this.signature = s.option("signature");
        this.http = new ProviderHttp(s, clock);
    }

    /** The request body template: the {@code body} option, or the kind's default. */
    public static JsonTemplate template(ProviderSettings s, Kind kind) {
        String text = s.option("body");
        if (text == null) {
            text = kind.defaultBody().replace("%SERVICE%",
                    TextNode.valueOf(s.option("service", "registered")).toString().replaceAll("^\"|\"$", ""));
        }
        return JsonTemplate.parse(text, MessageValues.ROOTS);
    }

    /** Authentication and fixed headers: {@code bearer-token}, {@code username}/{@code password}, {@code header.<Name>}. */
    static Map<String, String> headers(ProviderSettings s) {
        Map<String, String> h = new LinkedHashMap<>();
        if (s.option("bearer-token") != null) {
            h.put("Authorization", "Bearer " + s.option("bearer-token"));
        } else if (s.option("username") != null) {
            h.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (s.option("username") + ":" + s.option("password", "")).getBytes(StandardCharsets.UTF_8)));
        }
        s.options().forEach((k, v) -> {
            if (k.startsWith("header.") && v != null && !v.isBlank()) {
                h.put(k.substring("header.".length()), v.strip());
            }
        });
        return h;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        String to = m.recipient();
        try {
            to = switch (kind.recipient) {
                case SMS -> PhoneNumbers.sms(m.recipient(), defaultRegion);
                case VOICE -> PhoneNumbers.voice(m.recipient(), defaultRegion);
                case ANY -> m.recipient();
            };
        } catch (IllegalArgumentException e) {
            LOG.info("{}: notice {} not sent to {}: {}", name, m.noticeId(), Mask.phone(m.recipient()), e.getMessage());
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", e.getMessage());
        }
        if (kind.needsPdf && m.pdf() == null) {
            return DeliveryResult.failed(name, "NO_DOCUMENT", "letter notice without a PDF");
        }
        Integer segments = kind == Kind.HTTP_SMS ? SmsSegments.count(signature, m.text()) : null;
        String payload;
        try {
            payload = body.renderString(MessageValues.of(m, to, segments));
        } catch (JsonTemplate.MissingValue e) {
            return DeliveryResult.failed(name, "REQUEST_TEMPLATE_ERROR", "body: " + e.getMessage());
        }
        HttpRequest.Builder request = http.request(url)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (idempotencyHeader != null) {
            request.header(idempotencyHeader, m.noticeId());
        }
        ProviderHttp.Answer a = http.send(request.build(), m.noticeId());
        if (a.failure() != null) {
            return a.failure();
        }
        DeliveryResult result = answer(a, m.noticeId()).withSegments(segments);
        LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.recipient(m.channel(), to), result.outcome(),
                result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
        return result;
    }

    private DeliveryResult answer(ProviderHttp.Answer a, String noticeId) {
        JsonNode json = ProviderHttp.json(a.body());
        if (a.status() / 100 != 2) {
            String code = errorCode(json);
            if (code != null && a.status() != 429 && a.status() != 408 && a.status() < 500) {
                return rejected(code, a);
            }
            return http.byStatus(a, code == null ? null : "code " + code);
        }
        if (successPointer != null) {
            if (json == null) {
                return DeliveryResult.failed(name, "BAD_RESPONSE", "HTTP " + a.status() + " without a readable answer; it may have been accepted");
            }
            JsonNode ok = json.at(successPointer);
            if (!successValue.equals(ok.asText())) {
                String code = errorCode(json);
                return rejected(code == null ? ok.asText("?") : code, a);
            }
        }
        String id = json == null ? "" : json.at(idPointer).asText("");
        String detail = null;
        if (trackingPointer != null && json != null && !json.at(trackingPointer).asText("").isBlank()) {
            detail = "tracking " + json.at(trackingPointer).asText();
        }
        // an endpoint that answers 2xx with no id took our notice id as its key
        return DeliveryResult.sent(name, id.isBlank() ? noticeId : id, detail);
    }

    private String errorCode(JsonNode json) {
        if (json == null || errorPointer == null) {
            return null;
        }
        JsonNode n = json.at(errorPointer);
        return n.isMissingNode() || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }

    private DeliveryResult rejected(String code, ProviderHttp.Answer a) {
        String reason = "REJECTED_" + code.replaceAll("[^A-Za-z0-9_.-]", "_");
        reason = reason.length() > 64 ? reason.substring(0, 64) : reason;
        String detail = "HTTP " + a.status() + ", code " + ProviderHttp.redact(code);
        return transientCodes.contains(code)
                ? DeliveryResult.retry(name, reason, detail, io.dunninghub.channel.RetryAfter.parse(a.header("Retry-After"), http.clock().instant()))
                : DeliveryResult.failed(name, reason, detail);
    }
}
