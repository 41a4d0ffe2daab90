package io.dunninghub.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.Messages;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Amazon SNS Publish to a phone number through the AWS SDK against WireMock: the SDK's SigV4-signed Query request
 * and SNS's XML answers and documented errors.
 */
class SnsSmsAdapterTest {

    private WireMockServer aws;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    private SnsSmsAdapter adapter(Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(Map.of("region", "ap-southeast-1", "access-key-id", "AKIAIOSFODNN7EXAMPLE",
                "secret-access-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sender-id", "DemoLoan",
                "default-region", "CN", "base-url", aws.baseUrl()));
        o.putAll(extra);
        return new SnsSmsAdapter(Messages.settings("sns-main", "sms", "sns-sms", o));
    }

    private void error(int status, String type, String code, String message) {
        aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withBody("""
                        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                          <Error><Type>%s</Type><Code>%s</Code><Message>%s</Message></Error>
                          <RequestId>9d8b2f5e-1c3a-5b7d-8e9f-0a1b2c3d4e5f</RequestId>
                        </ErrorResponse>""".formatted(type, code, message))));
    }

    @Test
    void publishGoesSignedWithTheNumberInE164AsATransactionalSms() {
        aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("""
                        <PublishResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
                          <PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>
                          <ResponseMetadata><RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata>
                        </PublishResponse>""")));

        DeliveryResult r;
        try (SnsSmsAdapter sns = adapter(Map.of())) {
            r = sns.send(Messages.of("N-4001", "sms", "138 0013 8000", null, "【示例消费金融】您的借款已逾期，请尽快还款。", null));
        }

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("567910cd-659e-55d4-8ccb-5aaf14679dc0");
        assertThat(r.segments()).isEqualTo(1);
        LoggedRequest req = aws.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(req.getHeader("Authorization")).matches("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/\\d{8}/"
                + "ap-southeast-1/sns/aws4_request, SignedHeaders=[a-z0-9;-]*host;[a-z0-9;-]*, Signature=[0-9a-f]{64}");
        Map<String, String> form = form(req.getBodyAsString());
        assertThat(form).containsEntry("Action", "Publish").containsEntry("Version", "2010-03-31")
                .containsEntry("PhoneNumber", "+8613800138000")
                .containsEntry("Message", "【示例消费金融】您的借款已逾期，请尽快还款。");
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i;
            assertThat(form.get(prefix + ".Value.DataType")).isEqualTo("String");
            attributes.put(form.get(prefix + ".Name"), form.get(prefix + ".Value.StringValue"));
        }
        assertThat(attributes).isEqualTo(Map.of("AWS.SNS.SMS.SMSType", "Transactional", "AWS.SNS.SMS.SenderID", "DemoLoan"));
    }

    @Test
    void snsErrorsByTheirCodes() {
        error(400, "Sender", "InvalidParameter", "Invalid parameter: PhoneNumber Reason: +8613800138000 is not valid to publish to");
        DeliveryResult invalid = adapter(Map.of()).send(Messages.of("N-4002", "sms", "+8613800138000", null, "t", null));
        assertThat(invalid.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(invalid.reasonCode()).isEqualTo("SNS_InvalidParameter");
        assertThat(invalid.detail()).doesNotContain("8613800138000");

        error(400, "Sender", "OptedOut", "Phone number is opted out");
        assertThat(adapter(Map.of()).send(Messages.of("N-4003", "sms", "+8613800138000", null, "t", null)).reasonCode())
                .isEqualTo("SNS_OptedOut");

        error(403, "Sender", "AuthorizationError", "User is not authorized to perform: SNS:Publish");
        assertThat(adapter(Map.of()).send(Messages.of("N-4004", "sms", "+8613800138000", null, "t", null)).outcome())
                .isEqualTo(Outcome.FAILED);

        error(429, "Sender", "Throttled", "Rate exceeded");
        DeliveryResult throttled = adapter(Map.of()).send(Messages.of("N-4005", "sms", "+8613800138000", null, "t", null));
        assertThat(throttled.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(throttled.reasonCode()).isEqualTo("RATE_LIMITED");

        error(500, "Receiver", "InternalError", "Internal Error");
        DeliveryResult internal = adapter(Map.of()).send(Messages.of("N-4006", "sms", "+8613800138000", null, "t", null));
        assertThat(internal.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(internal.reasonCode()).isEqualTo("SNS_InternalError");
    }

    @Test
    void aNumberThatIsNoMobileIsNeverSent() {
        DeliveryResult r = adapter(Map.of()).send(Messages.of("N-4007", "sms", "+86 123", null, "t", null));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("INVALID_RECIPIENT");
        assertThat(aws.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }
}
