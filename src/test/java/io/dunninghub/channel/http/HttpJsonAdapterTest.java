package io.dunninghub.channel.http;

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
import io.dunninghub.channel.OutboundMessage;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic JSON-over-HTTP providers: SMS gateway, in-app inbox, dialer, agency intake, print vendor. */
class HttpJsonAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private WireMockServer vendor;

    @BeforeEach
    void start() {
        vendor = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        vendor.start();
    }

    @AfterEach
    void stop() {
        vendor.stop();
    }

    private HttpJsonAdapter adapter(String kind, String channel, Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(Map.of("url", "http://127.0.0.1:" + vendor.port() + "/api/send", "timeout-ms", "10000"));
        o.putAll(extra);
        return (HttpJsonAdapter) io.dunninghub.channel.AdapterCatalog.find(kind).orElseThrow().factory()
                .create(Messages.settings(kind + "-test", channel, kind, o), null);
    }

    private void answer(int status, String body) {
        vendor.stubFor(post(urlPathEqualTo("/api/send")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "7").withBody(body)));
    }

    private LoggedRequest request() {
        return vendor.findAll(anyRequestedFor(anyUrl())).get(0);
    }

    @Test
    void smsGatewayGetsTheConfiguredBodyWithTheNumberInE164AndBearerAuth() throws Exception {
        answer(200, "{\"code\":0,\"data\":{\"messageId\":\"msg-88\"}}");
        HttpJsonAdapter sms = adapter("http-sms", "sms", Map.of(
                "bearer-token", "s3cret", "default-region", "CN", "signature", "【示例银行】",
                "body", "{\"mobile\":\"${to}\",\"content\":\"${text}\",\"bizId\":\"${noticeId}\",\"dpd\":\"${installment.dpd}\"}",
                "success-pointer", "/code", "success-value", "0", "id-pointer", "/data/messageId"));

        DeliveryResult r = sms.send(Messages.of("N-3001", "sms", "138 0013 8000", null, "您的借款已逾期，\"请\"尽快还款。回复TD退订", null));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("msg-88");
        assertThat(r.segments()).isEqualTo(1);
        LoggedRequest req = request();
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(req.getHeader("Idempotency-Key")).isEqualTo("N-3001");
        assertThat(JSON.readTree(req.getBodyAsString())).isEqualTo(JSON.readTree(
                "{\"mobile\":\"+8613800138000\",\"content\":\"您的借款已逾期，\\\"请\\\"尽快还款。回复TD退订\",\"bizId\":\"N-3001\",\"dpd\":35}"));
    }

    @Test
    void aBodyCodeOtherThanSuccessIsPermanentUnlessListedAsTransient() {
        HttpJsonAdapter sms = adapter("http-sms", "sms", Map.of("default-region", "CN", "success-pointer", "/code",
                "success-value", "0", "transient-codes", "1001, 1002"));
        answer(200, "{\"code\":2003,\"msg\":\"mobile +8613800138000 is blacklisted\"}");
        DeliveryResult permanent = sms.send(Messages.of("N-3002", "sms", "+8613800138000", null, "x", null));
        assertThat(permanent.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(permanent.reasonCode()).isEqualTo("REJECTED_2003");

        answer(200, "{\"code\":1002,\"msg\":\"busy\"}");
        DeliveryResult busy = sms.send(Messages.of("N-3003", "sms", "+8613800138000", null, "x", null));
        assertThat(busy.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(busy.reasonCode()).isEqualTo("REJECTED_1002");
    }

    @Test
    void rateLimitsAnd5xxRetryAndOther4xxFail() {
        HttpJsonAdapter sms = adapter("http-sms", "sms", Map.of("default-region", "CN"));
        answer(429, "{\"error\":\"too many requests\"}");
        DeliveryResult limited = sms.send(Messages.of("N-3004", "sms", "+8613800138000", null, "x", null));
        assertThat(limited.reasonCode()).isEqualTo("RATE_LIMITED");
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));

        answer(503, "{\"error\":\"maintenance\"}");
        assertThat(sms.send(Messages.of("N-3005", "sms", "+8613800138000", null, "x", null)).reasonCode()).isEqualTo("HTTP_503");

        answer(400, "{\"error\":\"bad request\"}");
        DeliveryResult bad = sms.send(Messages.of("N-3006", "sms", "+8613800138000", null, "x", null));
        assertThat(bad.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(bad.reasonCode()).isEqualTo("HTTP_400");
    }

    @Test
    void anInvalidNumberNeverReachesTheGatewayAndAMissingVariableFailsTheNotice() {
        HttpJsonAdapter sms = adapter("http-sms", "sms", Map.of("default-region", "CN"));
        assertThat(sms.send(Messages.of("N-3007", "sms", "+86 123", null, "x", null)).reasonCode()).isEqualTo("INVALID_RECIPIENT");
        assertThat(vendor.getAllServeEvents()).isEmpty();

        HttpJsonAdapter typo = adapter("http-sms", "sms", Map.of("default-region", "CN", "body", "{\"x\":\"${installment.penalty}\"}"));
        DeliveryResult r = typo.send(Messages.of("N-3008", "sms", "+8613800138000", null, "x", null));
        assertThat(r.reasonCode()).isEqualTo("REQUEST_TEMPLATE_ERROR");
        assertThat(r.detail()).contains("installment.penalty");
    }

    @Test
    void inboxPostsToTheLendersMessageCentreWithBasicAuthAndACustomHeader() throws Exception {
        answer(201, "{\"id\":\"inbox-7781\"}");
        HttpJsonAdapter inbox = adapter("inbox", "push", Map.of("username", "hub", "password", "pw", "header.X-App", "demo"));
        DeliveryResult r = inbox.send(Messages.of("N-3101", "push", "fcm-token-1", "还款提醒", "您的借款已逾期", null));
        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("inbox-7781");
        assertThat(r.segments()).isNull();
        LoggedRequest req = request();
        assertThat(req.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString("hub:pw".getBytes()));
        assertThat(req.getHeader("X-App")).isEqualTo("demo");
        JsonNode body = JSON.readTree(req.getBodyAsString());
        assertThat(body.get("userId").asText()).isEqualTo("B00042");
        assertThat(body.get("title").asText()).isEqualTo("还款提醒");
        assertThat(body.get("reference").asText()).isEqualTo("N-3101");
    }

    @Test
    void dialerGetsACallTaskForAnyValidNumberIncludingALandline() throws Exception {
        answer(202, "");
        HttpJsonAdapter dialer = adapter("dialer", "call", Map.of("default-region", "CN", "idempotency-header", "X-Request-Id"));
        DeliveryResult r = dialer.send(Messages.of("N-3201", "call", "021 6288 8888", null, "请核实还款计划", null));
        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("N-3201"); // no id in the answer: our key is the id
        LoggedRequest req = request();
        assertThat(req.getHeader("X-Request-Id")).isEqualTo("N-3201");
        JsonNode body = JSON.readTree(req.getBodyAsString());
        assertThat(body.get("phone").asText()).isEqualTo("+862162888888");
        assertThat(body.get("script").asText()).isEqualTo("请核实还款计划");
        assertThat(body.get("amountDue").decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(body.get("loan").asText()).isEqualTo("****1234");
    }

    @Test
    void aDialerTaskCarriesTheTimeZoneTheCallWindowAndItsExpiry() throws Exception {
        answer(202, "");
        HttpJsonAdapter dialer = adapter("dialer", "call", Map.of("default-region", "CN"));
        io.dunninghub.policy.CallWindow window = new io.dunninghub.policy.CallWindow("Asia/Shanghai",
                io.dunninghub.policy.ContactWindow.parse("08:00-20:00"), null, java.time.Instant.parse("2026-11-23T12:00:00Z"));
        OutboundMessage m = Messages.of("N-3202", "call", "+8613800138000", null, "请核实还款计划", null);
        OutboundMessage task = new OutboundMessage(m.noticeId(), m.dedupeKey(), m.channel(), m.recipient(), m.recipientName(),
                m.locale(), m.subject(), m.text(), m.html(), m.pdf(), m.step(), m.template(), m.borrowerId(),
                m.installmentId(), m.model(), new io.dunninghub.channel.Reach("+8613800138000", null, null, window));
        assertThat(dialer.send(task).outcome()).isEqualTo(Outcome.SENT);
        JsonNode body = JSON.readTree(request().getBodyAsString());
        assertThat(body.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(body.at("/callWindow/from").asText()).isEqualTo("08:00");
        assertThat(body.at("/callWindow/until").asText()).isEqualTo("20:00");
        assertThat(body.get("notAfter").asText()).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(body.toString()).doesNotContain("Zhangyang Road"); // the sample's postal address
    }

    @Test
    void agencyIntakeGetsTheCaseWithItsAmountsBrokenDown() throws Exception {
        answer(200, "{\"caseRef\":\"AG-2026-5521\"}");
        HttpJsonAdapter agency = adapter("agency-http", "agency", Map.of("id-pointer", "/caseRef"));
        DeliveryResult r = agency.send(Messages.of("N-3301", "agency", "+8613800138000", null, "逾期35天，转交委外催收", null));
        assertThat(r.providerMessageId()).isEqualTo("AG-2026-5521");
        JsonNode body = JSON.readTree(request().getBodyAsString());
        assertThat(body.get("caseId").asText()).isEqualTo("N-3301");
        assertThat(body.get("loanId").asText()).isEqualTo("LN2025060881234");
        assertThat(body.get("principal").decimalValue()).isEqualByComparingTo("1150.00");
        assertThat(body.get("interest").decimalValue()).isEqualByComparingTo("62.30");
        assertThat(body.get("fees").decimalValue()).isEqualByComparingTo("22.20");
        assertThat(body.get("daysPastDue").asInt()).isEqualTo(35);
    }

    @Test
    void printVendorGetsThePdfAndTheServiceLevelAndItsTrackingNumberIsKept() throws Exception {
        answer(200, "{\"id\":\"job-4410\",\"tracking_number\":\"RR123456785CN\"}");
        HttpJsonAdapter print = adapter("http-print", "letter", Map.of("service", "registered"));
        byte[] pdf = "%PDF-1.4 test".getBytes();
        DeliveryResult r = print.send(Messages.of("N-3401", "letter", "上海市浦东新区世纪大道100号", "逾期通知", "text", pdf));
        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("job-4410");
        assertThat(r.detail()).isEqualTo("tracking RR123456785CN");
        JsonNode body = JSON.readTree(request().getBodyAsString());
        assertThat(body.get("service").asText()).isEqualTo("registered");
        assertThat(Base64.getDecoder().decode(body.at("/document/base64").asText())).isEqualTo(pdf);
        assertThat(body.at("/recipient/address").asText()).isEqualTo("上海市浦东新区世纪大道100号");

        assertThat(print.send(Messages.of("N-3402", "letter", "addr", null, "text", null)).reasonCode()).isEqualTo("NO_DOCUMENT");
    }
}
