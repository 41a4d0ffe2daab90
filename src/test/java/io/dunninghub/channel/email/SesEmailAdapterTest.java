package io.dunninghub.channel.email;

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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.Messages;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.support.HubFixture;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Amazon SES v2 SendEmail through the AWS SDK against WireMock: the SDK's own SigV4-signed REST-JSON request with
 * the raw MIME, and SES's documented errors (error type header, JSON message) read by their codes.
 */
class SesEmailAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v2/email/outbound-emails";
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

    private SesEmailAdapter adapter(Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(Map.of("region", "eu-west-1", "access-key-id", "AKIAIOSFODNN7EXAMPLE",
                "secret-access-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "from", "reminders@lender.example",
                "from-name", "DemoLoan", "message-id-domain", "lender.example", "configuration-set", "reminders",
                "base-url", aws.baseUrl(), "timeout-ms", "3000"));
        o.putAll(extra);
        return new SesEmailAdapter(Messages.settings("ses-main", "email", "ses", o));
    }

    private static OutboundMessage mail() {
        return Messages.message("N-6001", "I-77:formal:email:borrower:0", "email", "mary.smith@example.com", "Mary Smith",
                "en", "Your payment is overdue", "Dear Mary Smith, your payment is overdue.",
                "<p>Dear Mary Smith, your payment is overdue.</p>", "%PDF-1.7 notice".getBytes(StandardCharsets.US_ASCII));
    }

    private void error(int status, String type, String message) {
        aws.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazonaws.sesv2/")
                .withHeader("x-amzn-RequestId", "5f3c2a1e-7b9d-4c1a-9a3e-1f2b3c4d5e6f")
                .withBody("{\"message\": \"" + message + "\"}")));
    }

    @Test
    void theSdkSendsTheRawNoticeSignedWithSigV4AndSesMessageIdIsRecorded() throws Exception {
        aws.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"MessageId\": \"0102019b0a1c2d3e-5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c-000000\"}")));

        DeliveryResult r;
        try (SesEmailAdapter ses = adapter(Map.of())) {
            r = ses.send(mail());
        }

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("0102019b0a1c2d3e-5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c-000000");
        LoggedRequest req = aws.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(req.getUrl()).isEqualTo(PATH);
        assertThat(req.getHeader("Authorization")).matches("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/\\d{8}/eu-west-1/ses/"
                + "aws4_request, SignedHeaders=[a-z0-9;-]*host;[a-z0-9;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}");
        assertThat(req.getHeader("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
        JsonNode body = JSON.readTree(req.getBodyAsString());
        assertThat(body.path("FromEmailAddress").asText()).isEqualTo("reminders@lender.example");
        assertThat(body.at("/Destination/ToAddresses/0").asText()).isEqualTo("mary.smith@example.com");
        assertThat(body.path("ConfigurationSetName").asText()).isEqualTo("reminders");
        assertThat(body.path("EmailTags")).isEqualTo(JSON.readTree("[{\"Name\": \"notice_id\", \"Value\": \"N-6001\"}]"));
        String raw = new String(Base64.getDecoder().decode(body.at("/Content/Raw/Data").asText()), StandardCharsets.UTF_8);
        assertThat(raw).contains("Message-ID: <N-6001@lender.example>").contains("To: Mary Smith <mary.smith@example.com>")
                .contains("Subject: Your payment is overdue").contains("multipart/alternative")
                .contains("filename=notice-N-6001.pdf").contains("X-Dunning-Notice-Id: N-6001");
    }

    @Test
    void sesErrorsByTheirCodes() {
        error(400, "MessageRejected", "Email address is not verified. The following identities failed the check in region EU-WEST-1: mary.smith@example.com");
        DeliveryResult rejected = adapter(Map.of()).send(mail());
        assertThat(rejected.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rejected.reasonCode()).isEqualTo("SES_MessageRejected");
        assertThat(rejected.detail()).contains("Email address is not verified").doesNotContain("mary.smith@example.com");

        error(400, "MailFromDomainNotVerifiedException", "MAIL FROM domain is not verified");
        assertThat(adapter(Map.of()).send(mail()).reasonCode()).isEqualTo("SES_MailFromDomainNotVerifiedException");

        error(400, "SendingPausedException", "Sending is paused for this account.");
        DeliveryResult paused = adapter(Map.of()).send(mail());
        assertThat(paused.outcome()).as("the account, not the notice: another provider may take it").isEqualTo(Outcome.RETRY);
        assertThat(paused.reasonCode()).isEqualTo("SES_SendingPausedException");

        error(429, "TooManyRequestsException", "Maximum sending rate exceeded.");
        DeliveryResult throttled = adapter(Map.of()).send(mail());
        assertThat(throttled.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(throttled.reasonCode()).isEqualTo("RATE_LIMITED");

        error(500, "InternalServiceErrorException", "Internal service error");
        DeliveryResult internal = adapter(Map.of()).send(mail());
        assertThat(internal.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(internal.reasonCode()).isEqualTo("SES_InternalServiceErrorException");

        error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        assertThat(adapter(Map.of()).send(mail()).reasonCode()).isEqualTo("SES_SignatureDoesNotMatch");
    }

    @Test
    void transportFailuresSayWhetherTheRequestMayHaveArrived() {
        aws.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                .withBody("{\"MessageId\": \"late\"}")));
        DeliveryResult slow = adapter(Map.of("timeout-ms", "500")).send(mail());
        assertThat(slow.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(slow.reasonCode()).isEqualTo("TIMEOUT");

        DeliveryResult refused = adapter(Map.of("base-url", "http://127.0.0.1:" + HubFixture.freePort())).send(mail());
        assertThat(refused.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(refused.reasonCode()).isEqualTo("CONNECTION_ERROR");
    }

    @Test
    void anInvalidAddressIsNeverSent() {
        DeliveryResult r = adapter(Map.of()).send(Messages.of("N-6002", "email", "not an address", "s", "t", null));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("INVALID_RECIPIENT");
        assertThat(aws.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
