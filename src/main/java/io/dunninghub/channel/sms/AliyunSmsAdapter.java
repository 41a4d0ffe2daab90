package io.dunninghub.channel.sms;

import java.util.List;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.AdapterOption;
import com.fasterxml.jackson.databind.JsonNode;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.http.Crypto;
import io.dunninghub.channel.http.JsonTemplate;
import io.dunninghub.channel.http.MessageValues;
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS through Alibaba Cloud SMS (dysmsapi 2017-05-25 {@code SendSms}), signed with ACS3-HMAC-SHA256.
 * The text itself is an approved template on Alibaba's side ({@code TemplateCode}); the hub sends its
 * parameters ({@code TemplateParam}, a JSON template from the options). Success is {@code Code == "OK"} with
 * the {@code BizId} as provider id; any other Code is a failure even on HTTP 200. Alibaba has no idempotency,
 * so a timeout is RETRY {@code TIMEOUT} like every provider without one.
 */
public final class AliyunSmsAdapter implements ProviderAdapter {


    public static final AdapterType TYPE = new AdapterType("aliyun-sms", Set.of("sms"),
            "Alibaba Cloud SMS (dysmsapi SendSms), signed with ACS3-HMAC-SHA256. Approved templates only: the hub "
                    + "sends the TemplateCode of the notice's hub template and its TemplateParam, never the rendered "
                    + "text. Success is Code == OK; the provider id is BizId; OutId is the notice id.",
            AdapterType.with(List.of(
                    AdapterOption.of("access-key-id", AdapterOption.Type.TEXT, "a RAM user with SMS send rights only")
                            .required(),
                    AdapterOption.of("access-key-secret", AdapterOption.Type.SECRET, "").required(),
                    AdapterOption.of("sign-name", AdapterOption.Type.TEXT, "the approved signature (签名)").required(),
                    AdapterOption.of("template-code", AdapterOption.Type.TEXT, "the approved template for every hub "
                            + "template without its own").oneOf("template"),
                    AdapterOption.of("template-code.*", AdapterOption.Type.TEXT, "the approved template of one hub "
                            + "template, e.g. template-code.overdue_early: SMS_154950909; wins over template-code")
                            .oneOf("template"),
                    AdapterOption.of("template-param", AdapterOption.Type.JSON_OBJECT, "JSON object with ${…} request "
                            + "variables, e.g. {\"name\": \"${borrower.name}\", \"days\": \"${installment.dpd}\"}"),
                    AdapterOption.of("default-region", AdapterOption.Type.TEXT, "region for national numbers")
                            .defaultsTo("CN"),
                    AdapterOption.of("base-url", AdapterOption.Type.URL, "").defaultsTo("https://dysmsapi.aliyuncs.com")),
                    AdapterType.httpTimeouts()),
            TemplatedSms.requiresTemplate("template-code"), (s, camel) -> new AliyunSmsAdapter(s));

    static final String ACTION = "SendSms";
    static final String VERSION = "2017-05-25";
    static final String SIGNED_HEADERS = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
    private static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(AliyunSmsAdapter.class);

    /** Wrong number, content, sign, template, account or permission: the same request fails again. */
    static final Set<String> PERMANENT = Set.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_COUNT_OVER_LIMIT",
            "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL", "isv.SMS_SIGN_ILLEGAL", "isv.SMS_SIGNATURE_SCENE_ILLEGAL",
            "isv.TEMPLATE_MISSING_PARAMETERS", "isv.INVALID_JSON_PARAM", "isv.INVALID_PARAMETERS", "isv.PARAM_LENGTH_LIMIT",
            "isv.PARAM_NOT_SUPPORT_URL", "isv.BLACK_KEY_CONTROL_LIMIT", "isv.SMS_CONTENT_ILLEGAL",
            "isv.DOMESTIC_NUMBER_NOT_SUPPORTED", "isv.DENY_IP_RANGE", "isp.RAM_PERMISSION_DENY", "isv.ACCOUNT_NOT_EXISTS",
            "isv.ACCOUNT_ABNORMAL", "isv.PRODUCT_UN_SUBSCRIPT", "isv.PRODUCT_UNSUBSCRIBE", "isv.OUT_OF_SERVICE",
            "isv.AMOUNT_NOT_ENOUGH", "SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive",
            "MissingSignName", "MissingTemplateCode", "MissingPhoneNumbers");

    private final String name;
    private final URI base;
    private final String hostHeader;
    private final String accessKeyId;
    private final byte[] accessKeySecret;
    private final String signName;
    private final TemplatedSms templated;
    private final JsonTemplate templateParam;
    private final ProviderHttp http;
    private final Supplier<String> nonce;

    public AliyunSmsAdapter(ProviderSettings s) {
        this(s, Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }

    AliyunSmsAdapter(ProviderSettings s, Clock clock, Supplier<String> nonce) {
        this.name = s.name();
        this.base = URI.create(s.option("base-url", "https://dysmsapi.aliyuncs.com").replaceAll("/+$", "") + "/");
        this.hostHeader = base.getPort() == -1 ? base.getHost() : base.getHost() + ":" + base.getPort();
        this.accessKeyId = s.option("access-key-id");
        this.accessKeySecret = s.option("access-key-secret").getBytes(StandardCharsets.UTF_8);
        this.signName = s.option("sign-name");
        this.templated = new TemplatedSms(s, "template-code");
        String param = s.option("template-param");
        this.templateParam = param == null ? null : JsonTemplate.parse(param, MessageValues.ROOTS);
        this.http = new ProviderHttp(s, clock);
        this.nonce = nonce;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        TemplatedSms.Prepared prepared = templated.prepare(m);
        if (prepared.failure() != null) {
            return prepared.failure();
        }
        String e164 = prepared.e164();
        String code = prepared.template();
        // the carrier counts the signature Alibaba adds, brackets included
        int segments = SmsSegments.count("【" + signName + "】", m.text());
        Map<String, String> params = new TreeMap<>();
        params.put("PhoneNumbers", PhoneNumbers.aliyun(e164));
        params.put("SignName", signName);
        params.put("TemplateCode", code);
        params.put("OutId", m.noticeId());
        if (templateParam != null) {
            try {
                // Alibaba's template variables are strings
                com.fasterxml.jackson.databind.node.ObjectNode values = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                templateParam.render(MessageValues.of(m, e164, segments)).fields()
                        .forEachRemaining(e -> values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().isValueNode()
                                ? e.getValue().asText() : e.getValue().toString()));
                params.put("TemplateParam", values.toString());
            } catch (JsonTemplate.MissingValue e) {
                return DeliveryResult.failed(name, "REQUEST_TEMPLATE_ERROR", "template-param: " + e.getMessage());
            }
        }
        String query = canonicalQuery(params);
        Instant now = http.clock().instant();
        Map<String, String> headers = signedHeaders(query, now, nonce.get());
        HttpRequest.Builder request = http.request(URI.create(base + "?" + query))
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach((k, v) -> {
            if (!k.equals("host")) {
                request.header(k, v);
            }
        });
        ProviderHttp.Answer a = http.send(request.build(), m.noticeId());
        if (a.failure() != null) {
            return a.failure();
        }
        DeliveryResult result = answer(a).withSegments(segments);
        LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.phone(e164), result.outcome(),
                result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
        return result;
    }

    /** The ACS3 headers, Authorization included, for a POST of {@code query} with an empty body. */
    Map<String, String> signedHeaders(String query, Instant now, String signatureNonce) {
        String payloadHash = Crypto.sha256Hex("");
        Map<String, String> h = new TreeMap<>();
        h.put("host", hostHeader);
        h.put("x-acs-action", ACTION);
        h.put("x-acs-content-sha256", payloadHash);
        h.put("x-acs-date", ACS_DATE.format(now.truncatedTo(ChronoUnit.SECONDS)));
        h.put("x-acs-signature-nonce", signatureNonce);
        h.put("x-acs-version", VERSION);
        String canonicalHeaders = h.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
        String canonicalRequest = "POST\n/\n" + query + "\n" + canonicalHeaders + "\n" + SIGNED_HEADERS + "\n" + payloadHash;
        String stringToSign = "ACS3-HMAC-SHA256\n" + Crypto.sha256Hex(canonicalRequest);
        String signature = Crypto.hex(Crypto.hmacSha256(accessKeySecret, stringToSign));
        h.put("Authorization", "ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders=" + SIGNED_HEADERS
                + ",Signature=" + signature);
        return h;
    }

    /** Sorted by name, RFC 3986 percent-encoding (space %20, {@code *} %2A, {@code ~} kept). */
    static String canonicalQuery(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream()
                .map(e -> percent(e.getKey()) + "=" + percent(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String percent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private DeliveryResult answer(ProviderHttp.Answer a) {
        JsonNode json = ProviderHttp.json(a.body());
        String code = json == null ? "" : json.path("Code").asText("");
        String message = json == null ? "" : ProviderHttp.redact(json.path("Message").asText(""));
        if (a.status() / 100 == 2 && "OK".equals(code)) {
            String bizId = json.path("BizId").asText("");
            if (bizId.isBlank()) {
                return DeliveryResult.failed(name, "BAD_RESPONSE", "Code OK without a BizId; the SMS may have been sent");
            }
            return DeliveryResult.sent(name, bizId, "RequestId " + json.path("RequestId").asText("?"));
        }
        if (code.isBlank()) {
            if (a.status() / 100 == 2) {
                // accepted or not, we cannot tell: retrying could send it twice
                return DeliveryResult.failed(name, "BAD_RESPONSE", "HTTP " + a.status() + " without a Code; the SMS may have been sent");
            }
            return http.byStatus(a, null);
        }
        return classify(code, message, a);
    }

    private DeliveryResult classify(String code, String message, ProviderHttp.Answer a) {
        String reason = reason(code);
        String detail = "HTTP " + a.status() + ", " + code + ": " + message;
        if (code.equals("isv.BUSINESS_LIMIT_CONTROL")) {
            // which window fired is only in the message: 分钟级 (minute), 小时级 (hour), 天级 (day)
            Duration wait = message.contains("天级") ? Duration.ofHours(24)
                    : message.contains("小时级") ? Duration.ofHours(1) : Duration.ofMinutes(1);
            return DeliveryResult.retry(name, reason, detail, wait);
        }
        if (code.equals("isv.DAY_LIMIT_CONTROL") || code.equals("isv.MONTH_LIMIT_CONTROL")) {
            return DeliveryResult.retry(name, reason, detail, Duration.ofHours(24));
        }
        if (code.startsWith("Throttling") || a.status() == 429) {
            return DeliveryResult.retry(name, "RATE_LIMITED", detail, Duration.ofSeconds(1));
        }
        if (PERMANENT.contains(code)) {
            return DeliveryResult.failed(name, reason, detail);
        }
        if (code.startsWith("isp.") || code.startsWith("InternalError") || code.startsWith("ServiceUnavailable")
                || a.status() >= 500) {
            return DeliveryResult.retry(name, reason, detail, null);
        }
        // an isv.* code not in the table is about this request or account: it would fail the same way again
        return DeliveryResult.failed(name, reason, detail);
    }

    static String reason(String code) {
        String r = "ALIYUN_" + code;
        return r.length() > 64 ? r.substring(0, 64) : r;
    }
}
