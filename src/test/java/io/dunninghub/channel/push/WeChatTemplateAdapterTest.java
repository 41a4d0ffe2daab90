package io.dunninghub.channel.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.Messages;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WeChat official account template messages against WireMock in WeChat's shapes: the stable access token fetched,
 * cached, refreshed before it expires and fetched again after 40001 / 42001, and the errcodes of WeChat's table.
 */
class WeChatTemplateAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENID = "oDF3iY9ffA-hqb2vVvbr7qxf6A0Q";
    private static final String SEND = "/cgi-bin/message/template/send";
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T02:00:00Z"));
    private WireMockServer wechat;

    @BeforeEach
    void start() {
        wechat = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wechat.start();
    }

    @AfterEach
    void stop() {
        wechat.stop();
    }

    private WeChatTemplateAdapter adapter() {
        Map<String, String> o = new HashMap<>(Map.of("app-id", "wx3c8a7d1b2e4f5a6b", "app-secret", "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "template-id", "Tmpl-default", "template-id.overdue_formal", "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY",
                "data", "{\"thing1\": {\"value\": \"${name}\"}, \"amount2\": {\"value\": \"${installment.amountDue}\"}, "
                        + "\"time3\": {\"value\": \"${installment.dueDate}\"}}",
                "url", "https://m.lender.example/repay", "base-url", wechat.baseUrl(), "timeout-ms", "10000"));
        return new WeChatTemplateAdapter(Messages.settings("wechat-main", "push", "wechat-template", o), clock);
    }

    private void token(String state, String next, String accessToken) {
        wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("token").whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"" + accessToken + "\", \"expires_in\": 7200}"))
                .willSetStateTo(next));
    }

    private void answer(String json) {
        wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    private static OutboundMessage notice(String id) {
        return Messages.of(id, "push", OPENID, "还款提醒", "您的借款已逾期", null);
    }

    @Test
    void theTemplateOfTheHubTemplateGoesToTheOpenIdWithTheStableAccessToken() throws Exception {
        token(Scenario.STARTED, Scenario.STARTED, "ACCESS_TOKEN_1");
        answer("{\"errcode\": 0, \"errmsg\": \"ok\", \"msgid\": 200228332}");
        WeChatTemplateAdapter wx = adapter();

        DeliveryResult r = wx.send(notice("N-1001"));
        wx.send(notice("N-1002"));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("200228332");
        wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
        assertThat(JSON.readTree(wechat.findAll(postRequestedFor(urlEqualTo("/cgi-bin/stable_token"))).get(0).getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"grant_type\": \"client_credential\", \"appid\": \"wx3c8a7d1b2e4f5a6b\", "
                        + "\"secret\": \"0f1e2d3c4b5a69788796a5b4c3d2e1f0\", \"force_refresh\": false}"));
        LoggedRequest send = wechat.findAll(postRequestedFor(urlPathEqualTo(SEND))).get(0);
        assertThat(send.getUrl()).isEqualTo(SEND + "?access_token=ACCESS_TOKEN_1");
        var body = JSON.readTree(send.getBodyAsString());
        assertThat(body.path("touser").asText()).isEqualTo(OPENID);
        assertThat(body.path("template_id").asText()).as("overdue_formal's own").isEqualTo("ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY");
        assertThat(body.path("url").asText()).isEqualTo("https://m.lender.example/repay");
        assertThat(body.path("client_msg_id").asText()).isEqualTo("N-1001");
        assertThat(body.at("/data/thing1/value").asText()).isEqualTo("张伟");
        assertThat(body.at("/data/amount2/value").isNumber()).isTrue();
        assertThat(body.at("/data/time3/value").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(body.has("text")).as("templates only: never the rendered text").isFalse();
    }

    @Test
    void anInvalidOrExpiredAccessTokenIsFetchedAgainAndTheMessageSentOnceMore() {
        token(Scenario.STARTED, "refreshed", "OLD");
        token("refreshed", "refreshed", "NEW");
        wechat.stubFor(post(urlPathEqualTo(SEND)).withQueryParam("access_token", equalTo("OLD"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"errcode\": 42001, \"errmsg\": \"access_token expired rid: 6566b5e1-1a2b3c4d-5e6f7a8b\"}")));
        wechat.stubFor(post(urlPathEqualTo(SEND)).withQueryParam("access_token", equalTo("NEW"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"errcode\": 0, \"errmsg\": \"ok\", \"msgid\": 200228333}")));

        DeliveryResult r = adapter().send(notice("N-1003"));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("200228333");
        wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
    }

    @Test
    void theTokenIsFetchedAgainBeforeItExpires() {
        token(Scenario.STARTED, Scenario.STARTED, "T");
        answer("{\"errcode\": 0, \"errmsg\": \"ok\", \"msgid\": 1}");
        WeChatTemplateAdapter wx = adapter();
        wx.send(notice("N-1004"));
        clock.advance(Duration.ofSeconds(7200 - 299));
        wx.send(notice("N-1005"));
        wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
    }

    @Test
    void errcodesFromWeChatsTable() {
        token(Scenario.STARTED, Scenario.STARTED, "T");
        answer("{\"errcode\": 43004, \"errmsg\": \"require subscribe rid: 1\"}");
        DeliveryResult unfollowed = adapter().send(notice("N-1006"));
        assertThat(unfollowed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(unfollowed.reasonCode()).isEqualTo("WECHAT_43004");

        answer("{\"errcode\": 40003, \"errmsg\": \"invalid openid rid: 2\"}");
        assertThat(adapter().send(notice("N-1007")).reasonCode()).isEqualTo("WECHAT_40003");

        answer("{\"errcode\": 40037, \"errmsg\": \"invalid template_id rid: 3\"}");
        assertThat(adapter().send(notice("N-1008")).outcome()).isEqualTo(Outcome.FAILED);

        answer("{\"errcode\": 45009, \"errmsg\": \"reach max api daily quota limit rid: 4\"}");
        DeliveryResult quota = adapter().send(notice("N-1009"));
        assertThat(quota.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(quota.reasonCode()).isEqualTo("RATE_LIMITED");

        answer("{\"errcode\": -1, \"errmsg\": \"system error\"}");
        DeliveryResult busy = adapter().send(notice("N-1010"));
        assertThat(busy.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(busy.reasonCode()).isEqualTo("WECHAT_-1");
    }

    @Test
    void aRefusedAccountFailsWithoutSendingAndAnOpenIdIsCheckedFirst() {
        wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errcode\": 40125, \"errmsg\": \"invalid appsecret rid: 5\"}")));
        DeliveryResult refused = adapter().send(notice("N-1011"));
        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.reasonCode()).isEqualTo("AUTH_FAILED");

        DeliveryResult notOpenId = adapter().send(Messages.of("N-1012", "push", "+86 138 0013 8000", "t", "b", null));
        assertThat(notOpenId.reasonCode()).isEqualTo("INVALID_RECIPIENT");
        wechat.verify(0, postRequestedFor(urlPathEqualTo(SEND)));
    }
}
