package io.dunninghub.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tencent Cloud SMS SendSms 2021-01-11: the TC3-signed request and per-number answers. */
class TencentSmsAdapterTest {

    private static final String SECRET_ID = "AKIDtestSecretId000000000000000000";
    private static final String SECRET_KEY = "testSecretKey00000000000000000000";
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final String TEXT = "张伟您好，您的借款已逾期35天，请尽快还款。回复TD退订";

    private WireMockServer tencent;
    private TencentSmsAdapter adapter;

    @BeforeEach
    void start() {
        tencent = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        tencent.start();
        Map<String, String> o = new HashMap<>(Map.of("base-url", "http://127.0.0.1:" + tencent.port(),
                "host", "sms.tencentcloudapi.com", "secret-id", SECRET_ID, "secret-key", SECRET_KEY,
                "sdk-app-id", "1400006666", "sign-name", "示例银行", "template-id", "449739",
                "template-params", "[\"${borrower.name}\", \"${installment.dpd}\"]", "timeout-ms", "10000"));
        adapter = new TencentSmsAdapter(Messages.settings("tencent-main", "sms", "tencent-sms", o), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        adapter.close();
        tencent.stop();
    }

    private void answer(int status, String body) {
        tencent.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String status(String code, String message) {
        return """
                {"Response":{"SendStatusSet":[{"SerialNo":"%s","PhoneNumber":"+8613800138000","Fee":%d,
                 "SessionContext":"N-2001","Code":"%s","Message":"%s","IsoCode":"CN"}],
                 "RequestId":"a0aabda6-cf91-4f3e-a81f-9198114a2279"}}""".formatted(
                code.equals("Ok") ? "5000:1045710669157053657849499619" : "", code.equals("Ok") ? 2 : 0, code, message);
    }

    private static String error(String code, String message) {
        return "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"},"
                + "\"RequestId\":\"b2fa1d24-3f0e-4c66-9d47-6f3b6e0a1b2c\"}}";
    }

    @Test
    void sendsATc3SignedRequestAndTakesSerialNoAndFee() throws Exception {
        answer(200, status("Ok", "send success"));

        DeliveryResult r = adapter.send(Messages.of("N-2001", "sms", "138 0013 8000", null, TEXT, null));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("5000:1045710669157053657849499619");
        assertThat(r.segments()).isEqualTo(2); // Tencent's Fee
        LoggedRequest req = tencent.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(req.getHeader("X-TC-Action")).isEqualTo("SendSms");
        assertThat(req.getHeader("X-TC-Version")).isEqualTo("2021-01-11");
        assertThat(req.getHeader("X-TC-Region")).isEqualTo("ap-guangzhou");
        assertThat(req.getHeader("X-TC-Timestamp")).isEqualTo("1795399200");
        assertThat(req.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
        JsonNode body = new ObjectMapper().readTree(req.getBodyAsString());
        assertThat(body.get("PhoneNumberSet").get(0).asText()).isEqualTo("+8613800138000");
        assertThat(body.get("SmsSdkAppId").asText()).isEqualTo("1400006666");
        assertThat(body.get("SignName").asText()).isEqualTo("示例银行");
        assertThat(body.get("TemplateId").asText()).isEqualTo("449739");
        assertThat(body.get("TemplateParamSet").toString()).isEqualTo("[\"Wang Xiaoming\",\"35\"]");
        assertThat(body.get("SessionContext").asText()).isEqualTo("N-2001");
        assertThat(req.getHeader("Authorization")).isEqualTo(expectedAuthorization(req.getBodyAsString()));
    }

    /** TC3-HMAC-SHA256 from Tencent's signature v3 steps, written out independently of the adapter. */
    private static String expectedAuthorization(String payload) throws Exception {
        String canonical = "POST\n/\n\n"
                + "content-type:application/json; charset=utf-8\n"
                + "host:sms.tencentcloudapi.com\n\n"
                + "content-type;host\n"
                + sha256(payload);
        String toSign = "TC3-HMAC-SHA256\n1795399200\n2026-11-23/sms/tc3_request\n" + sha256(canonical);
        byte[] date = hmac(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), "2026-11-23");
        byte[] service = hmac(date, "sms");
        byte[] signing = hmac(service, "tc3_request");
        return "TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/2026-11-23/sms/tc3_request, SignedHeaders=content-type;host, Signature="
                + HexFormat.of().formatHex(hmac(signing, toSign));
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBlacklistedNumberIsPermanentAndItsNumberIsNotInTheDetail() {
        answer(200, status("FailedOperation.PhoneNumberInBlacklist", "phone number +8613800138000 in blacklist"));
        DeliveryResult r = adapter.send(Messages.of("N-2002", "sms", "+8613800138000", null, TEXT, null));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("TENCENT_FailedOperation.PhoneNumberInBlacklist");
        assertThat(r.detail()).doesNotContain("13800138000");
    }

    @Test
    void aRequestLevelAuthErrorIsPermanent() {
        answer(200, error("AuthFailure.SignatureFailure", "The provided credentials could not be validated."));
        DeliveryResult r = adapter.send(Messages.of("N-2003", "sms", "+8613800138000", null, TEXT, null));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("TENCENT_AuthFailure.SignatureFailure");
    }

    @Test
    void limitsWaitForTheirWindowAndInternalErrorsRetry() {
        answer(200, status("LimitExceeded.PhoneNumberThirtySecondLimit", "the number of sms messages sent from a single mobile number within 30 seconds exceeds the upper limit"));
        DeliveryResult limited = adapter.send(Messages.of("N-2004", "sms", "+8613800138000", null, TEXT, null));
        assertThat(limited.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));

        answer(200, error("InternalError.Timeout", "request to send SMS timed out"));
        DeliveryResult timeout = adapter.send(Messages.of("N-2005", "sms", "+8613800138000", null, TEXT, null));
        assertThat(timeout.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(timeout.reasonCode()).isEqualTo("TENCENT_InternalError.Timeout");
    }

    /**
     * The app's daily caps (tencentcloud-sdk-go sms/v20210111 errors.go: AppDailyLimit, AppCountryOrRegionDailyLimit,
     * AppGlobalDailyLimit, AppMainlandChinaDailyLimit, "日下发条数超过设定的上限") open again the next day.
     */
    @Test
    void everyDailyCapOfTheAppWaitsADay() {
        for (String code : java.util.List.of("LimitExceeded.AppDailyLimit", "LimitExceeded.AppCountryOrRegionDailyLimit",
                "LimitExceeded.AppGlobalDailyLimit", "LimitExceeded.AppMainlandChinaDailyLimit")) {
            answer(200, status(code, "the number of sms messages sent per day exceeds the upper limit"));
            DeliveryResult perNumber = adapter.send(Messages.of("N-2006", "sms", "+8613800138000", null, TEXT, null));
            assertThat(perNumber.outcome()).as(code).isEqualTo(Outcome.RETRY);
            assertThat(perNumber.reasonCode()).isEqualTo("TENCENT_" + code);
            assertThat(perNumber.retryAfter()).as(code).isEqualTo(Duration.ofHours(24));
            answer(200, error(code, "the number of sms messages sent per day exceeds the upper limit"));
            DeliveryResult request = adapter.send(Messages.of("N-2007", "sms", "+8613800138000", null, TEXT, null));
            assertThat(request.outcome()).as(code).isEqualTo(Outcome.RETRY);
            assertThat(request.retryAfter()).as(code).isEqualTo(Duration.ofHours(24));
        }
    }

    /** Marketing SMS only 08:00-22:00 (errors.go: "营销短信只允许在8点到22点发送"): wait for 08:00 in China. */
    @Test
    void theMarketingSendTimeConstraintWaitsForEightInTheMorningInChina() {
        Map<String, String> o = new HashMap<>(Map.of("base-url", "http://127.0.0.1:" + tencent.port(),
                "host", "sms.tencentcloudapi.com", "secret-id", SECRET_ID, "secret-key", SECRET_KEY,
                "sdk-app-id", "1400006666", "sign-name", "示例银行", "template-id", "449739"));
        // 23:30 in Beijing
        TencentSmsAdapter late = new TencentSmsAdapter(Messages.settings("tencent-main", "sms", "tencent-sms", o),
                Clock.fixed(Instant.parse("2026-11-23T15:30:00Z"), ZoneOffset.UTC));
        try {
            answer(200, status("FailedOperation.MarketingSendTimeConstraint", "marketing sms send time constraint"));
            DeliveryResult r = late.send(Messages.of("N-2008", "sms", "+8613800138000", null, TEXT, null));
            assertThat(r.outcome()).isEqualTo(Outcome.RETRY);
            assertThat(r.reasonCode()).isEqualTo("TENCENT_FailedOperation.MarketingSendTimeConstraint");
            assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(8 * 60 + 30));
        } finally {
            late.close();
        }
    }

    @Test
    void requestLimitAndHttp429AreRateLimitsAnd5xxRetries() {
        answer(200, error("RequestLimitExceeded", "Your current request times equals to `3000` in a second"));
        assertThat(adapter.send(Messages.of("N-2006", "sms", "+8613800138000", null, TEXT, null)).reasonCode()).isEqualTo("RATE_LIMITED");

        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
        DeliveryResult r429 = adapter.send(Messages.of("N-2007", "sms", "+8613800138000", null, TEXT, null));
        assertThat(r429.reasonCode()).isEqualTo("RATE_LIMITED");
        assertThat(r429.retryAfter()).isEqualTo(Duration.ofSeconds(2));

        answer(502, "<html>Bad Gateway</html>");
        assertThat(adapter.send(Messages.of("N-2008", "sms", "+8613800138000", null, TEXT, null)).outcome()).isEqualTo(Outcome.RETRY);
    }

    @Test
    void anInvalidNumberFailsWithoutCallingTencent() {
        DeliveryResult r = adapter.send(Messages.of("N-2009", "sms", "not a number", null, TEXT, null));
        assertThat(r.reasonCode()).isEqualTo("INVALID_RECIPIENT");
        assertThat(tencent.getAllServeEvents()).isEmpty();
    }
}
