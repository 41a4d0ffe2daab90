package io.dunninghub.channel.sms;

import io.dunninghub.channel.Messages;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.RetryAfter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class TwilioSmsAdapterTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "test-auth-token";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static final String TEXT = "【示例银行】张先生，您尾号8888的贷款已逾期3天，应还1,250.00元，请尽快还款。";

    private WireMockServer twilio;
    private TwilioSmsAdapter adapter;

    @BeforeEach
    void start() {
        twilio = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
        adapter = adapter("http://127.0.0.1:" + twilio.port(), Map.of());
    }

    @AfterEach
    void stop() {
        adapter.close();
        twilio.stop();
    }

    private static TwilioSmsAdapter adapter(String baseUrl, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of(
                "base-url", baseUrl, "account-sid", SID, "auth-token", TOKEN,
                "from", "+15005550006", "default-region", "CN", "timeout-ms", "2000"));
        options.putAll(extra);
        return new TwilioSmsAdapter(new ProviderSettings("twilio-main", "sms", "twilio", 1, true, options));
    }

    private static OutboundMessage sms(String recipient) {
        return Messages.message("N-1001", "I-77:dpd3:sms:borrower:1", "sms", recipient, "张伟", "zh-CN",
                null, TEXT, null, null);
    }

    private void answer(ResponseDefinitionBuilder response) {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String error(int code, String message, int status) {
        return """
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
                """.formatted(code, message, code, status);
    }

    @Test
    void sendsTheFormTwilioExpectsAndReturnsTheSid() {
        answer(json(201, """
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "…", "date_created": "Mon, 23 Nov 2026 09:30:00 +0000",
                 "date_sent": null, "date_updated": "Mon, 23 Nov 2026 09:30:00 +0000", "direction": "outbound-api",
                 "error_code": null, "error_message": null, "from": "+15005550006", "messaging_service_sid": null,
                 "num_media": "0", "num_segments": "2", "price": null, "price_unit": "USD",
                 "sid": "SM1f0e8ae6ade43cb3c0ce4525424e404f", "status": "queued", "subresource_uris": {},
                 "to": "+8613800138000", "uri": "/2010-04-01/Accounts/%s/Messages/SM1f0e8ae6ade43cb3c0ce4525424e404f.json"}
                """.formatted(SID, SID)));

        DeliveryResult result = adapter.send(sms("138 0013 8000"));

        assertThat(result.outcome()).isEqualTo(Outcome.SENT);
        assertThat(result.provider()).isEqualTo("twilio-main");
        assertThat(result.providerMessageId()).isEqualTo("SM1f0e8ae6ade43cb3c0ce4525424e404f");
        assertThat(result.segments()).isEqualTo(2);
        assertThat(result.detail()).contains("queued").doesNotContain("8000");

        List<LoggedRequest> requests = twilio.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo(PATH);
        assertThat(request.getHeader("Authorization")).isEqualTo(
                "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = form(request.getBodyAsString());
        assertThat(form).containsOnlyKeys("To", "From", "Body")
                .containsEntry("To", "+8613800138000")
                .containsEntry("From", "+15005550006")
                .containsEntry("Body", TEXT);
    }

    @Test
    void messagingServiceAndStatusCallbackWhenConfigured() {
        adapter.close();
        adapter = adapter("http://127.0.0.1:" + twilio.port(), Map.of(
                "messaging-service-sid", "MG0123456789abcdef0123456789abcdef",
                "status-callback", "https://hub.bank.example/receipts/twilio"));
        answer(json(201, "{\"sid\": \"SM00000000000000000000000000000001\", \"status\": \"accepted\"}"));

        assertThat(adapter.send(sms("+8613800138000")).outcome()).isEqualTo(Outcome.SENT);

        Map<String, String> form = form(twilio.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString());
        assertThat(form).containsEntry("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef")
                .containsEntry("StatusCallback", "https://hub.bank.example/receipts/twilio")
                .doesNotContainKey("From");
    }

    @Test
    void invalidToIsPermanent() {
        answer(json(400, error(21211, "The 'To' number +8613800138000 is not a valid phone number.", 400)));

        DeliveryResult result = adapter.send(sms("+8613800138000"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reasonCode()).isEqualTo("TWILIO_21211");
        assertThat(result.detail()).contains("21211").doesNotContain("+8613800138000");
    }

    @Test
    void unsubscribedRecipientIsPermanent() {
        answer(json(400, error(21610, "Attempt to send to unsubscribed recipient", 400)));

        DeliveryResult result = adapter.send(sms("+8613800138000"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reasonCode()).isEqualTo("TWILIO_21610");
    }

    @Test
    void rateLimitHonoursRetryAfter() {
        answer(json(429, error(20429, "Too Many Requests", 429)).withHeader("Retry-After", "2"));

        DeliveryResult result = adapter.send(sms("+8613800138000"));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(result.reasonCode()).isEqualTo("RATE_LIMITED");
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void serverErrorIsTransient() {
        answer(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>"));

        DeliveryResult result = adapter.send(sms("+8613800138000"));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(result.reasonCode()).isEqualTo("HTTP_503");
        assertThat(result.retryAfter()).isNull();
    }

    @Test
    void transientTwilioCodeOnA4xxIsRetried() {
        answer(json(400, error(30001, "Queue overflow", 400)));

        DeliveryResult result = adapter.send(sms("+8613800138000"));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(result.reasonCode()).isEqualTo("TWILIO_30001");
    }

    /**
     * 21611 (https://www.twilio.com/docs/api/errors/21611): the From number's queue holds more than 10 hours of
     * messages; it drains at the sender's rate, so the same request succeeds later.
     */
    @Test
    void aFullSenderQueueIsTransientAndWaitsAMinute() {
        answer(json(400, error(21611, "This 'From' number has exceeded the maximum number of queued messages", 400)));

        DeliveryResult result = adapter.send(sms("+8613800138000"));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(result.reasonCode()).isEqualTo("TWILIO_21611");
        assertThat(result.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void unknownOrUnreadable4xxIsPermanentByStatus() {
        answer(json(400, error(21617, "The concatenated message body exceeds the 1600 character limit.", 400)));
        DeliveryResult unknownCode = adapter.send(sms("+8613800138000"));
        assertThat(unknownCode.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(unknownCode.reasonCode()).isEqualTo("HTTP_400");
        assertThat(unknownCode.detail()).contains("21617");

        twilio.resetAll();
        answer(aResponse().withStatus(404).withBody("not json at all"));
        DeliveryResult garbage = adapter.send(sms("+8613800138000"));
        assertThat(garbage.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(garbage.reasonCode()).isEqualTo("HTTP_404");
        assertThat(garbage.detail()).contains("unparseable");
    }

    @Test
    void garbageSuccessIsNotRetriedBecauseTheSmsMayBeOut() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("<<garbage>>"));

        DeliveryResult result = adapter.send(sms("+8613800138000"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reasonCode()).isEqualTo("BAD_RESPONSE");
        assertThat(result.detail()).contains("unparseable");
    }

    @Test
    void connectionRefusedIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (TwilioSmsAdapter down = adapter("http://127.0.0.1:" + closedPort, Map.of())) {
            DeliveryResult result = down.send(sms("+8613800138000"));

            assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
            assertThat(result.reasonCode()).isEqualTo("CONNECTION_ERROR");
        }
    }

    @Test
    void slowAnswerIsATimeoutThatMayHaveSent() {
        adapter.close();
        adapter = adapter("http://127.0.0.1:" + twilio.port(), Map.of("timeout-ms", "200"));
        answer(json(201, "{\"sid\": \"SM1\"}").withFixedDelay(1500));

        DeliveryResult result = adapter.send(sms("+8613800138000"));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(result.reasonCode()).isEqualTo("TIMEOUT");
    }

    @Test
    void invalidNumbersAndLandlinesNeverReachTwilio() {
        answer(json(201, "{\"sid\": \"SM1\"}"));

        for (String recipient : new String[]{"12345", "not a number", "", "+86 10 6234 5678", "010-62345678"}) {
            DeliveryResult result = adapter.send(sms(recipient));
            assertThat(result.outcome()).as(recipient).isEqualTo(Outcome.FAILED);
            assertThat(result.reasonCode()).as(recipient).isEqualTo("INVALID_RECIPIENT");
            assertThat(result.detail()).as(recipient).doesNotContain("6234");
        }
        assertThat(adapter.send(sms("+86 10 6234 5678")).detail()).contains("landline");
        assertThat(twilio.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void numbersAreNormalisedToE164() {
        assertThat(TwilioSmsAdapter.smsRecipient("13800138000", "CN")).isEqualTo("+8613800138000");
        assertThat(TwilioSmsAdapter.smsRecipient("+1 (415) 555-2671", "CN")).isEqualTo("+14155552671");
    }

    @Test
    void retryAfterAsHttpDate() {
        Instant now = Instant.parse("2026-11-23T09:30:00Z");
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 09:30:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 09:29:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse(null, now)).isNull();
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
