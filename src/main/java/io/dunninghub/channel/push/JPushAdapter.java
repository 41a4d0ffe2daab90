package io.dunninghub.channel.push;

import java.util.Set;
import java.util.List;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.AdapterOption;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push through JPush (极光推送) REST API v3 ({@code POST /v3/push}, HTTP Basic appKey:masterSecret) to one
 * registration id. The provider id is {@code msg_id}. Error 1011 (no device matches the registration id)
 * marks the token dead like FCM's UNREGISTERED.
 */
public final class JPushAdapter implements ProviderAdapter {


    public static final AdapterType TYPE = new AdapterType("jpush", Set.of("push"),
            "JPush (极光推送) REST v3: POST /v3/push, HTTP Basic app-key:master-secret, one registration_id. The "
                    + "provider id is msg_id; 1011 fails with TOKEN_UNREGISTERED and 1003 (an invalid value: the "
                    + "registration id) with TOKEN_INVALID, both marking the token dead; 2002 and 429 wait for "
                    + "X-Rate-Limit-Reset.",
            AdapterType.with(List.of(
                    AdapterOption.of("app-key", AdapterOption.Type.TEXT, "").required(),
                    AdapterOption.of("master-secret", AdapterOption.Type.SECRET, "").required(),
                    AdapterOption.of("apns-production", AdapterOption.Type.BOOLEAN, "").defaultsTo("true"),
                    AdapterOption.of("ttl-seconds", AdapterOption.Type.POSITIVE_INTEGER, "").defaultsTo("86400"),
                    AdapterOption.of("base-url", AdapterOption.Type.URL, "https://bjapi.push.jiguang.cn for the Beijing "
                            + "data centre").defaultsTo("https://api.jpush.cn")),
                    AdapterType.httpTimeouts()),
            AdapterType.CrossCheck.NONE, (s, camel) -> new JPushAdapter(s));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(JPushAdapter.class);

    private final String name;
    private final URI endpoint;
    private final String authorization;
    private final boolean apnsProduction;
    private final int timeToLive;
    private final ProviderHttp http;

    public JPushAdapter(ProviderSettings s) {
        this(s, Clock.systemUTC());
    }

    JPushAdapter(ProviderSettings s, Clock clock) {
        this.name = s.name();
        this.endpoint = URI.create(s.option("base-url", "https://api.jpush.cn").replaceAll("/+$", "") + "/v3/push");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (s.option("app-key") + ":" + s.option("master-secret")).getBytes(StandardCharsets.UTF_8));
        this.apnsProduction = s.boolOption("apns-production", true);
        this.timeToLive = s.intOption("ttl-seconds", 86_400);
        this.http = new ProviderHttp(s, clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        if (m.recipient() == null || m.recipient().isBlank()) {
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", "no registration id");
        }
        HttpRequest request = http.request(endpoint)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(m).toString(), StandardCharsets.UTF_8))
                .build();
        ProviderHttp.Answer a = http.send(request, m.noticeId());
        if (a.failure() != null) {
            return a.failure();
        }
        DeliveryResult result = answer(a);
        LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.tail(m.recipient()), result.outcome(),
                result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
        return result;
    }

    private ObjectNode body(OutboundMessage m) {
        String text = m.text() == null ? "" : m.text();
        ObjectNode root = JSON.createObjectNode();
        root.put("platform", "all");
        root.putObject("audience").putArray("registration_id").add(m.recipient());
        ObjectNode notification = root.putObject("notification");
        notification.put("alert", text);
        ObjectNode android = notification.putObject("android").put("alert", text);
        if (m.subject() != null) {
            android.put("title", m.subject());
        }
        android.putObject("extras").put("noticeId", m.noticeId());
        ObjectNode ios = notification.putObject("ios");
        ios.putObject("alert").put("title", m.subject() == null ? "" : m.subject()).put("body", text);
        ios.putObject("extras").put("noticeId", m.noticeId());
        root.putObject("options").put("time_to_live", timeToLive).put("apns_production", apnsProduction);
        return root;
    }

    private DeliveryResult answer(ProviderHttp.Answer a) {
        JsonNode json = ProviderHttp.json(a.body());
        if (a.status() == 200) {
            String id = json == null ? "" : json.path("msg_id").asText("");
            return id.isBlank()
                    ? DeliveryResult.failed(name, "BAD_RESPONSE", "HTTP 200 without msg_id; the push may have been sent")
                    : DeliveryResult.sent(name, id, "sendno " + json.path("sendno").asText("?"));
        }
        JsonNode error = json == null ? null : json.path("error");
        int code = error == null ? 0 : error.path("code").asInt(0);
        String detail = "HTTP " + a.status() + (code == 0 ? "" : ", JPush " + code + ": " + ProviderHttp.redact(error.path("message").asText("")));
        if (a.status() == 429 || code == 2002) {
            // X-Rate-Limit-Reset: seconds until the quota window opens again
            String reset = a.header("X-Rate-Limit-Reset");
            Duration wait = reset != null && reset.strip().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(reset.strip())) : null;
            return DeliveryResult.retry(name, "RATE_LIMITED", detail, wait);
        }
        if (code == 1011) {
            return DeliveryResult.failed(name, "TOKEN_UNREGISTERED", detail + " (registration id matches no device)");
        }
        if (code == 1003) {
            // "参数值不合法": the adapter writes every other field itself, so the registration id is what was refused
            return DeliveryResult.failed(name, "TOKEN_INVALID", detail + " (the registration id is not valid)");
        }
        if (a.status() >= 500) {
            return DeliveryResult.retry(name, "HTTP_" + a.status(), detail, null);
        }
        return DeliveryResult.failed(name, code == 0 ? "HTTP_" + a.status() : "JPUSH_" + code, detail);
    }
}
