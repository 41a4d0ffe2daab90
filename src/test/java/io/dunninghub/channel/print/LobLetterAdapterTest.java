package io.dunninghub.channel.print;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.Messages;
import io.dunninghub.channel.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lob letters: a multipart upload of the rendered PDF, certified, with the notice id as idempotency key. */
class LobLetterAdapterTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final byte[] PDF = "%PDF-1.4\n% a letter\n".getBytes(StandardCharsets.US_ASCII);

    private WireMockServer lob;
    private LobLetterAdapter adapter;

    @BeforeEach
    void start() {
        lob = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        lob.start();
        adapter = new LobLetterAdapter(Messages.settings("lob-main", "letter", "lob", Map.of("base-url", lob.baseUrl(),
                "api-key", "test_0dc8d51e0acffcb1880e0f19c79b2f5b0cc", "from-address-id", "adr_210a8d4b0b76d77b",
                "extra-service", "certified", "timeout-ms", "10000")), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        adapter.close();
        lob.stop();
    }

    private void answer(ResponseDefinitionBuilder r) {
        lob.stubFor(post(urlEqualTo("/v1/letters")).willReturn(r.withHeader("Content-Type", "application/json")));
    }

    private static OutboundMessage letter(String id, String address) {
        OutboundMessage m = Messages.of(id, "letter", address, "Notice of overdue payment", "text", PDF);
        return Messages.named(Messages.message(m.noticeId(), m.dedupeKey(), m.channel(), m.recipient(), "Mary Smith", "en",
                m.subject(), m.text(), null, m.pdf()), "Mary Smith");
    }

    private static String error(int status, String code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"status_code\":" + status + ",\"code\":\"" + code + "\"}}";
    }

    private static String part(LoggedRequest req, String name) {
        Request.Part p = req.getPart(name);
        return p == null ? null : p.getBody().asString();
    }

    @Test
    void uploadsThePdfAsACertifiedLetterAndRecordsTheLetterIdAndTracking() {
        answer(aResponse().withStatus(200).withHeader("ratelimit-limit", "150").withBody("""
                {"id":"ltr_4868c3b754655f90","description":"notice N-6001","extra_service":"certified",
                 "tracking_number":"92071902358909000000000011","expected_delivery_date":"2026-11-30",
                 "mail_type":"usps_first_class","status":"processed","object":"letter","use_type":"operational"}"""));

        DeliveryResult r = adapter.send(letter("N-6001", "Apt 4B\n185 Berry St\nSan Francisco, CA 94107"));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("ltr_4868c3b754655f90");
        assertThat(r.detail()).contains("tracking 92071902358909000000000011").contains("certified");
        LoggedRequest req = lob.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(req.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("test_0dc8d51e0acffcb1880e0f19c79b2f5b0cc:".getBytes()));
        assertThat(req.getHeader("Idempotency-Key")).isEqualTo("N-6001");
        assertThat(req.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(part(req, "to[name]")).isEqualTo("Mary Smith");
        assertThat(part(req, "to[address_line1]")).isEqualTo("Apt 4B");
        assertThat(part(req, "to[address_line2]")).isEqualTo("185 Berry St");
        assertThat(part(req, "to[address_city]")).isEqualTo("San Francisco");
        assertThat(part(req, "to[address_state]")).isEqualTo("CA");
        assertThat(part(req, "to[address_zip]")).isEqualTo("94107");
        assertThat(part(req, "from")).isEqualTo("adr_210a8d4b0b76d77b");
        assertThat(part(req, "extra_service")).isEqualTo("certified");
        assertThat(part(req, "use_type")).isEqualTo("operational");
        assertThat(part(req, "color")).isEqualTo("false");
        assertThat(part(req, "metadata[notice_id]")).isEqualTo("N-6001");
        assertThat(req.getPart("file").getBody().asBytes()).isEqualTo(PDF);
        assertThat(req.getPart("file").getHeaders().getHeader("Content-Type").firstValue()).isEqualTo("application/pdf");
    }

    @Test
    void anUndeliverableAddressIsPermanent() {
        answer(aResponse().withStatus(422).withBody(error(422, "failed_deliverability_strictness",
                "address fails deliverability strictness of strict")));
        DeliveryResult r = adapter.send(letter("N-6002", "101 Main Street, New York, NY 10001"));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("LOB_failed_deliverability_strictness");
    }

    @Test
    void serverErrorsRetryAndTheRateLimitWaitsForItsReset() {
        answer(aResponse().withStatus(500).withBody(error(500, "internal_server_error", "Internal server error")));
        DeliveryResult down = adapter.send(letter("N-6003", "101 Main Street, New York, NY 10001"));
        assertThat(down.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(down.reasonCode()).isEqualTo("LOB_internal_server_error");

        answer(aResponse().withStatus(429).withHeader("ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 4))
                .withBody(error(429, "rate_limit_exceeded", "Rate limit exceeded. Please wait 5 seconds and try your request again.")));
        DeliveryResult limited = adapter.send(letter("N-6004", "101 Main Street, New York, NY 10001"));
        assertThat(limited.reasonCode()).isEqualTo("RATE_LIMITED");
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void anAddressWithoutCityStateAndZipOrWithoutAPdfNeverReachesLob() {
        assertThat(adapter.send(letter("N-6005", "somewhere without a zip")).reasonCode()).isEqualTo("INVALID_RECIPIENT");
        OutboundMessage noPdf = Messages.message("N-6006", "k", "letter", "101 Main Street, New York, NY 10001", "M", "en",
                null, "t", null, null);
        assertThat(adapter.send(noPdf).reasonCode()).isEqualTo("NO_DOCUMENT");
        assertThat(lob.getAllServeEvents()).isEmpty();
    }

    @Test
    void internationalAddressesGoAsLinesWithTheirCountry() {
        LobLetterAdapter intl = new LobLetterAdapter(Messages.settings("lob-intl", "letter", "lob", new HashMap<>(Map.of(
                "base-url", lob.baseUrl(), "api-key", "test_x", "from-address-id", "adr_1", "extra-service", "registered",
                "country", "CN", "timeout-ms", "10000"))));
        answer(aResponse().withStatus(200).withBody("{\"id\":\"ltr_9\",\"extra_service\":\"registered\",\"tracking_number\":null}"));
        DeliveryResult r = intl.send(letter("N-6007", "上海市浦东新区世纪大道100号\n200120"));
        assertThat(r.detail()).startsWith("tracking pending");
        LoggedRequest req = lob.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(part(req, "to[address_country]")).isEqualTo("CN");
        assertThat(part(req, "to[address_line1]")).isEqualTo("上海市浦东新区世纪大道100号");
        assertThat(part(req, "extra_service")).isEqualTo("registered");
        intl.close();
    }
}
