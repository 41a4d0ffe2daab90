package io.dunninghub.channel.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.Messages;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FCM HTTP v1 with a service account: the token exchange, its cache, and FCM's error codes. */
class FcmPushAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEND = "/v1/projects/demo-loans/messages:send";
    private static KeyPair keys;

    private WireMockServer google;
    private MutableClock clock;
    private FcmPushAdapter adapter;

    /** A clock a test can move forward. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T02:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
    }

    @BeforeEach
    void start() throws Exception {
        google = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        google.start();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String account = JSON.createObjectNode().put("type", "service_account").put("project_id", "demo-loans")
                .put("private_key_id", "kid-0001").put("private_key", pem)
                .put("client_email", "hub@demo-loans.iam.gserviceaccount.com")
                .put("token_uri", google.baseUrl() + "/token").toString();
        clock = new MutableClock();
        adapter = new FcmPushAdapter(Messages.settings("fcm-main", "push", "fcm", Map.of(
                "service-account-json", account, "base-url", google.baseUrl(), "timeout-ms", "10000")), clock);
        google.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"ya29.first-token\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    }

    @AfterEach
    void stop() {
        adapter.close();
        google.stop();
    }

    private void answer(int status, String body) {
        google.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body)));
    }

    private static String fcmError(int code, String status, String errorCode, String message) {
        return """
                {"error":{"code":%d,"message":"%s","status":"%s",
                 "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"%s"}]}}
                """.formatted(code, message, status, errorCode);
    }

    private DeliveryResult send(String id) {
        return adapter.send(Messages.of(id, "push", "fcm-token-B00042", "还款提醒", "您的借款已逾期，请尽快还款", null));
    }

    @Test
    void exchangesASignedJwtForATokenAndSendsTheMessage() throws Exception {
        answer(200, "{\"name\":\"projects/demo-loans/messages/0:1700000000000000%31bd1c9631bd1c96\"}");

        DeliveryResult r = send("N-4001");

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("projects/demo-loans/messages/0:1700000000000000%31bd1c9631bd1c96");
        LoggedRequest token = google.findAll(postRequestedFor(urlEqualTo("/token"))).get(0);
        Map<String, String> form = form(token.getBodyAsString());
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] jwt = form.get("assertion").split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo("kid-0001");
        assertThat(claims.get("iss").asText()).isEqualTo("hub@demo-loans.iam.gserviceaccount.com");
        assertThat(claims.get("scope").asText()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
        assertThat(claims.get("aud").asText()).isEqualTo(google.baseUrl() + "/token");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();

        LoggedRequest push = google.findAll(postRequestedFor(urlEqualTo(SEND))).get(0);
        assertThat(push.getHeader("Authorization")).isEqualTo("Bearer ya29.first-token");
        JsonNode message = JSON.readTree(push.getBodyAsString()).get("message");
        assertThat(message.get("token").asText()).isEqualTo("fcm-token-B00042");
        assertThat(message.at("/notification/title").asText()).isEqualTo("还款提醒");
        assertThat(message.at("/notification/body").asText()).isEqualTo("您的借款已逾期，请尽快还款");
        assertThat(message.at("/data/noticeId").asText()).isEqualTo("N-4001");
        assertThat(message.at("/android/ttl").asText()).isEqualTo("86400s");
    }

    @Test
    void theTokenIsCachedAndRefreshedBeforeItExpires() {
        answer(200, "{\"name\":\"projects/demo-loans/messages/1\"}");
        send("N-4002");
        clock.now = clock.now.plus(Duration.ofMinutes(50));
        send("N-4003");
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(1);
        // 56 minutes in, less than the 5-minute margin is left: a new token before the old one lapses
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        send("N-4004");
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(2);
    }

    @Test
    void anUnregisteredTokenIsMarkedDead() {
        answer(404, fcmError(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."));
        DeliveryResult r = send("N-4005");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("TOKEN_UNREGISTERED");
    }

    /**
     * https://firebase.google.com/docs/cloud-messaging/error-codes: INVALID_ARGUMENT with an FcmError detail is an
     * invalid registration token; with a google.rpc.BadRequest detail it is a field of the request.
     */
    @Test
    void anInvalidTokenIsMarkedDeadAndABadRequestIsNot() {
        answer(400, fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token"));
        DeliveryResult token = send("N-4011");
        assertThat(token.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(token.reasonCode()).isEqualTo("TOKEN_INVALID");
        assertThat(io.dunninghub.contact.ContactFeedback.forReason("push", token.reasonCode()))
                .isEqualTo(io.dunninghub.contact.ContactFeedback.Reason.TOKEN_UNREGISTERED);

        answer(400, """
                {"error":{"code":400,"message":"Invalid value at 'message.data[0].value' (TYPE_STRING), 12",
                 "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest",
                 "fieldViolations":[{"field":"message.data[0].value","description":"Invalid value at 'message.data[0].value' (TYPE_STRING), 12"}]}]}}
                """);
        DeliveryResult request = send("N-4012");
        assertThat(request.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(request.reasonCode()).isEqualTo("FCM_INVALID_ARGUMENT");
        assertThat(io.dunninghub.contact.ContactFeedback.forReason("push", request.reasonCode())).isNull();
    }

    /** A 404 without FCM's UNREGISTERED (a wrong project id, a proxy's page) says nothing about the device token. */
    @Test
    void aBare404IsNotADeadToken() {
        answer(404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\"}}");
        DeliveryResult r = send("N-4013");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("HTTP_404");
        assertThat(io.dunninghub.contact.ContactFeedback.forReason("push", r.reasonCode())).isNull();
        google.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Not Found</body></html>")));
        assertThat(send("N-4014").reasonCode()).isEqualTo("HTTP_404");
    }

    /**
     * THIRD_PARTY_AUTH_ERROR (HTTP 401): the APNs certificate or web push key is invalid. Our OAuth token is fine, so
     * it is not fetched again and the push is not sent a second time.
     */
    @Test
    void aThirdPartyAuthErrorDoesNotRefreshTheOAuthToken() {
        answer(401, fcmError(401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR", "Auth error from APNS or Web Push Service"));
        DeliveryResult r = send("N-4015");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("FCM_THIRD_PARTY_AUTH_ERROR");
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(1);
        assertThat(google.findAll(postRequestedFor(urlEqualTo(SEND)))).hasSize(1);
    }

    /**
     * The JWT's aud is always Google's token endpoint (developers.google.com/identity/protocols/oauth2/service-account:
     * "When making an access token request this value is always https://oauth2.googleapis.com/token"), also when
     * token-url sends the exchange elsewhere (a proxy).
     */
    @Test
    void theJwtAudienceStaysGooglesTokenUrlWhenTokenUrlIsOverridden() throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String account = JSON.createObjectNode().put("type", "service_account").put("project_id", "demo-loans")
                .put("private_key", pem).put("client_email", "hub@demo-loans.iam.gserviceaccount.com")
                .put("token_uri", "https://oauth2.googleapis.com/token").toString();
        FcmPushAdapter proxied = new FcmPushAdapter(Messages.settings("fcm-main", "push", "fcm", Map.of(
                "service-account-json", account, "base-url", google.baseUrl(), "token-url", google.baseUrl() + "/token",
                "timeout-ms", "10000")), clock);
        try {
            answer(200, "{\"name\":\"projects/demo-loans/messages/7\"}");
            assertThat(proxied.send(Messages.of("N-4016", "push", "fcm-token-B00042", "t", "b", null)).outcome())
                    .isEqualTo(Outcome.SENT);
            Map<String, String> form = form(google.findAll(postRequestedFor(urlEqualTo("/token"))).get(0).getBodyAsString());
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(form.get("assertion").split("\\.")[1]));
            assertThat(claims.get("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
        } finally {
            proxied.close();
        }
    }

    @Test
    void unavailableRetries() {
        google.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json")
                .withBody(fcmError(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable."))));
        DeliveryResult r = send("N-4007");
        assertThat(r.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(r.reasonCode()).isEqualTo("FCM_UNAVAILABLE");
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void quotaExceededWaitsAtLeastAMinute() {
        answer(429, fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded for quota metric 'Send requests'"));
        DeliveryResult r = send("N-4008");
        assertThat(r.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(r.reasonCode()).isEqualTo("RATE_LIMITED");
        assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aRefusedTokenIsFetchedAgainOnceAndARefusedAccountFailsWithoutSending() {
        google.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}")));
        DeliveryResult r = send("N-4009");
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(2);
        assertThat(google.findAll(postRequestedFor(urlEqualTo(SEND)))).hasSize(2);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("HTTP_401");

        google.resetAll();
        clock.now = clock.now.plus(Duration.ofHours(2)); // the cached token has lapsed
        google.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}")));
        DeliveryResult refused = adapter.send(Messages.of("N-4010", "push", "fcm-token-B00042", "t", "b", null));
        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.reasonCode()).isEqualTo("AUTH_FAILED");
        assertThat(google.findAll(postRequestedFor(urlEqualTo(SEND)))).isEmpty();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String kv : body.split("&")) {
            String[] p = kv.split("=", 2);
            out.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        return out;
    }
}
