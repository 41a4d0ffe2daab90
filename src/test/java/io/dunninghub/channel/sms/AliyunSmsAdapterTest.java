package io.dunninghub.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alibaba Cloud dysmsapi SendSms: the signed request and every class of answer. */
class AliyunSmsAdapterTest {

    private static final String KEY_ID = "LTAI5tTestKeyId0001";
    private static final String SECRET = "testAccessKeySecret0001";
    private static final String NONCE = "3156853299f313e23d1673dc12e1703d";
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final String TEXT = "张伟您好，您的借款已逾期3天，请尽快还款。回复TD退订";

    private WireMockServer aliyun;
    private AliyunSmsAdapter adapter;

    @BeforeEach
    void start() {
        aliyun = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aliyun.start();
        Map<String, String> o = new HashMap<>(Map.of("base-url", "http://127.0.0.1:" + aliyun.port(),
                "access-key-id", KEY_ID, "access-key-secret", SECRET, "sign-name", "示例银行",
                "template-code", "SMS_154950909", "template-code.overdue_early", "SMS_100000001",
                "template-param", "{\"name\":\"${borrower.name}\",\"days\":\"${installment.dpd}\"}",
                "timeout-ms", "10000"));
        adapter = new AliyunSmsAdapter(Messages.settings("aliyun-main", "sms", "aliyun-sms", o),
                Clock.fixed(NOW, ZoneOffset.UTC), () -> NONCE);
    }

    @AfterEach
    void stop() {
        adapter.close();
        aliyun.stop();
    }

    private void answer(int status, String body) {
        aliyun.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf-8").withBody(body)));
    }

    private static String error(String code, String message) {
        return "{\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\",\"Message\":\"" + message + "\",\"Code\":\"" + code + "\"}";
    }

    @Test
    void sendsASignedSendSmsWithTheNationalNumberAndRecordsBizIdAndSegments() throws Exception {
        answer(200, "{\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\",\"Code\":\"OK\"}");

        DeliveryResult r = adapter.send(Messages.of("N-1001", "sms", "+86 138 0013 8000", null, TEXT, null));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("900619746936498440^0");
        assertThat(r.provider()).isEqualTo("aliyun-main");
        // 【示例银行】 (6) + 27 characters of text = 33: one segment
        assertThat(r.segments()).isEqualTo(1);

        LoggedRequest req = aliyun.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(req.getMethod().getName()).isEqualTo("POST");
        assertThat(req.queryParameter("PhoneNumbers").firstValue()).isEqualTo("13800138000");
        assertThat(req.queryParameter("SignName").firstValue()).isEqualTo("示例银行");
        assertThat(req.queryParameter("TemplateCode").firstValue()).isEqualTo("SMS_154950909");
        assertThat(req.queryParameter("OutId").firstValue()).isEqualTo("N-1001");
        assertThat(new ObjectMapper().readTree(req.queryParameter("TemplateParam").firstValue()))
                .isEqualTo(new ObjectMapper().readTree("{\"name\":\"Wang Xiaoming\",\"days\":\"35\"}"));
        assertThat(req.getHeader("x-acs-action")).isEqualTo("SendSms");
        assertThat(req.getHeader("x-acs-version")).isEqualTo("2017-05-25");
        assertThat(req.getHeader("x-acs-date")).isEqualTo("2026-11-23T02:00:00Z");
        assertThat(req.getHeader("x-acs-signature-nonce")).isEqualTo(NONCE);
        assertThat(req.getHeader("x-acs-content-sha256"))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(req.getHeader("Authorization")).isEqualTo(expectedAuthorization(req.getHeader("Host"), Map.of(
                "PhoneNumbers", "13800138000", "SignName", "示例银行", "TemplateCode", "SMS_154950909",
                "OutId", "N-1001", "TemplateParam", "{\"name\":\"Wang Xiaoming\",\"days\":\"35\"}")));
    }

    /**
     * ACS3-HMAC-SHA256 written out from Alibaba's V3 signature steps: canonical request (method, path, sorted
     * RFC 3986 query, lower-case headers, signed header list, payload hash), then HMAC-SHA256 of
     * "ACS3-HMAC-SHA256\n" + hex(sha256(canonical request)).
     */
    private static String expectedAuthorization(String host, Map<String, String> params) throws Exception {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            query.append(query.isEmpty() ? "" : "&").append(rfc3986(e.getKey())).append('=').append(rfc3986(e.getValue()));
        }
        String emptyHash = hex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        String canonical = "POST\n/\n" + query + "\n"
                + "host:" + host + "\n"
                + "x-acs-action:SendSms\n"
                + "x-acs-content-sha256:" + emptyHash + "\n"
                + "x-acs-date:2026-11-23T02:00:00Z\n"
                + "x-acs-signature-nonce:" + NONCE + "\n"
                + "x-acs-version:2017-05-25\n"
                + "\n"
                + "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
                + emptyHash;
        String toSign = "ACS3-HMAC-SHA256\n" + hex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "ACS3-HMAC-SHA256 Credential=" + KEY_ID
                + ",SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature="
                + hex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    }

    /** Percent-encodes every byte but A-Z a-z 0-9 - _ . ~ (RFC 3986 unreserved). */
    private static String rfc3986(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void internationalNumbersGoWithoutPlusAndTheStepsTemplateCodeWins() {
        answer(200, "{\"RequestId\":\"R1\",\"Message\":\"OK\",\"BizId\":\"B1\",\"Code\":\"OK\"}");
        var m = Messages.of("N-1002", "sms", "+852 9123 4567", null, TEXT, null);
        io.dunninghub.render.TemplateModel sample = io.dunninghub.render.TemplateModel.sample();
        io.dunninghub.render.TemplateModel.Installment i = sample.installment();
        io.dunninghub.render.TemplateModel model = sample.toBuilder()
                .borrower(new io.dunninghub.render.TemplateModel.Borrower("陳", null, null, java.util.Map.of()))
                .installment(new io.dunninghub.render.TemplateModel.Installment(i.id(), i.loanId(), i.loanIdMasked(),
                        i.number(), i.dueDate(), 2, i.amountDue(), i.principal(), i.interest(), i.fees(), i.penalty(), i.currency(), i.extra()))
                .build();
        m = new io.dunninghub.channel.OutboundMessage(m.noticeId(), m.dedupeKey(), m.channel(), m.recipient(), m.recipientName(),
                m.locale(), null, m.text(), null, null, m.step(), "overdue_early", m.borrowerId(), m.installmentId(), model);
        assertThat(adapter.send(m).outcome()).isEqualTo(Outcome.SENT);
        LoggedRequest req = aliyun.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(req.queryParameter("PhoneNumbers").firstValue()).isEqualTo("85291234567");
        assertThat(req.queryParameter("TemplateCode").firstValue()).isEqualTo("SMS_100000001");
    }

    @Test
    void anInvalidNumberFailsWithoutCallingAlibaba() {
        DeliveryResult r = adapter.send(Messages.of("N-1003", "sms", "+86 123", null, TEXT, null));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("INVALID_RECIPIENT");
        assertThat(aliyun.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRefusedNumberIsPermanentEvenOnHttp200() {
        answer(200, error("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"));
        DeliveryResult r = adapter.send(Messages.of("N-1004", "sms", "+8613800138000", null, TEXT, null));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("ALIYUN_isv.MOBILE_NUMBER_ILLEGAL");
    }

    @Test
    void flowControlWaitsForItsWindowAndSystemErrorsRetry() {
        answer(200, error("isv.BUSINESS_LIMIT_CONTROL", "触发小时级流控Permits:5"));
        DeliveryResult hour = adapter.send(Messages.of("N-1005", "sms", "+8613800138000", null, TEXT, null));
        assertThat(hour.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(hour.reasonCode()).isEqualTo("ALIYUN_isv.BUSINESS_LIMIT_CONTROL");
        assertThat(hour.retryAfter()).isEqualTo(Duration.ofHours(1));

        answer(200, error("isp.SYSTEM_ERROR", "isp.SYSTEM_ERROR"));
        DeliveryResult system = adapter.send(Messages.of("N-1006", "sms", "+8613800138000", null, TEXT, null));
        assertThat(system.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(system.reasonCode()).isEqualTo("ALIYUN_isp.SYSTEM_ERROR");
    }

    @Test
    void throttlingAnd5xxAreTransientAndABadSignatureIsNot() {
        answer(429, error("Throttling.User", "Request was denied due to user flow control."));
        DeliveryResult throttled = adapter.send(Messages.of("N-1007", "sms", "+8613800138000", null, TEXT, null));
        assertThat(throttled.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(throttled.reasonCode()).isEqualTo("RATE_LIMITED");

        answer(503, "<html>Service Unavailable</html>");
        assertThat(adapter.send(Messages.of("N-1008", "sms", "+8613800138000", null, TEXT, null)).reasonCode()).isEqualTo("HTTP_503");

        answer(400, error("SignatureDoesNotMatch", "Specified signature is not matched with our calculation."));
        DeliveryResult bad = adapter.send(Messages.of("N-1009", "sms", "+8613800138000", null, TEXT, null));
        assertThat(bad.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(bad.reasonCode()).isEqualTo("ALIYUN_SignatureDoesNotMatch");
        assertThat(List.of(throttled.detail(), bad.detail())).noneMatch(d -> d.contains("13800138000"));
    }
}
