package io.dunninghub.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dunninghub.channel.AdapterOption;
import io.dunninghub.channel.AdapterType;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * body is a {@link JsonTemplate} from the options (each {@link Flavour} has a default), the notice id goes out as
 * idempotency key, and the answer is read by JSON pointers: where the id is, and optionally which field says
 * success. 429 and 5xx are RETRY, other 4xx FAILED.
 */
public final class HttpJsonAdapter implements ProviderAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpJsonAdapter.class);

    /** How the recipient is checked before the call. */
    public enum Recipient { SMS, VOICE, ANY }

    /** What tells the kinds of provider this adapter plays apart: the recipient check, the PDF, the default body. */
    public record Flavour(Recipient recipient, boolean needsPdf, String defaultBody) {
    }

    static final Flavour SMS = new Flavour(Recipient.SMS, false,
            "{\"to\":\"${to}\",\"text\":\"${text}\",\"reference\":\"${noticeId}\"}");
    static final Flavour INBOX = new Flavour(Recipient.ANY, false,
            "{\"userId\":\"${borrowerId}\",\"title\":\"${subject}\",\"body\":\"${text}\",\"locale\":\"${locale}\","
                    + "\"reference\":\"${noticeId}\",\"category\":\"repayment-reminder\"}");
    static final Flavour DIALER = new Flavour(Recipient.VOICE, false,
            "{\"taskId\":\"${noticeId}\",\"phone\":\"${to}\",\"name\":\"${name}\",\"locale\":\"${locale}\","
                    + "\"timeZone\":\"${reach.zone}\",\"callWindow\":{\"from\":\"${reach.from}\",\"until\":\"${reach.until}\"},"
                    + "\"notAfter\":\"${reach.notAfter}\","
                    + "\"script\":\"${text}\",\"loan\":\"${installment.loanIdMasked}\",\"daysPastDue\":\"${installment.dpd}\","
                    + "\"amountDue\":\"${installment.amountDue}\",\"currency\":\"${installment.currency}\"}");
    /** Also the line of the agency batch file. */
    public static final Flavour AGENCY = new Flavour(Recipient.ANY, false,
            "{\"caseId\":\"${noticeId}\",\"borrowerId\":\"${borrowerId}\",\"name\":\"${name}\",\"phone\":\"${reach.phone}\","
                    + "\"email\":\"${reach.email}\",\"address\":\"${reach.address}\",\"timeZone\":\"${reach.zone}\","
                    + "\"loanId\":\"${installment.loanId}\",\"installmentId\":\"${installmentId}\","
                    + "\"dueDate\":\"${installment.dueDate}\",\"daysPastDue\":\"${installment.dpd}\","
                    + "\"amountDue\":\"${installment.amountDue}\",\"principal\":\"${installment.principal}\","
                    + "\"interest\":\"${installment.interest}\",\"fees\":\"${installment.fees}\","
                    + "\"currency\":\"${installment.currency}\",\"summary\":\"${text}\"}");
    static final Flavour PRINT = new Flavour(Recipient.ANY, true,
            "{\"reference\":\"${noticeId}\",\"recipient\":{\"name\":\"${name}\",\"address\":\"${to}\"},"
                    + "\"service\":\"%SERVICE%\",\"document\":{\"contentType\":\"application/pdf\",\"base64\":\"${pdf}\"}}");

    /** The options every kind takes; some kinds add their own. */
    private static List<AdapterOption> options(Flavour f, List<AdapterOption> own) {
        List<AdapterOption> o = new ArrayList<>(List.of(
                AdapterOption.of("url", AdapterOption.Type.URL, "").required(),
                AdapterOption.choice("method", "post", List.of("post", "put"), ""),
                AdapterOption.of("body", AdapterOption.Type.JSON_OBJECT, "JSON with ${…} request variables")
                        .defaultsTo("the kind's default body"),
                AdapterOption.of("bearer-token", AdapterOption.Type.SECRET, "Authorization: Bearer …"),
                AdapterOption.of("username", AdapterOption.Type.TEXT, "HTTP Basic, with password"),
                AdapterOption.of("password", AdapterOption.Type.SECRET, ""),
                AdapterOption.of("header.*", AdapterOption.Type.TEXT, "any fixed header, e.g. header.X-Api-Key: "
                        + "\"{{env:DIALER_API_KEY}}\""),
                AdapterOption.of("idempotency-header", AdapterOption.Type.TEXT, "none to send none")
                        .defaultsTo("Idempotency-Key"),
                AdapterOption.of("id-pointer", AdapterOption.Type.JSON_POINTER, "where the provider's id is in the answer")
                        .defaultsTo("/id"),
                AdapterOption.of("success-pointer", AdapterOption.Type.JSON_POINTER, "for APIs that answer 200 with a "
                        + "status field, e.g. /code"),
                AdapterOption.of("success-value", AdapterOption.Type.TEXT, "the success-pointer's value on success")
                        .defaultsTo("true"),
                AdapterOption.of("error-code-pointer", AdapterOption.Type.JSON_POINTER, "the code recorded as "
                        + "REJECTED_<code>").defaultsTo("the success-pointer"),
                AdapterOption.of("transient-codes", AdapterOption.Type.TEXT, "comma-separated codes that mean "
                        + "\"try again later\""),
                AdapterOption.of("tracking-pointer", AdapterOption.Type.JSON_POINTER, "kept in the SENT event as "
                        + "tracking …").defaultsTo(f.needsPdf() ? "/tracking_number" : "")));
        o.addAll(requestOptions());
        o.addAll(own);
        o.addAll(AdapterType.httpTimeouts());
        return o;
    }

    /** Form bodies, OAuth 2.0 client-credentials tokens and an id from a response header (every kind). */
    private static List<AdapterOption> requestOptions() {
        return List.of(
                AdapterOption.choice("body-format", "json", List.of("json", "form"), "form: the body's fields sent "
                        + "application/x-www-form-urlencoded (objects and arrays as JSON text), e.g. for Vonage"),
                AdapterOption.of("id-header", AdapterOption.Type.TEXT, "take the provider's id from this response "
                        + "header (e.g. X-Message-Id) instead of id-pointer"),
                AdapterOption.of("token-url", AdapterOption.Type.URL, "OAuth 2.0 client credentials: the token "
                        + "endpoint; requests then carry Authorization: Bearer <token>, fetched, cached and refreshed"),
                AdapterOption.of("client-id", AdapterOption.Type.TEXT, "with token-url"),
                AdapterOption.of("client-secret", AdapterOption.Type.SECRET, "with token-url"),
                AdapterOption.of("scope", AdapterOption.Type.TEXT, "with token-url, if the provider wants one"),
                AdapterOption.choice("token-auth", "basic", List.of("basic", "body"), "how the client authenticates "
                        + "at token-url: basic (HTTP Basic, RFC 6749's default) or body (client_id and client_secret "
                        + "in the form)"),
                AdapterOption.of("token-refresh-before-seconds", AdapterOption.Type.POSITIVE_INTEGER,
                        "how long before it expires the token is fetched again").defaultsTo("60"));
    }

    /** token-url needs the client's id and secret, and replaces the other kinds of authentication. */
    static AdapterType.Problem checkRequestOptions(Map<String, String> options) {
        if (blank(options.get("token-url"))) {
            for (String key : List.of("client-id", "client-secret", "scope")) {
                if (!blank(options.get(key))) {
                    return new AdapterType.Problem(key, "needs token-url (OAuth 2.0 client credentials)");
                }
            }
            return null;
        }
        for (String key : List.of("client-id", "client-secret")) {
            if (blank(options.get(key))) {
                return new AdapterType.Problem(key, "is required with token-url");
            }
        }
        for (String key : List.of("bearer-token", "username")) {
            if (!blank(options.get(key))) {
                return new AdapterType.Problem(key, "cannot be used with token-url, which brings its own bearer token");
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static AdapterOption region() {
        return AdapterOption.of("default-region", AdapterOption.Type.TEXT, "region for national numbers")
                .defaultsTo("ZZ");
    }

    private static AdapterType type(String name, Set<String> channels, String summary, Flavour f,
                                    List<AdapterOption> own) {
        return new AdapterType(name, channels, summary + " Default body: " + f.defaultBody().replace("%SERVICE%",
                "${service}"), options(f, own), HttpJsonAdapter::checkRequestOptions,
                (s, camel) -> new HttpJsonAdapter(s, f));
    }

    public static final AdapterType HTTP_SMS = type("http-sms", Set.of("sms"),
            "Any JSON-over-HTTP SMS gateway; to in E.164.", SMS, List.of(region(),
                    AdapterOption.of("signature", AdapterOption.Type.TEXT, "the signature the gateway adds, for the "
                            + "segment count")));
    public static final AdapterType INBOX_TYPE = type("inbox", Set.of(),
            "The lender's own in-app message centre, JSON over HTTP (push, or a channel such as inapp).", INBOX,
            List.of());
    public static final AdapterType DIALER_TYPE = type("dialer", Set.of("call"),
            "An outbound dialer taking call tasks as JSON; the phone in E.164, landlines allowed.", DIALER,
            List.of(region()));
    public static final AdapterType AGENCY_HTTP = type("agency-http", Set.of("agency"),
            "A collection agency's case intake, JSON over HTTP.", AGENCY, List.of());
    public static final AdapterType HTTP_PRINT = type("http-print", Set.of("letter"),
            "Any print-and-mail vendor taking the PDF as JSON (Base64).", PRINT,
            List.of(AdapterOption.of("service", AdapterOption.Type.TEXT, "the service level put into the default body")
                    .defaultsTo("registered")));

    private final String name;
    private final Flavour kind;
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
    private final boolean formBody;
    private final String idHeader;
    /** Null when the provider takes a static credential (or none). */
    private final OAuth2ClientCredentials tokens;
    private final ProviderHttp http;

    HttpJsonAdapter(ProviderSettings s, Flavour kind) {
        this(s, kind, Clock.systemUTC());
    }

    HttpJsonAdapter(ProviderSettings s, Flavour kind, Clock clock) {
        this.name = s.name();
        this.kind = kind;
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
        this.trackingPointer = s.option("tracking-pointer", kind.needsPdf() ? "/tracking_number" : null);
        this.defaultRegion = s.option("default-region", "ZZ");
        this.signature = s.option("signature");
        this.formBody = "form".equalsIgnoreCase(s.option("body-format", "json"));
        this.idHeader = s.option("id-header");
        this.http = new ProviderHttp(s, clock);
        this.tokens = s.option("token-url") == null ? null : new OAuth2ClientCredentials(URI.create(s.option("token-url")),
                s.option("client-id"), s.option("client-secret"), s.option("scope"),
                OAuth2ClientCredentials.ClientAuth.of(s.option("token-auth")),
                java.time.Duration.ofSeconds(s.intOption("token-refresh-before-seconds", 60)), http);
    }

    /** The request body template: the {@code body} option, or the kind's default. */
    public static JsonTemplate template(ProviderSettings s, Flavour kind) {
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
            to = switch (kind.recipient()) {
                case SMS -> PhoneNumbers.sms(m.recipient(), defaultRegion);
                case VOICE -> PhoneNumbers.voice(m.recipient(), defaultRegion);
                case ANY -> m.recipient();
            };
        } catch (IllegalArgumentException e) {
            LOG.info("{}: notice {} not sent to {}: {}", name, m.noticeId(), Mask.phone(m.recipient()), e.getMessage());
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", e.getMessage());
        }
        if (kind.needsPdf() && m.pdf() == null) {
            return DeliveryResult.failed(name, "NO_DOCUMENT", "letter notice without a PDF");
        }
        Integer segments = kind == SMS ? SmsSegments.count(signature, m.text()) : null;
        String payload;
        try {
            payload = formBody ? form(body.render(MessageValues.of(m, to, segments)))
                    : body.renderString(MessageValues.of(m, to, segments));
        } catch (JsonTemplate.MissingValue e) {
            return DeliveryResult.failed(name, "REQUEST_TEMPLATE_ERROR", "body: " + e.getMessage());
        }
        ProviderHttp.Answer a = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            HttpRequest.Builder request = http.request(url)
                    .header("Content-Type", formBody ? "application/x-www-form-urlencoded; charset=utf-8"
                            : "application/json; charset=utf-8")
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
            headers.forEach(request::header);
            if (idempotencyHeader != null) {
                request.header(idempotencyHeader, m.noticeId());
            }
            String token = null;
            if (tokens != null) {
                try {
                    token = tokens.token(m.noticeId());
                } catch (OAuth2ClientCredentials.TokenUnavailable e) {
                    // nothing went to the provider yet, so another provider may take the notice
                    return e.permanent() ? DeliveryResult.failed(name, "AUTH_FAILED", e.getMessage())
                            : DeliveryResult.retry(name, "AUTH_UNAVAILABLE", e.getMessage(), null);
                }
                request.setHeader("Authorization", "Bearer " + token);
            }
            a = http.send(request.build(), m.noticeId());
            if (a.failure() != null) {
                return a.failure();
            }
            if (a.status() != 401 || tokens == null) {
                break;
            }
            tokens.invalidate(token); // revoked or expired early: once more with a fresh token
        }
        DeliveryResult result = answer(a, m.noticeId()).withSegments(segments);
        LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.recipient(m.channel(), to), result.outcome(),
                result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
        return result;
    }

    /**
     * A rendered body as {@code application/x-www-form-urlencoded}: each field of the object one parameter, in
     * order; text, numbers and booleans as their text, objects and arrays as JSON, null fields left out.
     */
    static String form(JsonNode tree) {
        StringBuilder out = new StringBuilder();
        tree.fields().forEachRemaining(f -> {
            JsonNode v = f.getValue();
            if (v == null || v.isNull() || v.isMissingNode()) {
                return;
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(java.net.URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(v.isValueNode() ? v.asText() : v.toString(), StandardCharsets.UTF_8));
        });
        return out.toString();
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
        String id = idHeader != null && a.header(idHeader) != null && !a.header(idHeader).isBlank()
                ? a.header(idHeader).strip() : json == null ? "" : json.at(idPointer).asText("");
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
