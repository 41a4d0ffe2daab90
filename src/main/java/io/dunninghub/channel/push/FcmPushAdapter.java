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
import io.dunninghub.channel.RetryAfter;
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push through Firebase Cloud Messaging HTTP v1 ({@code POST /v1/projects/{project}/messages:send}) with a
 * service account's OAuth 2.0 token. The provider id is the message {@code name}. {@code UNREGISTERED}, or
 * {@code INVALID_ARGUMENT} in an FcmError detail, means the device token is dead: FAILED {@code TOKEN_UNREGISTERED} or
 * {@code TOKEN_INVALID}, so the lender can delete it; a bare 404 or a request error says nothing about the token.
 */
public final class FcmPushAdapter implements ProviderAdapter {


    public static final AdapterType TYPE = new AdapterType("fcm", Set.of("push"),
            "Firebase Cloud Messaging HTTP v1 with a bearer token from the service account (an RS256 JWT for Google's "
                    + "token endpoint, exchanged at token-url or the key file's token_uri, cached and refreshed). "
                    + "UNREGISTERED fails with TOKEN_UNREGISTERED, an invalid registration token (INVALID_ARGUMENT with "
                    + "an FcmError detail) with TOKEN_INVALID; both mark the token dead.",
            AdapterType.with(List.of(
                    AdapterOption.of("service-account-json", AdapterOption.Type.SECRET, "the key file Google issues, "
                            + "as text").oneOf("service-account"),
                    AdapterOption.of("service-account-file", AdapterOption.Type.TEXT, "the key file's path "
                            + "(client_email, private_key, token_uri, project_id)").oneOf("service-account"),
                    AdapterOption.of("project-id", AdapterOption.Type.TEXT, "").defaultsTo("the key file's project_id"),
                    AdapterOption.choice("android-priority", "normal", List.of("normal", "high"), ""),
                    AdapterOption.of("ttl-seconds", AdapterOption.Type.POSITIVE_INTEGER, "").defaultsTo("86400"),
                    AdapterOption.of("token-refresh-before-seconds", AdapterOption.Type.POSITIVE_INTEGER,
                            "how long before it expires the token is fetched again").defaultsTo("300"),
                    AdapterOption.of("base-url", AdapterOption.Type.URL, "").defaultsTo("https://fcm.googleapis.com"),
                    AdapterOption.of("token-url", AdapterOption.Type.URL, "where the token is fetched (a proxy); the "
                            + "JWT's aud stays the key file's token_uri").defaultsTo("the key file's token_uri")),
                    AdapterType.httpTimeouts()),
            options -> {
                String json = options.get("service-account-json");
                String file = options.get("service-account-file");
                return (json == null || json.isBlank()) && file != null && !file.isBlank()
                        && !java.nio.file.Files.isReadable(java.nio.file.Path.of(file.strip()))
                        ? new AdapterType.Problem("service-account-file", "cannot read " + file) : null;
            }, (s, camel) -> new FcmPushAdapter(s));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(FcmPushAdapter.class);

    private final String name;
    private final URI endpoint;
    private final ServiceAccountTokens tokens;
    private final String androidPriority;
    private final String ttl;
    private final ProviderHttp http;

    public FcmPushAdapter(ProviderSettings s) {
        this(s, Clock.systemUTC());
    }

    FcmPushAdapter(ProviderSettings s, Clock clock) {
        this.name = s.name();
        this.http = new ProviderHttp(s, clock);
        String account = serviceAccount(s);
        String project = s.option("project-id", ServiceAccountTokens.projectId(account));
        if (project == null) {
            throw new IllegalArgumentException("provider " + name + ": no project-id option and none in the service account");
        }
        this.endpoint = URI.create(s.option("base-url", "https://fcm.googleapis.com").replaceAll("/+$", "")
                + "/v1/projects/" + project + "/messages:send");
        this.tokens = new ServiceAccountTokens(account, s.option("token-url"),
                Duration.ofSeconds(s.intOption("token-refresh-before-seconds", 300)), http);
        this.androidPriority = s.option("android-priority", "NORMAL").toUpperCase(java.util.Locale.ROOT);
        this.ttl = s.intOption("ttl-seconds", 86_400) + "s";
    }

    /** The key file's JSON: the {@code service-account-json} option (from a secret) or the file {@code service-account-file}. */
    static String serviceAccount(ProviderSettings s) {
        if (s.option("service-account-json") != null) {
            return s.option("service-account-json");
        }
        try {
            return Files.readString(Path.of(s.option("service-account-file")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("provider " + s.name() + ": cannot read service-account-file", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        if (m.recipient() == null || m.recipient().isBlank()) {
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", "no device token");
        }
        String body = body(m).toString();
        for (int attempt = 1; ; attempt++) {
            String token;
            try {
                token = tokens.token(m.noticeId());
            } catch (ServiceAccountTokens.TokenUnavailable e) {
                // nothing went to FCM yet, so another provider may take the notice
                return e.permanent ? DeliveryResult.failed(name, "AUTH_FAILED", e.getMessage())
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
            if (a.status() == 401 && attempt == 1 && !"THIRD_PARTY_AUTH_ERROR".equals(fcmErrorCode(ProviderHttp.json(a.body())))) {
                // our OAuth token was revoked or expired early: one more try with a fresh one (a third party's
                // refusal, the APNs certificate or web push key, is not about it)
                tokens.invalidate(token);
                continue;
            }
            DeliveryResult result = answer(a);
            LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.tail(m.recipient()), result.outcome(),
                    result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
            return result;
        }
    }

    private ObjectNode body(OutboundMessage m) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("message");
        message.put("token", m.recipient());
        ObjectNode notification = message.putObject("notification");
        if (m.subject() != null) {
            notification.put("title", m.subject());
        }
        notification.put("body", m.text() == null ? "" : m.text());
        message.putObject("data").put("noticeId", m.noticeId()).put("type", "repayment_reminder");
        message.putObject("android").put("priority", androidPriority).put("ttl", ttl);
        return root;
    }

    /** The FcmError detail's errorCode (type google.firebase.fcm.v1.FcmError), or null when the error has none. */
    static String fcmErrorCode(JsonNode json) {
        JsonNode error = json == null ? null : json.path("error");
        if (error == null) {
            return null;
        }
        String code = null;
        for (JsonNode d : error.path("details")) {
            if (d.path("@type").asText("").endsWith("google.firebase.fcm.v1.FcmError") && d.hasNonNull("errorCode")) {
                code = d.get("errorCode").asText();
            }
        }
        return code;
    }

    private DeliveryResult answer(ProviderHttp.Answer a) {
        JsonNode json = ProviderHttp.json(a.body());
        if (a.status() == 200) {
            String id = json == null ? "" : json.path("name").asText("");
            return id.isBlank()
                    ? DeliveryResult.failed(name, "BAD_RESPONSE", "HTTP 200 without a message name; the push may have been sent")
                    : DeliveryResult.sent(name, id);
        }
        JsonNode error = json == null ? null : json.path("error");
        String fcmCode = fcmErrorCode(json);
        String status = error == null ? "" : error.path("status").asText("");
        String detail = "HTTP " + a.status() + (fcmCode != null ? ", " + fcmCode : status.isEmpty() ? "" : ", " + status)
                + (error == null ? "" : ": " + ProviderHttp.redact(error.path("message").asText("")));
        Duration retryAfter = RetryAfter.parse(a.header("Retry-After"), http.clock().instant());
        // only FCM's own detail speaks about the device token; a bare 404 or 400 is about the request
        String code = fcmCode != null ? fcmCode : status;
        return switch (code) {
            case "UNREGISTERED" -> DeliveryResult.failed(name, "TOKEN_UNREGISTERED", detail + " (device token is no longer valid)");
            // FcmError INVALID_ARGUMENT: the registration token is not a valid FCM token (a google.rpc.BadRequest
            // detail instead names a field of the request)
            case "INVALID_ARGUMENT" -> fcmCode != null
                    ? DeliveryResult.failed(name, "TOKEN_INVALID", detail + " (not a valid device token)")
                    : DeliveryResult.failed(name, "FCM_INVALID_ARGUMENT", detail);
            case "SENDER_ID_MISMATCH", "THIRD_PARTY_AUTH_ERROR", "PERMISSION_DENIED" ->
                    DeliveryResult.failed(name, "FCM_" + code, detail);
            // FCM asks for at least a minute before retrying a quota error
            case "QUOTA_EXCEEDED", "RESOURCE_EXHAUSTED" -> DeliveryResult.retry(name, "RATE_LIMITED", detail,
                    retryAfter != null && retryAfter.compareTo(Duration.ofMinutes(1)) > 0 ? retryAfter : Duration.ofMinutes(1));
            case "UNAVAILABLE", "INTERNAL", "UNSPECIFIED_ERROR" -> DeliveryResult.retry(name, "FCM_" + code, detail, retryAfter);
            default -> http.byStatus(a, fcmCode != null ? fcmCode : status);
        };
    }
}
