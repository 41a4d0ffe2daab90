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
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push straight to Apple Push Notification service: {@code POST /3/device/<token>} over HTTP/2, authenticated with a
 * provider token, a JWT signed ES256 with the team's .p8 key ({@code kid} = key id, {@code iss} = team id,
 * {@code iat}), made once and reused for 50 minutes (Apple refuses tokens older than an hour and throttles
 * tokens made more often than every 20 minutes). The provider id is the {@code apns-id} Apple answers with (the
 * hub sends a UUID made from the notice id). Errors by their {@code reason}: {@code Unregistered} (410) is
 * TOKEN_UNREGISTERED; an expired provider token is made again and the push sent once more; other 4xx are
 * permanent, 429 and 5xx retry. APNs has no delivery receipts.
 */
public final class ApnsPushAdapter implements ProviderAdapter {

    public static final AdapterType TYPE = new AdapterType("apns", Set.of("push"),
            "Apple Push Notification service over HTTP/2 with an ES256 provider token (.p8 key), made and renewed "
                    + "by the hub. Unregistered fails with TOKEN_UNREGISTERED.",
            AdapterType.with(List.of(
                    AdapterOption.of("team-id", AdapterOption.Type.TEXT, "the Apple developer team id").required(),
                    AdapterOption.of("key-id", AdapterOption.Type.TEXT, "the id of the APNs auth key").required(),
                    AdapterOption.of("private-key", AdapterOption.Type.SECRET, "the .p8 key's text (PKCS#8 PEM)")
                            .oneOf("key"),
                    AdapterOption.of("private-key-file", AdapterOption.Type.TEXT, "the .p8 file's path").oneOf("key"),
                    AdapterOption.of("topic", AdapterOption.Type.TEXT, "the app's bundle id (apns-topic)").required(),
                    AdapterOption.choice("environment", "production", List.of("production", "sandbox"),
                            "api.push.apple.com or api.sandbox.push.apple.com"),
                    AdapterOption.choice("priority", "10", List.of("10", "5"), "apns-priority: 10 at once, 5 as the "
                            + "device's power allows"),
                    AdapterOption.of("expiration-seconds", AdapterOption.Type.POSITIVE_INTEGER, "how long Apple keeps "
                            + "trying an offline device (apns-expiration)").defaultsTo("86400"),
                    AdapterOption.of("base-url", AdapterOption.Type.URL, "").defaultsTo("the environment's")),
                    AdapterType.httpTimeouts()),
            options -> {
                String file = options.get("private-key-file");
                String key = options.get("private-key");
                return (key == null || key.isBlank()) && file != null && !file.isBlank()
                        && !Files.isReadable(Path.of(file.strip()))
                        ? new AdapterType.Problem("private-key-file", "cannot read " + file) : null;
            }, (s, camel) -> new ApnsPushAdapter(s, Clock.systemUTC(), null));

    /** Apple: a provider token at most an hour old, made again no more often than every 20 minutes. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(50);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ApnsPushAdapter.class);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String name;
    private final String base;
    private final String teamId;
    private final String keyId;
    private final PrivateKey key;
    private final String topic;
    private final String priority;
    private final long expirationSeconds;
    private final ProviderHttp http;
    private String token;
    private Instant tokenIssued = Instant.MIN;

    /** @param tls trust for the connection (tests); null: the JDK's */
    ApnsPushAdapter(ProviderSettings s, Clock clock, SSLContext tls) {
        this.name = s.name();
        String environment = "sandbox".equalsIgnoreCase(s.option("environment")) ? "https://api.sandbox.push.apple.com"
                : "https://api.push.apple.com";
        this.base = s.option("base-url", environment).replaceAll("/+$", "");
        this.teamId = s.option("team-id");
        this.keyId = s.option("key-id");
        this.key = privateKey(s);
        this.topic = s.option("topic");
        this.priority = s.option("priority", "10");
        this.expirationSeconds = s.intOption("expiration-seconds", 86_400);
        this.http = new ProviderHttp(s, clock, HttpClient.Version.HTTP_2, tls);
    }

    private static PrivateKey privateKey(ProviderSettings s) {
        String pem = s.option("private-key");
        if (pem == null) {
            try {
                pem = Files.readString(Path.of(s.option("private-key-file")), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("provider " + s.name() + ": cannot read private-key-file", e);
            }
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("provider " + s.name() + ": the APNs key is not a PKCS#8 EC key (.p8)");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        String device = m.recipient() == null ? "" : m.recipient().strip();
        if (!device.matches("[0-9A-Fa-f]{32,200}")) {
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", "not an APNs device token");
        }
        String body = body(m).toString();
        Instant now = http.clock().instant();
        for (int attempt = 1; ; attempt++) {
            String jwt = providerToken(now);
            HttpRequest request = http.request(URI.create(base + "/3/device/" + device))
                    .header("authorization", "bearer " + jwt)
                    .header("apns-topic", topic)
                    .header("apns-push-type", "alert")
                    .header("apns-priority", priority)
                    .header("apns-expiration", String.valueOf(now.getEpochSecond() + expirationSeconds))
                    .header("apns-id", apnsId(m.noticeId()))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            ProviderHttp.Answer a = http.send(request, m.noticeId());
            if (a.failure() != null) {
                return a.failure();
            }
            String reason = reason(a);
            if (a.status() == 403 && "ExpiredProviderToken".equals(reason) && attempt == 1) {
                forget(jwt); // Apple thinks it too old: make a new one and send once more
                continue;
            }
            DeliveryResult result = answer(a, reason);
            LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.tail(device), result.outcome(),
                    result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
            return result;
        }
    }

    private ObjectNode body(OutboundMessage m) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aps = root.putObject("aps");
        ObjectNode alert = aps.putObject("alert");
        if (m.subject() != null) {
            alert.put("title", m.subject());
        }
        alert.put("body", m.text() == null ? "" : m.text());
        aps.put("sound", "default");
        root.put("noticeId", m.noticeId());
        root.put("type", "repayment_reminder");
        return root;
    }

    /** The same UUID for a notice every time, so Apple's and the hub's records can be matched. */
    static String apnsId(String noticeId) {
        try {
            return UUID.fromString(noticeId).toString();
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(noticeId.getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    synchronized String providerToken(Instant now) {
        if (token != null && now.isBefore(tokenIssued.plus(TOKEN_LIFETIME))) {
            return token;
        }
        ObjectNode header = JSON.createObjectNode().put("alg", "ES256").put("kid", keyId);
        ObjectNode claims = JSON.createObjectNode().put("iss", teamId).put("iat", now.getEpochSecond());
        String signingInput = B64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            // JWS wants the signature as R || S (64 bytes), not DER
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(key);
            es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            token = signingInput + "." + B64URL.encodeToString(es256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the APNs provider token", e);
        }
        tokenIssued = now;
        return token;
    }

    private synchronized void forget(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }

    private static String reason(ProviderHttp.Answer a) {
        JsonNode json = ProviderHttp.json(a.body());
        return json == null ? null : json.path("reason").asText(null);
    }

    private DeliveryResult answer(ProviderHttp.Answer a, String reason) {
        if (a.status() == 200) {
            String id = a.header("apns-id");
            return DeliveryResult.sent(name, id == null || id.isBlank() ? "" : id.strip());
        }
        String detail = "HTTP " + a.status() + (reason == null ? "" : ", " + reason);
        if (reason == null) {
            return http.byStatus(a, null);
        }
        Duration retryAfter = RetryAfter.parse(a.header("Retry-After"), http.clock().instant());
        return switch (reason) {
            case "Unregistered", "ExpiredToken" -> DeliveryResult.failed(name, "TOKEN_UNREGISTERED",
                    detail + " (the device token is no longer valid)");
            case "TooManyRequests" -> DeliveryResult.retry(name, "RATE_LIMITED", detail, retryAfter);
            case "TooManyProviderTokenUpdates", "InternalServerError", "ServiceUnavailable", "Shutdown" ->
                    DeliveryResult.retry(name, "APNS_" + reason, detail, retryAfter);
            default -> a.status() >= 500 ? DeliveryResult.retry(name, "APNS_" + reason, detail, retryAfter)
                    // BadDeviceToken, DeviceTokenNotForTopic, BadTopic, PayloadTooLarge, InvalidProviderToken, …
                    : DeliveryResult.failed(name, "APNS_" + reason.replaceAll("[^A-Za-z0-9_]", "_"), detail);
        };
    }
}
