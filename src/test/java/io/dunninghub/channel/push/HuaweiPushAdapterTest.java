package io.dunninghub.channel.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.Messages;
import io.dunninghub.support.TestClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Huawei Push Kit against WireMock: the OAuth token URL and messages:send in Huawei's shapes and result codes. */
class HuaweiPushAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "/oauth2/v3/token";
    private static final String SEND = "/v1/103920611/messages:send";
    private static final String PUSH_TOKEN = "IQAAAACy0kYkAADsxg7LQ3MzqHbM-6uUEaTZTdWOU_x0mNuJ2kFcdnxIEbD9Y86ocpfc2V4J5UxKg";
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T02:00:00Z"));
    private WireMockServer huawei;

    @BeforeEach
    void start() {
        huawei = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        huawei.start();
    }

    @AfterEach
    void stop() {
        huawei.stop();
    }

    private HuaweiPushAdapter adapter() {
        Map<String, String> o = new HashMap<>(Map.of("app-id", "103920611", "app-secret", "a1b2c3+secret=",
                "category", "ACCOUNT", "token-url", huawei.baseUrl() + TOKEN, "base-url", huawei.baseUrl(), "timeout-ms", "10000"));
        return new HuaweiPushAdapter(Messages.settings("huawei-main", "push", "huawei-push", o), clock);
    }

    private void token(String scenarioState, String next, String accessToken) {
        huawei.stubFor(post(urlEqualTo(TOKEN)).inScenario("token").whenScenarioStateIs(scenarioState)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"" + accessToken + "\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}"))
                .willSetStateTo(next));
    }

    private void result(int status, String code, String msg) {
        huawei.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"" + code + "\", \"msg\": \"" + msg + "\", \"requestId\": \"157440955549500001002006\"}")));
    }

    private DeliveryResult push(HuaweiPushAdapter adapter, String noticeId) {
        return adapter.send(Messages.of(noticeId, "push", PUSH_TOKEN, "还款提醒", "您的借款已逾期，请尽快还款。", null));
    }

    @Test
    void aTokenFromHuaweisTokenUrlThenThePushInHuaweisShape() throws Exception {
        token(Scenario.STARTED, Scenario.STARTED, "CF3Xl2XV6jMK");
        result(200, "80000000", "Success");
        HuaweiPushAdapter huaweiPush = adapter();

        DeliveryResult r = push(huaweiPush, "N-2001");
        push(huaweiPush, "N-2002");

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("157440955549500001002006");
        huawei.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
        LoggedRequest t = huawei.findAll(postRequestedFor(urlEqualTo(TOKEN))).get(0);
        assertThat(form(t.getBodyAsString())).containsExactly(Map.entry("grant_type", "client_credentials"),
                Map.entry("client_id", "103920611"), Map.entry("client_secret", "a1b2c3+secret="));
        LoggedRequest send = huawei.findAll(postRequestedFor(urlEqualTo(SEND))).get(0);
        assertThat(send.getHeader("Authorization")).isEqualTo("Bearer CF3Xl2XV6jMK");
        assertThat(JSON.readTree(send.getBodyAsString())).isEqualTo(JSON.readTree("""
                {"validate_only": false,
                 "message": {"android": {"ttl": "86400s", "bi_tag": "N-2001",
                                         "notification": {"title": "还款提醒", "body": "您的借款已逾期，请尽快还款。",
                                                          "click_action": {"type": 3}, "importance": "NORMAL",
                                                          "category": "ACCOUNT"}},
                             "token": ["%s"]}}""".formatted(PUSH_TOKEN)));
    }

    @Test
    void anExpiredAccessTokenIsFetchedAgainAndThePushSentOnceMore() {
        token(Scenario.STARTED, "second", "expired-token");
        token("second", "second", "fresh-token");
        huawei.stubFor(post(urlEqualTo(SEND)).withHeader("Authorization", equalTo("Bearer expired-token"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": \"80200003\", \"msg\": \"OAuth token expired.\", \"requestId\": \"1\"}")));
        huawei.stubFor(post(urlEqualTo(SEND)).withHeader("Authorization", equalTo("Bearer fresh-token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": \"80000000\", \"msg\": \"Success\", \"requestId\": \"157440955549500001002007\"}")));

        DeliveryResult r = push(adapter(), "N-2003");

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("157440955549500001002007");
        huawei.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void huaweisResultCodesFromItsTable() {
        token(Scenario.STARTED, Scenario.STARTED, "tok");
        result(200, "80300007", "All the tokens are invalid");
        DeliveryResult gone = push(adapter(), "N-2004");
        assertThat(gone.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(gone.reasonCode()).isEqualTo("TOKEN_UNREGISTERED");

        result(400, "80100003", "Illegal payload, badge addNum value ranges from 1 to 99");
        DeliveryResult payload = push(adapter(), "N-2005");
        assertThat(payload.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(payload.reasonCode()).isEqualTo("HUAWEI_80100003");

        result(200, "81000001", "System inner error");
        DeliveryResult inner = push(adapter(), "N-2006");
        assertThat(inner.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(inner.reasonCode()).isEqualTo("HUAWEI_81000001");

        huawei.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(503)));
        DeliveryResult flow = push(adapter(), "N-2007");
        assertThat(flow.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(flow.reasonCode()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void aRefusedAppSecretFailsWithoutCallingPushKit() {
        huawei.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": 1101, \"sub_error\": 20001, \"error_description\": \"invalid client\"}")));
        DeliveryResult r = push(adapter(), "N-2008");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("AUTH_FAILED");
        huawei.verify(0, postRequestedFor(urlEqualTo(SEND)));
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
