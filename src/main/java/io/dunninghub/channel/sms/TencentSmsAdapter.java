package io.dunninghub.channel.sms;

import java.util.List;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.AdapterOption;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS through Tencent Cloud SMS ({@code SendSms}, API 2021-01-11), signed with TC3-HMAC-SHA256. Like Alibaba,
 * the text is an approved template ({@code TemplateId}) filled with positional {@code TemplateParamSet}
 * strings from the options. Tencent answers HTTP 200 for everything: a request-level {@code Response.Error},
 * or one {@code SendStatusSet} entry per number whose {@code Code} must be {@code Ok}; its {@code SerialNo}
 * is the provider id and its {@code Fee} the billed segments.
 */
public final class TencentSmsAdapter implements ProviderAdapter {


    public static final AdapterType TYPE = new AdapterType("tencent-sms", Set.of("sms"),
            "Tencent Cloud SMS (SendSms 2021-01-11), signed with TC3-HMAC-SHA256. HTTP 200 for everything: a "
                    + "request-level Response.Error, or a SendStatusSet entry whose Code must be Ok; the provider id is "
                    + "its SerialNo, its Fee the segments; SessionContext is the notice id.",
            AdapterType.with(List.of(
                    AdapterOption.of("secret-id", AdapterOption.Type.TEXT, "").required(),
                    AdapterOption.of("secret-key", AdapterOption.Type.SECRET, "").required(),
                    AdapterOption.of("sdk-app-id", AdapterOption.Type.TEXT, "").required(),
                    AdapterOption.of("sign-name", AdapterOption.Type.TEXT, "required by Tencent for mainland numbers"),
                    AdapterOption.of("template-id", AdapterOption.Type.TEXT, "the approved template for every hub "
                            + "template without its own").oneOf("template"),
                    AdapterOption.of("template-id.*", AdapterOption.Type.TEXT, "the approved template of one hub "
                            + "template; wins over template-id").oneOf("template"),
                    AdapterOption.of("template-params", AdapterOption.Type.JSON_ARRAY, "JSON array with ${…} variables, "
                            + "e.g. [\"${borrower.name}\", \"${installment.dpd}\"]"),
                    AdapterOption.of("region", AdapterOption.Type.TEXT, "X-TC-Region").defaultsTo("ap-guangzhou"),
                    AdapterOption.of("default-region", AdapterOption.Type.TEXT, "region for national numbers")
                            .defaultsTo("CN"),
                    AdapterOption.of("base-url", AdapterOption.Type.URL, "").defaultsTo("https://sms.tencentcloudapi.com"),
                    AdapterOption.of("host", AdapterOption.Type.TEXT, "the signed host when base-url points at a proxy")
                            .defaultsTo("base-url's host")),
                    AdapterType.httpTimeouts()),
            TemplatedSms.requiresTemplate("template-id"), (s, camel) -> new TencentSmsAdapter(s));

    static final String SERVICE = "sms";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(TencentSmsAdapter.class);

    static final Set<String> PERMANENT = Set.of("InvalidParameterValue.IncorrectPhoneNumber",
            "FailedOperation.PhoneNumberInBlacklist", "FailedOperation.SignatureIncorrectOrUnapproved",
            "FailedOperation.TemplateIncorrectOrUnapproved", "FailedOperation.ContainSensitiveWord",
            "InvalidParameterValue.ContentLengthLimit", "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter",
            "InvalidParameterValue.TemplateParameterFormatError", "InvalidParameterValue.TemplateParameterLengthLimit",
            "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber", "UnsupportedOperation.UnsuportedRegion",
            "MissingParameter.EmptyPhoneNumberSet", "FailedOperation.InsufficientBalanceInSmsPackage",
            "LimitExceeded.PhoneNumberCountLimit");

    /**
     * Marketing SMS go out only 08:00-22:00 (errors.go: "营销短信只允许在8点到22点发送"), China time: a refused one waits
     * for the next 08:00 there.
     */
    static final String MARKETING_HOURS = "FailedOperation.MarketingSendTimeConstraint";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Limits that open again after a known time. */
    static final Map<String, Duration> LIMITS = Map.of(
            "LimitExceeded.PhoneNumberThirtySecondLimit", Duration.ofSeconds(30),
            "LimitExceeded.PhoneNumberOneHourLimit", Duration.ofHours(1),
            "LimitExceeded.PhoneNumberDailyLimit", Duration.ofHours(24),
            "LimitExceeded.PhoneNumberSameContentDailyLimit", Duration.ofHours(24),
            "LimitExceeded.AppDailyLimit", Duration.ofHours(24),
            // the app's daily caps by destination (sms/v20210111 errors.go)
            "LimitExceeded.AppCountryOrRegionDailyLimit", Duration.ofHours(24),
            "LimitExceeded.AppGlobalDailyLimit", Duration.ofHours(24),
            "LimitExceeded.AppMainlandChinaDailyLimit", Duration.ofHours(24),
            "LimitExceeded.DailyLimit", Duration.ofHours(24),
            "LimitExceeded.DeliveryFrequencyLimit", Duration.ofMinutes(1));

    private final String name;
    private final URI endpoint;
    private final String host;
    private final String secretId;
    private final String secretKey;
    private final String region;
    private final String sdkAppId;
    private final String signName;
    private final TemplatedSms templated;
    private final JsonTemplate templateParams;
    private final ProviderHttp http;

    public TencentSmsAdapter(ProviderSettings s) {
        this(s, Clock.systemUTC());
    }

    TencentSmsAdapter(ProviderSettings s, Clock clock) {
        this.name = s.name();
        this.endpoint = URI.create(s.option("base-url", "https://sms.tencentcloudapi.com").replaceAll("/+$", "") + "/");
        // the signed host is Tencent's, even when a test or proxy answers at base-url
        this.host = s.option("host", URI.create(s.option("base-url", "https://sms.tencentcloudapi.com")).getHost());
        this.secretId = s.option("secret-id");
        this.secretKey = s.option("secret-key");
        this.region = s.option("region", "ap-guangzhou");
        this.sdkAppId = s.option("sdk-app-id");
        this.signName = s.option("sign-name");
        this.templated = new TemplatedSms(s, "template-id");
        String params = s.option("template-params");
        this.templateParams = params == null ? null : JsonTemplate.parse(params, MessageValues.ROOTS);
        this.http = new ProviderHttp(s, clock);
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
        String template = prepared.template();
        int computed = SmsSegments.count(signName == null ? "" : "【" + signName + "】", m.text());
        ObjectNode body = JSON.createObjectNode();
        body.putArray("PhoneNumberSet").add(e164);
        body.put("SmsSdkAppId", sdkAppId);
        if (signName != null) {
            body.put("SignName", signName);
        }
        body.put("TemplateId", template);
        if (templateParams != null) {
            ArrayNode set = body.putArray("TemplateParamSet");
            try {
                JsonNode values = templateParams.render(MessageValues.of(m, e164, computed));
                // Tencent takes strings only, positionally
                values.forEach(v -> set.add(v.isNull() ? "" : v.asText()));
            } catch (JsonTemplate.MissingValue e) {
                return DeliveryResult.failed(name, "REQUEST_TEMPLATE_ERROR", "template-params: " + e.getMessage());
            }
        }
        body.put("SessionContext", m.noticeId());
        String payload = body.toString();
        long timestamp = http.clock().instant().getEpochSecond();
        HttpRequest request = http.request(endpoint)
                .header("Content-Type", CONTENT_TYPE)
                .header("X-TC-Action", "SendSms")
                .header("X-TC-Version", "2021-01-11")
                .header("X-TC-Region", region)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", authorization(payload, timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        ProviderHttp.Answer a = http.send(request, m.noticeId());
        if (a.failure() != null) {
            return a.failure();
        }
        DeliveryResult result = answer(a, computed);
        LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.phone(e164), result.outcome(),
                result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
        return result;
    }

    /** TC3-HMAC-SHA256 over content-type and host (https://www.tencentcloud.com/document/product/267/37447). */
    String authorization(String payload, long timestamp) {
        String date = Instant.ofEpochSecond(timestamp).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String canonicalRequest = "POST\n/\n\ncontent-type:" + CONTENT_TYPE + "\nhost:" + host + "\n\ncontent-type;host\n"
                + Crypto.sha256Hex(payload);
        String scope = date + "/" + SERVICE + "/tc3_request";
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Crypto.sha256Hex(canonicalRequest);
        byte[] secretDate = Crypto.hmacSha256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = Crypto.hmacSha256(secretDate, SERVICE);
        byte[] secretSigning = Crypto.hmacSha256(secretService, "tc3_request");
        String signature = Crypto.hex(Crypto.hmacSha256(secretSigning, stringToSign));
        return "TC3-HMAC-SHA256 Credential=" + secretId + "/" + scope + ", SignedHeaders=content-type;host, Signature=" + signature;
    }

    private DeliveryResult answer(ProviderHttp.Answer a, int computed) {
        JsonNode json = ProviderHttp.json(a.body());
        JsonNode response = json == null ? null : json.get("Response");
        if (a.status() / 100 != 2) {
            return http.byStatus(a, null);
        }
        if (response == null) {
            return DeliveryResult.failed(name, "BAD_RESPONSE", "HTTP " + a.status() + " without a Response; the SMS may have been sent");
        }
        if (response.has("Error")) {
            JsonNode error = response.get("Error");
            return classify(error.path("Code").asText(""), error.path("Message").asText(""));
        }
        JsonNode status = response.path("SendStatusSet").path(0);
        if (status.isMissingNode()) {
            return DeliveryResult.failed(name, "BAD_RESPONSE", "no SendStatusSet entry; the SMS may have been sent");
        }
        String code = status.path("Code").asText("");
        if (!"Ok".equalsIgnoreCase(code)) {
            return classify(code, status.path("Message").asText(""));
        }
        String serial = status.path("SerialNo").asText("");
        if (serial.isBlank()) {
            return DeliveryResult.failed(name, "BAD_RESPONSE", "Code Ok without a SerialNo; the SMS may have been sent");
        }
        int fee = status.path("Fee").asInt(0);
        return DeliveryResult.sent(name, serial, "RequestId " + response.path("RequestId").asText("?"))
                .withSegments(fee > 0 ? fee : computed);
    }

    private Duration untilEightInChina() {
        ZonedDateTime now = http.clock().instant().atZone(CHINA);
        ZonedDateTime eight = now.toLocalDate().atTime(LocalTime.of(8, 0)).atZone(CHINA);
        if (!eight.isAfter(now)) {
            eight = eight.plusDays(1);
        }
        Duration wait = Duration.between(now, eight);
        // inside the hours already (Tencent's clock or ours is off): try again in a while
        return now.getHour() >= 8 && now.getHour() < 22 ? Duration.ofMinutes(10) : wait;
    }

    private DeliveryResult classify(String code, String message) {
        String reason = ("TENCENT_" + code).length() > 64 ? ("TENCENT_" + code).substring(0, 64) : "TENCENT_" + code;
        String detail = code + ": " + ProviderHttp.redact(message);
        if (PERMANENT.contains(code)) {
            return DeliveryResult.failed(name, reason, detail);
        }
        if (LIMITS.containsKey(code)) {
            return DeliveryResult.retry(name, reason, detail, LIMITS.get(code));
        }
        if (MARKETING_HOURS.equals(code)) {
            return DeliveryResult.retry(name, reason, detail, untilEightInChina());
        }
        if (code.startsWith("RequestLimitExceeded")) {
            return DeliveryResult.retry(name, "RATE_LIMITED", detail, Duration.ofSeconds(1));
        }
        if (code.startsWith("InternalError")) {
            return DeliveryResult.retry(name, reason, detail, null);
        }
        // PERMANENT, AuthFailure.*, UnauthorizedOperation.*, and anything unknown: the same request fails again
        return DeliveryResult.failed(name, reason.isEmpty() ? "TENCENT_ERROR" : reason, detail);
    }
}
