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
import io.dunninghub.support.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SendGrid v3 Mail Send against WireMock in its documented request, answer and error shapes. */
class SendGridEmailAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v3/mail/send";
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T02:00:00Z"));
    private WireMockServer sendgrid;

    @BeforeEach
    void start() {
        sendgrid = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        sendgrid.start();
    }

    @AfterEach
    void stop() {
        sendgrid.stop();
    }

    private SendGridEmailAdapter adapter(Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(Map.of("api-key", "SG.test-key", "from", "reminders@lender.example",
                "from-name", "示例消费金融", "base-url", sendgrid.baseUrl(), "categories", "repayment-reminder, overdue"));
        o.putAll(extra);
        return new SendGridEmailAdapter(Messages.settings("sendgrid-main", "email", "sendgrid", o), clock);
    }

    private static OutboundMessage mail(byte[] pdf) {
        return Messages.message("N-5001", "I-77:formal:email:borrower:0", "email", "zhang.wei@example.com", "张伟",
                "zh-CN", "逾期还款提醒", "您好，您的借款已逾期。", "<p>您好，您的借款已逾期。</p>", pdf);
    }

    private void answer(int status, String body, Map<String, String> headers) {
        var response = aResponse().withStatus(status);
        headers.forEach(response::withHeader);
        if (body != null) {
            response.withHeader("Content-Type", "application/json").withBody(body);
        }
        sendgrid.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    }

    @Test
    void aNoticeIsOnePersonalizationWithTheNoticeIdAsCustomArgumentAndTheMessageIdFromTheHeader() throws Exception {
        answer(202, null, Map.of("X-Message-Id", "W86EgYT6SQKk0lRflfLRsA"));
        byte[] pdf = "%PDF-1.7 notice".getBytes(StandardCharsets.US_ASCII);

        DeliveryResult r = adapter(Map.of()).send(mail(pdf));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("W86EgYT6SQKk0lRflfLRsA");
        LoggedRequest req = sendgrid.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(req.getUrl()).isEqualTo(PATH);
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer SG.test-key");
        assertThat(req.getHeader("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(req.getBodyAsString())).isEqualTo(JSON.readTree("""
                {"personalizations": [{"to": [{"email": "zhang.wei@example.com", "name": "张伟"}],
                                       "custom_args": {"notice_id": "N-5001"}}],
                 "from": {"email": "reminders@lender.example", "name": "示例消费金融"},
                 "subject": "逾期还款提醒",
                 "content": [{"type": "text/plain", "value": "您好，您的借款已逾期。"},
                             {"type": "text/html", "value": "<p>您好，您的借款已逾期。</p>"}],
                 "attachments": [{"content": "%s", "type": "application/pdf", "filename": "notice-N-5001.pdf",
                                  "disposition": "attachment"}],
                 "categories": ["repayment-reminder", "overdue"]}
                """.formatted(Base64.getEncoder().encodeToString(pdf))));
    }

    @Test
    void sandboxModeAsksSendGridToCheckAndSendNothing() throws Exception {
        answer(200, null, Map.of());
        DeliveryResult r = adapter(Map.of("sandbox", "true")).send(mail(null));
        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).as("no X-Message-Id: the notice id").isEqualTo("N-5001");
        JsonNode body = JSON.readTree(sendgrid.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString());
        assertThat(body.at("/mail_settings/sandbox_mode/enable").asBoolean()).isTrue();
        assertThat(body.has("attachments")).isFalse();
    }

    @Test
    void errorsFromSendGridsTableArePermanentExceptRateLimitsAndServerErrors() {
        answer(400, """
                {"errors": [{"message": "Does not contain a valid address.", "field": "personalizations.0.to.0.email",
                             "help": "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.personalizations.to"}]}""", Map.of());
        DeliveryResult bad = adapter(Map.of()).send(mail(null));
        assertThat(bad.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(bad.reasonCode()).isEqualTo("SENDGRID_BAD_REQUEST");
        assertThat(bad.detail()).contains("personalizations.0.to.0.email: Does not contain a valid address.");

        answer(401, "{\"errors\": [{\"field\": null, \"message\": \"The provided authorization grant is invalid, expired, or revoked\"}]}", Map.of());
        assertThat(adapter(Map.of()).send(mail(null)).reasonCode()).isEqualTo("SENDGRID_UNAUTHORIZED");

        answer(403, "{\"errors\": [{\"field\": \"from\", \"message\": \"The from address does not match a verified Sender Identity. "
                + "Mail cannot be sent until this error is resolved.\", \"help\": null}]}", Map.of());
        DeliveryResult forbidden = adapter(Map.of()).send(mail(null));
        assertThat(forbidden.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(forbidden.reasonCode()).isEqualTo("SENDGRID_FORBIDDEN");

        answer(413, "{\"errors\": [{\"field\": null, \"message\": \"Payload Too Large\"}]}", Map.of());
        assertThat(adapter(Map.of()).send(mail(null)).reasonCode()).isEqualTo("SENDGRID_PAYLOAD_TOO_LARGE");

        long reset = clock.instant().plusSeconds(42).getEpochSecond();
        answer(429, "{\"errors\": [{\"field\": null, \"message\": \"too many requests\"}]}",
                Map.of("X-RateLimit-Limit", "600", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", String.valueOf(reset)));
        DeliveryResult limited = adapter(Map.of()).send(mail(null));
        assertThat(limited.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(limited.reasonCode()).isEqualTo("RATE_LIMITED");
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(42));

        answer(503, null, Map.of());
        DeliveryResult down = adapter(Map.of()).send(mail(null));
        assertThat(down.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(down.reasonCode()).isEqualTo("HTTP_503");
    }

    @Test
    void anAddressQuotedBackIsMaskedAndAnInvalidOneIsNeverSent() {
        answer(400, "{\"errors\": [{\"field\": \"personalizations.0.to.0.email\", "
                + "\"message\": \"zhang.wei@example.com is not a valid address\"}]}", Map.of());
        assertThat(adapter(Map.of()).send(mail(null)).detail()).doesNotContain("zhang.wei@example.com");

        sendgrid.resetRequests();
        DeliveryResult invalid = adapter(Map.of()).send(Messages.of("N-5002", "email", "not an address", "s", "t", null));
        assertThat(invalid.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(invalid.reasonCode()).isEqualTo("INVALID_RECIPIENT");
        assertThat(sendgrid.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
