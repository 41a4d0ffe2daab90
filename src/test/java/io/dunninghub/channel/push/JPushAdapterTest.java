package io.dunninghub.channel.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.Messages;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JPush REST v3 push to one registration id. */
class JPushAdapterTest {

    private WireMockServer jpush;
    private JPushAdapter adapter;

    @BeforeEach
    void start() {
        jpush = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        jpush.start();
        adapter = new JPushAdapter(Messages.settings("jpush-main", "push", "jpush", Map.of("base-url", jpush.baseUrl(),
                "app-key", "7d431e42dfa6a6d693ac2d04", "master-secret", "5e987ac6d2e04d95a9d8f0d1", "timeout-ms", "10000")));
    }

    @AfterEach
    void stop() {
        adapter.close();
        jpush.stop();
    }

    private void answer(ResponseDefinitionBuilder r) {
        jpush.stubFor(post(urlEqualTo("/v3/push")).willReturn(r.withHeader("Content-Type", "application/json")));
    }

    private static String error(int code, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"},\"msg_id\":\"0\"}";
    }

    private DeliveryResult send(String id) {
        return adapter.send(Messages.of(id, "push", "1a0018970a5c6f4b2d3", "还款提醒", "您的借款已逾期，请尽快还款", null));
    }

    @Test
    void pushesToTheRegistrationIdWithBasicAuthAndKeepsMsgId() throws Exception {
        answer(aResponse().withStatus(200).withBody("{\"sendno\":\"0\",\"msg_id\":\"54043195528425021\"}"));
        DeliveryResult r = send("N-5001");
        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("54043195528425021");
        LoggedRequest req = jpush.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(req.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("7d431e42dfa6a6d693ac2d04:5e987ac6d2e04d95a9d8f0d1".getBytes()));
        JsonNode body = new ObjectMapper().readTree(req.getBodyAsString());
        assertThat(body.get("platform").asText()).isEqualTo("all");
        assertThat(body.at("/audience/registration_id/0").asText()).isEqualTo("1a0018970a5c6f4b2d3");
        assertThat(body.at("/notification/android/title").asText()).isEqualTo("还款提醒");
        assertThat(body.at("/notification/android/alert").asText()).isEqualTo("您的借款已逾期，请尽快还款");
        assertThat(body.at("/notification/android/extras/noticeId").asText()).isEqualTo("N-5001");
        assertThat(body.at("/notification/ios/alert/body").asText()).isEqualTo("您的借款已逾期，请尽快还款");
        assertThat(body.at("/options/apns_production").asBoolean()).isTrue();
    }

    @Test
    void noDeviceForTheRegistrationIdMarksTheTokenDead() {
        answer(aResponse().withStatus(400).withBody(error(1011, "cannot find user by this audience or has been inactive for more than 255 days")));
        DeliveryResult r = send("N-5002");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("TOKEN_UNREGISTERED");
    }

    /**
     * 1003, "参数值不合法" (a parameter value is invalid): every field but the registration id is one the adapter writes
     * itself, so the id is what JPush refuses, and the token is marked dead like one that matches no device.
     */
    @Test
    void anInvalidRegistrationIdMarksTheTokenDead() {
        answer(aResponse().withStatus(400).withBody(error(1003, "audience value is invalid")));
        DeliveryResult r = send("N-5006");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("TOKEN_INVALID");
        assertThat(io.dunninghub.contact.ContactFeedback.forReason("push", r.reasonCode()))
                .isEqualTo(io.dunninghub.contact.ContactFeedback.Reason.TOKEN_UNREGISTERED);
    }

    @Test
    void badCredentialsArePermanent() {
        answer(aResponse().withStatus(401).withBody(error(1004, "Authen failed")));
        DeliveryResult r = send("N-5003");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("JPUSH_1004");
    }

    @Test
    void rateLimitWaitsForTheResetAndServerErrorsRetry() {
        answer(aResponse().withStatus(429).withHeader("X-Rate-Limit-Limit", "600").withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", "42").withBody(error(2002, "Rate limit exceeded")));
        DeliveryResult limited = send("N-5004");
        assertThat(limited.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(limited.reasonCode()).isEqualTo("RATE_LIMITED");
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(42));

        answer(aResponse().withStatus(503).withBody(error(1000, "Server internal error")));
        DeliveryResult down = send("N-5005");
        assertThat(down.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(down.reasonCode()).isEqualTo("HTTP_503");
    }
}
