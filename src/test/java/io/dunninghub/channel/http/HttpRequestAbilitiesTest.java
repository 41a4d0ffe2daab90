package io.dunninghub.channel.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.channel.AdapterCatalog;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.Messages;
import io.dunninghub.support.TestClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the generic HTTP adapters do beyond a JSON body and a static credential: form-encoded bodies (Vonage's SMS
 * API), OAuth 2.0 client-credentials tokens fetched, cached, refreshed and renewed after a 401 (Infobip), and the
 * provider's id from a response header. Vonage and Infobip in their documented request and response shapes.
 */
class HttpRequestAbilitiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_PATH = "/auth/1/oauth2/token";
    private static final String INFOBIP_PATH = "/sms/3/messages";
    private WireMockServer provider;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T02:00:00Z"));

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    private HttpJsonAdapter sms(Map<String, String> options) {
        Map<String, String> o = new HashMap<>(Map.of("timeout-ms", "10000", "default-region", "CN"));
        o.putAll(options);
        return new HttpJsonAdapter(Messages.settings("gateway", "sms", "http-sms", o), HttpJsonAdapter.SMS, clock);
    }

    // ---- Vonage SMS API: form-encoded POST /sms/json, HTTP 200 with a status per message --------------------------

    private HttpJsonAdapter vonage() {
        return sms(Map.of("url", provider.baseUrl() + "/sms/json", "body-format", "form",
                "username", "a1b2c3d4", "password", "vonage-secret",
                "body", "{\"from\": \"DemoLoan\", \"to\": \"${msisdn}\", \"text\": \"${text}\", \"type\": \"unicode\", "
                        + "\"client-ref\": \"${noticeId}\"}",
                "success-pointer", "/messages/0/status", "success-value", "0", "id-pointer", "/messages/0/message-id",
                "transient-codes", "1,5", "idempotency-header", "none"));
    }

    private void vonageAnswers(String message) {
        provider.stubFor(post(urlPathEqualTo("/sms/json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message-count\": \"1\", \"messages\": [" + message + "]}")));
    }

    @Test
    void vonageGetsAFormEncodedBodyAndTheMessageIdIsReadFromItsAnswer() {
        vonageAnswers("{\"to\": \"8613800138000\", \"message-id\": \"0C000000217B7F02\", \"status\": \"0\", "
                + "\"remaining-balance\": \"15.53590000\", \"message-price\": \"0.03330000\", \"network\": \"46000\"}");

        DeliveryResult r = vonage().send(Messages.of("N-7001", "sms", "138 0013 8000", null, "您的借款已逾期 & 请还款", null));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("0C000000217B7F02");
        LoggedRequest req = provider.findAll(postRequestedFor(urlPathEqualTo("/sms/json"))).get(0);
        assertThat(req.getHeader("Content-Type")).isEqualToIgnoringCase("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(req.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("a1b2c3d4:vonage-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(req.containsHeader("Idempotency-Key")).isFalse();
        assertThat(req.getBodyAsString()).startsWith("from=DemoLoan&to=8613800138000&text=");
        assertThat(form(req.getBodyAsString())).containsExactly(Map.entry("from", "DemoLoan"),
                Map.entry("to", "8613800138000"), Map.entry("text", "您的借款已逾期 & 请还款"), Map.entry("type", "unicode"),
                Map.entry("client-ref", "N-7001"));
    }

    @Test
    void vonageStatusCodesFromItsErrorTable() {
        vonageAnswers("{\"status\": \"1\", \"error-text\": \"Throughput Rate Exceeded - please wait [ 30 ] and retry\"}");
        DeliveryResult throttled = vonage().send(Messages.of("N-7002", "sms", "+8613800138000", null, "t", null));
        assertThat(throttled.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(throttled.reasonCode()).isEqualTo("REJECTED_1");

        vonageAnswers("{\"to\": \"8613800138000\", \"status\": \"7\", \"error-text\": \"Number barred.\"}");
        DeliveryResult barred = vonage().send(Messages.of("N-7003", "sms", "+8613800138000", null, "t", null));
        assertThat(barred.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(barred.reasonCode()).isEqualTo("REJECTED_7");
    }

    // ---- Infobip SMS API v3 with OAuth 2.0 client credentials -----------------------------------------------------

    private HttpJsonAdapter infobip() {
        return sms(Map.of("url", provider.baseUrl() + INFOBIP_PATH,
                "token-url", provider.baseUrl() + TOKEN_PATH, "client-id", "lender-app", "client-secret", "s3cr3t+/=",
                "token-auth", "body",
                "body", "{\"messages\": [{\"sender\": \"DemoLoan\", \"destinations\": [{\"to\": \"${msisdn}\", "
                        + "\"messageId\": \"${noticeId}\"}], \"content\": {\"text\": \"${text}\"}}]}",
                "success-pointer", "/messages/0/status/groupName", "success-value", "PENDING",
                "id-pointer", "/messages/0/messageId", "error-code-pointer", "/messages/0/status/name"));
    }

    private void tokenAnswers(String token, int expiresIn) {
        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"" + token + "\", \"expires_in\": " + expiresIn + "}")));
    }

    private void infobipAccepts() {
        provider.stubFor(post(urlPathEqualTo(INFOBIP_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"bulkId": "2034072219640523073",
                         "messages": [{"messageId": "N-8001", "status": {"groupId": 1, "groupName": "PENDING", "id": 26,
                           "name": "PENDING_ACCEPTED", "description": "Message sent to next instance"},
                           "destination": "8613800138000", "details": {"messageCount": 1}}]}""")));
    }

    @Test
    void infobipGetsABearerTokenFromItsTokenUrlAndTheTokenIsReusedUntilItIsDueForRefresh() throws Exception {
        tokenAnswers("tok-1", 3600);
        infobipAccepts();
        HttpJsonAdapter infobip = infobip();

        DeliveryResult first = infobip.send(Messages.of("N-8001", "sms", "+8613800138000", null, "逾期提醒", null));
        DeliveryResult second = infobip.send(Messages.of("N-8002", "sms", "+8613800138000", null, "逾期提醒", null));

        assertThat(first.outcome()).isEqualTo(Outcome.SENT);
        assertThat(first.providerMessageId()).isEqualTo("N-8001");
        assertThat(second.outcome()).isEqualTo(Outcome.SENT);
        List<LoggedRequest> tokenRequests = provider.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        assertThat(tokenRequests).hasSize(1);
        LoggedRequest token = tokenRequests.get(0);
        assertThat(token.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(token.getBodyAsString())).containsExactly(Map.entry("grant_type", "client_credentials"),
                Map.entry("client_id", "lender-app"), Map.entry("client_secret", "s3cr3t+/="));
        LoggedRequest send = provider.findAll(postRequestedFor(urlPathEqualTo(INFOBIP_PATH))).get(0);
        assertThat(send.getHeader("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(JSON.readTree(send.getBodyAsString())).isEqualTo(JSON.readTree("""
                {"messages": [{"sender": "DemoLoan", "destinations": [{"to": "8613800138000", "messageId": "N-8001"}],
                  "content": {"text": "逾期提醒"}}]}"""));

        // 60 s before it expires (token-refresh-before-seconds) the token is fetched again
        tokenAnswers("tok-2", 3600);
        clock.advance(Duration.ofSeconds(3600 - 59));
        assertThat(infobip.send(Messages.of("N-8003", "sms", "+8613800138000", null, "t", null)).outcome())
                .isEqualTo(Outcome.SENT);
        assertThat(provider.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))).hasSize(2);
        provider.verify(1, postRequestedFor(urlPathEqualTo(INFOBIP_PATH)).withHeader("Authorization", equalTo("Bearer tok-2")));
    }

    @Test
    void aTokenTheApiRefusesIsFetchedAgainAndTheRequestSentOnceMore() {
        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"revoked\", \"expires_in\": 3600}"))
                .willSetStateTo("renewed"));
        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"fresh\", \"expires_in\": 3600}")));
        infobipAccepts();
        provider.stubFor(post(urlPathEqualTo(INFOBIP_PATH)).withHeader("Authorization", equalTo("Bearer revoked"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"requestError\": {\"serviceException\": {\"messageId\": \"UNAUTHORIZED\", "
                                + "\"text\": \"Invalid login details\"}}}")));

        DeliveryResult r = infobip().send(Messages.of("N-8004", "sms", "+8613800138000", null, "t", null));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        provider.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        provider.verify(2, postRequestedFor(urlPathEqualTo(INFOBIP_PATH)));
    }

    @Test
    void aRefusedClientFailsWithoutCallingTheApiAndAnUnreachableTokenUrlRetries() {
        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"invalid_client\"}")));
        DeliveryResult refused = infobip().send(Messages.of("N-8005", "sms", "+8613800138000", null, "t", null));
        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.reasonCode()).isEqualTo("AUTH_FAILED");

        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
        DeliveryResult down = infobip().send(Messages.of("N-8006", "sms", "+8613800138000", null, "t", null));
        assertThat(down.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(down.reasonCode()).isEqualTo("AUTH_UNAVAILABLE");
        provider.verify(0, postRequestedFor(urlPathEqualTo(INFOBIP_PATH)));
    }

    @Test
    void infobipRejectingTheDestinationIsPermanent() {
        tokenAnswers("tok-1", 3600);
        provider.stubFor(post(urlPathEqualTo(INFOBIP_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messages\": [{\"messageId\": \"N-8007\", \"status\": {\"groupId\": 5, \"groupName\": \"REJECTED\", "
                        + "\"id\": 51, \"name\": \"MISSING_TO\", \"description\": \"Missing destination.\"}}]}")));
        DeliveryResult r = infobip().send(Messages.of("N-8007", "sms", "+8613800138000", null, "t", null));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("REJECTED_MISSING_TO");
    }

    // ---- the id from a response header --------------------------------------------------------------------------

    @Test
    void theProvidersIdCanComeFromAResponseHeader() {
        provider.stubFor(post(urlPathEqualTo("/v1/notify")).willReturn(aResponse().withStatus(202)
                .withHeader("X-Message-Id", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0")));
        HttpJsonAdapter inbox = new HttpJsonAdapter(Messages.settings("inbox", "push", "inbox",
                Map.of("url", provider.baseUrl() + "/v1/notify", "id-header", "X-Message-Id")), HttpJsonAdapter.INBOX, clock);

        DeliveryResult r = inbox.send(Messages.of("N-9001", "push", "user-42", "Reminder", "Your payment is due", null));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0");
    }

    @Test
    void tokenOptionsAreCheckedTogether() {
        AdapterType type = AdapterCatalog.find("http-sms").orElseThrow();
        assertThat(type.check().check(Map.of("url", "https://x.example", "token-url", "https://x.example/token",
                "client-id", "app"))).isEqualTo(new AdapterType.Problem("client-secret", "is required with token-url"));
        assertThat(type.check().check(Map.of("url", "https://x.example", "client-id", "app")))
                .isEqualTo(new AdapterType.Problem("client-id", "needs token-url (OAuth 2.0 client credentials)"));
        assertThat(type.check().check(Map.of("url", "https://x.example", "token-url", "https://x.example/token",
                "client-id", "app", "client-secret", "s", "bearer-token", "t")).option()).isEqualTo("bearer-token");
        assertThat(type.check().check(Map.of("url", "https://x.example", "token-url", "https://x.example/token",
                "client-id", "app", "client-secret", "s"))).isNull();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }
}
