package io.dunninghub.channel.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.Messages;
import io.dunninghub.support.TestClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * APNs straight from the hub, against WireMock over HTTP/2 and TLS:
 * the provider token is an ES256 JWT Apple could verify, the headers and payload are Apple's, and the errors are
 * read by their {@code reason} from Apple's table.
 */
class ApnsPushAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE = "740f4707bebcf74f9b7c25d48e3358945f6aa01da5ddb387462c7eaf61bb78ad";
    private static final String PATH = "/3/device/" + DEVICE;

    static WireMockServer apns;
    static SSLContext trust;
    static KeyPair teamKey;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T02:00:00Z"));

    @BeforeAll
    static void start() throws Exception {
        // WireMock's own certificate; HTTP/2 needs TLS (ALPN), and Apple's certificate is not what is tested here
        apns = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1"));
        apns.start();
        trust = SSLContext.getInstance("TLS");
        trust.init(null, new TrustManager[] {new TrustingTheTestServer()}, null);

        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        teamKey = g.generateKeyPair();
    }

    /** Accepts WireMock's self-signed certificate (and skips the host name check, which is the trust manager's). */
    static final class TrustingTheTestServer extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @AfterAll
    static void stop() {
        apns.stop();
    }

    @BeforeEach
    void reset() {
        apns.resetAll();
    }

    private ApnsPushAdapter adapter() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(teamKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> o = new HashMap<>(Map.of("team-id", "DEF123GHIJ", "key-id", "ABC123DEFG", "private-key", pem,
                "topic", "com.example.demoloan", "base-url", "https://127.0.0.1:" + apns.httpsPort(), "timeout-ms", "10000"));
        return new ApnsPushAdapter(Messages.settings("apns-main", "push", "apns", o), clock, trust);
    }

    private void answer(int status, String body) {
        var r = aResponse().withStatus(status).withHeader("apns-id", "0f2a0b7e-6c0e-3b2c-8d4f-5c1e2a3b4c5d");
        if (body != null) {
            r.withHeader("Content-Type", "application/json").withBody(body);
        }
        apns.stubFor(post(urlEqualTo(PATH)).willReturn(r));
    }

    private static DeliveryResult push(ApnsPushAdapter adapter, String noticeId) {
        return adapter.send(Messages.of(noticeId, "push", DEVICE, "还款提醒", "您的借款已逾期，请尽快还款。", null));
    }

    @Test
    void aPushGoesOverHttp2WithAnEs256ProviderTokenAndApplesHeaders() throws Exception {
        answer(200, null);

        DeliveryResult r = push(adapter(), "N-3001");

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("0f2a0b7e-6c0e-3b2c-8d4f-5c1e2a3b4c5d");
        LoggedRequest req = apns.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(req.getProtocol()).isEqualTo("HTTP/2.0");
        assertThat(req.getHeader("apns-topic")).isEqualTo("com.example.demoloan");
        assertThat(req.getHeader("apns-push-type")).isEqualTo("alert");
        assertThat(req.getHeader("apns-priority")).isEqualTo("10");
        assertThat(req.getHeader("apns-expiration")).isEqualTo(String.valueOf(clock.instant().getEpochSecond() + 86_400));
        assertThat(req.getHeader("apns-id")).isEqualTo(ApnsPushAdapter.apnsId("N-3001")).hasSize(36);
        assertThat(JSON.readTree(req.getBodyAsString())).isEqualTo(JSON.readTree("""
                {"aps": {"alert": {"title": "还款提醒", "body": "您的借款已逾期，请尽快还款。"}, "sound": "default"},
                 "noticeId": "N-3001", "type": "repayment_reminder"}"""));

        String[] jwt = req.getHeader("authorization").replaceFirst("^bearer ", "").split("\\.");
        assertThat(jwt).hasSize(3);
        assertThat(JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]))).isEqualTo(JSON.readTree("{\"alg\": \"ES256\", \"kid\": \"ABC123DEFG\"}"));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.path("iss").asText()).isEqualTo("DEF123GHIJ");
        assertThat(claims.path("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(teamKey.getPublic());
        es256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        byte[] signature = Base64.getUrlDecoder().decode(jwt[2]);
        assertThat(signature).as("R || S, as JWS wants it").hasSize(64);
        assertThat(es256.verify(signature)).isTrue();
    }

    @Test
    void theProviderTokenIsReusedFor50MinutesThenMadeAgain() {
        answer(200, null);
        ApnsPushAdapter adapter = adapter();
        push(adapter, "N-3002");
        clock.advance(Duration.ofMinutes(49));
        push(adapter, "N-3003");
        clock.advance(Duration.ofMinutes(2));
        push(adapter, "N-3004");
        List<String> tokens = apns.findAll(anyRequestedFor(anyUrl())).stream().map(r -> r.getHeader("authorization")).toList();
        assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
        assertThat(tokens.get(2)).isNotEqualTo(tokens.get(0));
    }

    @Test
    void anExpiredProviderTokenIsMadeAgainAndThePushSentOnceMore() {
        apns.stubFor(post(urlEqualTo(PATH)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"reason\": \"ExpiredProviderToken\"}")).willSetStateTo("renewed"));
        apns.stubFor(post(urlEqualTo(PATH)).inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(aResponse().withStatus(200).withHeader("apns-id", "5e6f7a8b-0000-4000-8000-000000000001")));

        DeliveryResult r = push(adapter(), "N-3005");

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        List<LoggedRequest> sent = apns.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getHeader("authorization")).isNotEqualTo(sent.get(0).getHeader("authorization"));
    }

    @Test
    void applesReasonsFromItsTable() {
        answer(410, "{\"reason\": \"Unregistered\", \"timestamp\": 1764122400000}");
        DeliveryResult gone = push(adapter(), "N-3006");
        assertThat(gone.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(gone.reasonCode()).isEqualTo("TOKEN_UNREGISTERED");

        answer(400, "{\"reason\": \"BadDeviceToken\"}");
        assertThat(push(adapter(), "N-3007").reasonCode()).isEqualTo("APNS_BadDeviceToken");

        answer(403, "{\"reason\": \"InvalidProviderToken\"}");
        DeliveryResult invalidKey = push(adapter(), "N-3008");
        assertThat(invalidKey.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(invalidKey.reasonCode()).isEqualTo("APNS_InvalidProviderToken");

        answer(413, "{\"reason\": \"PayloadTooLarge\"}");
        assertThat(push(adapter(), "N-3009").outcome()).isEqualTo(Outcome.FAILED);

        answer(429, "{\"reason\": \"TooManyRequests\"}");
        DeliveryResult tooMany = push(adapter(), "N-3010");
        assertThat(tooMany.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(tooMany.reasonCode()).isEqualTo("RATE_LIMITED");

        answer(503, "{\"reason\": \"ServiceUnavailable\"}");
        DeliveryResult down = push(adapter(), "N-3011");
        assertThat(down.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(down.reasonCode()).isEqualTo("APNS_ServiceUnavailable");
    }

    @Test
    void somethingThatIsNoDeviceTokenIsNeverSent() {
        DeliveryResult r = adapter().send(Messages.of("N-3012", "push", "fcm-token-B00042", "t", "b", null));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("INVALID_RECIPIENT");
        assertThat(apns.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
