package io.dunninghub.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dunninghub.channel.AdapterOption;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.RetryAfter;
import io.dunninghub.channel.http.OAuth2ClientCredentials;
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push through Huawei Push Kit's server API ({@code POST /v1/{appId}/messages:send}) with an OAuth 2.0 access token
 * from Huawei's token URL (client credentials: the app id and app secret), cached and refreshed. Huawei answers with
 * a result {@code code} ({@code 80000000} = success) and the {@code requestId} the hub records; the notice id goes
 * as {@code bi_tag}, which Huawei's delivery receipts carry. Codes from Huawei's table: an expired or refused
 * access token (80200003, 80200001) is fetched again and the push sent once more; all tokens invalid (80300007) is
 * TOKEN_UNREGISTERED; request errors are permanent; 503 (traffic control) and internal errors retry.
 */
public final class HuaweiPushAdapter implements ProviderAdapter {

    public static final AdapterType TYPE = new AdapterType("huawei-push", Set.of("push"),
            "Huawei Push Kit v1 messages:send with an OAuth 2.0 client-credentials token (app id and app secret), "
                    + "fetched, cached and refreshed. All tokens invalid (80300007) fails with TOKEN_UNREGISTERED.",
            AdapterType.with(List.of(
                    AdapterOption.of("app-id", AdapterOption.Type.TEXT, "the app's id in AppGallery Connect").required(),
                    AdapterOption.of("app-secret", AdapterOption.Type.SECRET, "the app's secret (client_secret)").required(),
                    AdapterOption.of("client-id", AdapterOption.Type.TEXT, "the OAuth client id").defaultsTo("app-id"),
                    AdapterOption.of("category", AdapterOption.Type.TEXT, "android.notification.category, the message "
                            + "class Huawei's self-classification asks for (e.g. ACCOUNT)"),
                    AdapterOption.choice("importance", "normal", List.of("normal", "low"), "android.notification.importance"),
                    AdapterOption.of("ttl-seconds", AdapterOption.Type.POSITIVE_INTEGER, "").defaultsTo("86400"),
                    AdapterOption.of("token-refresh-before-seconds", AdapterOption.Type.POSITIVE_INTEGER,
                            "how long before it expires the access token is fetched again").defaultsTo("300"),
                    AdapterOption.of("token-url", AdapterOption.Type.URL, "")
                            .defaultsTo("https://oauth-login.cloud.huawei.com/oauth2/v3/token"),
                    AdapterOption.of("base-url", AdapterOption.Type.URL, "").defaultsTo("https://push-api.cloud.huawei.com")),
                    AdapterType.httpTimeouts()),
            AdapterType.CrossCheck.NONE, (s, camel) -> new HuaweiPushAdapter(s, Clock.systemUTC()));

    static final String SUCCESS = "80000000";
    /** The access token expired, or was not accepted: fetch one again, once. */
    private static final Set<String> TOKEN_REFUSED = Set.of("80200003", "80200001");
    private static final Set<String> TOKEN_GONE = Set.of("80300007");
    private static final Set<String> TRANSIENT = Set.of("81000001");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(HuaweiPushAdapter.class);

    private final String name;
    private final URI endpoint;
    private final OAuth2ClientCredentials tokens;
    private final String category;
    private final String importance;
    private final String ttl;
    private final ProviderHttp http;

    HuaweiPushAdapter(ProviderSettings s, Clock clock) {
        this.name = s.name();
        this.http = new ProviderHttp(s, clock);
        String appId = s.option("app-id");
        this.endpoint = URI.create(s.option("base-url", "https://push-api.cloud.huawei.com").replaceAll("/+$", "")
                + "/v1/" + appId + "/messages:send");
        this.tokens = new OAuth2ClientCredentials(
                URI.create(s.option("token-url", "https://oauth-login.cloud.huawei.com/oauth2/v3/token")),
                s.option("client-id", appId), s.option("app-secret"), null, OAuth2ClientCredentials.ClientAuth.BODY,
                Duration.ofSeconds(s.intOption("token-refresh-before-seconds", 300)), http);
        this.category = s.option("category");
        this.importance = s.option("importance", "normal").toUpperCase(java.util.Locale.ROOT);
        this.ttl = s.intOption("ttl-seconds", 86_400) + "s";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        if (m.recipient() == null || m.recipient().isBlank()) {
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", "no push token");
        }
        String body = body(m).toString();
        for (int attempt = 1; ; attempt++) {
            String token;
            try {
                token = tokens.token(m.noticeId());
            } catch (OAuth2ClientCredentials.TokenUnavailable e) {
                // nothing went to Huawei yet, so another provider may take the notice
                return e.permanent() ? DeliveryResult.failed(name, "AUTH_FAILED", e.getMessage())
                        : DeliveryResult.retry(name, "AUTH_UNAVAILABLE", e.getMessage(), null);
            }
            HttpRequest request = http.request(endpoint)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            ProviderHttp.Answer a = http.send(request, m.noticeId());
            if (a.failure() != null) {
                return a.failure();
            }
            JsonNode json = ProviderHttp.json(a.body());
            String code = json == null ? null : json.path("code").asText(null);
            boolean refused = code == null ? a.status() == 401 : TOKEN_REFUSED.contains(code);
            if (attempt == 1 && refused) {
                tokens.invalidate(token);
                continue;
            }
            DeliveryResult result = answer(a, json, code);
            LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.tail(m.recipient()), result.outcome(),
                    result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
            return result;
        }
    }

    private ObjectNode body(OutboundMessage m) {
        ObjectNode root = JSON.createObjectNode().put("validate_only", false);
        ObjectNode message = root.putObject("message");
        ObjectNode android = message.putObject("android").put("ttl", ttl).put("bi_tag", m.noticeId());
        ObjectNode notification = android.putObject("notification");
        if (m.subject() != null) {
            notification.put("title", m.subject());
        }
        notification.put("body", m.text() == null ? "" : m.text());
        notification.putObject("click_action").put("type", 3); // open the app
        notification.put("importance", importance);
        if (category != null) {
            notification.put("category", category);
        }
        message.putArray("token").add(m.recipient().strip());
        return root;
    }

    private DeliveryResult answer(ProviderHttp.Answer a, JsonNode json, String code) {
        if (a.status() == 200 && SUCCESS.equals(code)) {
            String id = json.path("requestId").asText("");
            return id.isBlank() ? DeliveryResult.failed(name, "BAD_RESPONSE", "success without a requestId; the push may have been sent")
                    : DeliveryResult.sent(name, id);
        }
        String detail = "HTTP " + a.status() + (code == null ? "" : ", code " + code + ": "
                + ProviderHttp.redact(json.path("msg").asText("")));
        Duration retryAfter = RetryAfter.parse(a.header("Retry-After"), http.clock().instant());
        if (a.status() == 503) {
            return DeliveryResult.retry(name, "RATE_LIMITED", detail + " (traffic control)", retryAfter);
        }
        if (code == null) {
            return a.status() == 200 ? DeliveryResult.failed(name, "BAD_RESPONSE", "HTTP 200 without a result code; "
                    + "the push may have been sent") : http.byStatus(a, null);
        }
        // one token per request: "some tokens failed" (80100000) means this one did
        if (TOKEN_GONE.contains(code) || "80100000".equals(code)) {
            return DeliveryResult.failed(name, "TOKEN_UNREGISTERED", detail + " (the push token is no longer valid)");
        }
        if (TRANSIENT.contains(code) || a.status() >= 500) {
            return DeliveryResult.retry(name, "HUAWEI_" + code, detail, retryAfter);
        }
        // 80100001 parameters, 80100003 payload, 80100004 TTL, 80200001/80200003 after a fresh token, 80300002 no
        // permission, 80300008 message too big, 80300010 too many tokens, 80300011 high priority not allowed, …
        return DeliveryResult.failed(name, "HUAWEI_" + code.replaceAll("[^A-Za-z0-9_]", "_"), detail);
    }
}
