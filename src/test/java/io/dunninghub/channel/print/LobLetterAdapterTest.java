package io.dunninghub.channel.print;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
        noLetterYet();
    }

    /** GET /v1/letters?metadata[notice_id]=… finds nothing: Lob's list shape with an empty data array. */
    private void noLetterYet() {
        lob.stubFor(get(urlPathEqualTo("/v1/letters")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":[],\"object\":\"list\",\"next_url\":null,\"previous_url\":null,\"count\":0}")));
    }

    private LoggedRequest created() {
        return lob.findAll(postRequestedFor(urlEqualTo("/v1/letters"))).get(0);
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
        LoggedRequest req = created();
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
        LobLetterAdapter intl = international(Map.of());
        answer(aResponse().withStatus(200).withBody("{\"id\":\"ltr_9\",\"extra_service\":\"registered\",\"tracking_number\":null}"));
        DeliveryResult r = intl.send(letter("N-6007", "上海市浦东新区世纪大道100号\n200120"));
        assertThat(r.detail()).startsWith("tracking pending");
        LoggedRequest req = created();
        assertThat(part(req, "to[address_country]")).isEqualTo("CN");
        assertThat(part(req, "to[address_line1]")).isEqualTo("上海市浦东新区世纪大道100号");
        assertThat(part(req, "to[address_zip]")).isEqualTo("200120");
        assertThat(part(req, "extra_service")).isEqualTo("registered");
        intl.close();
    }

    private LobLetterAdapter international(Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(Map.of("base-url", lob.baseUrl(), "api-key", "test_x",
                "from-address-id", "adr_1", "country", "CN", "timeout-ms", "10000"));
        o.putAll(extra);
        return new LobLetterAdapter(Messages.settings("lob-intl", "letter", "lob", o), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * An address outside the US goes with its parts (Lob's inline_address_intl: address_line1 and address_country
     * required, address_city, address_state and address_zip as fields of their own) instead of in one line.
     */
    @Test
    void aNonUsAddressGoesWithItsCityStateAndPostcode() {
        LobLetterAdapter intl = international(Map.of());
        try {
            answer(aResponse().withStatus(200).withBody("{\"id\":\"ltr_10\",\"extra_service\":\"registered\"}"));
            intl.send(letter("N-6010", "Room 1203, 18 Lane 500 Zhangyang Road\nPudong New Area, Shanghai 200122"));
            LoggedRequest cn = created();
            assertThat(part(cn, "to[address_line1]")).isEqualTo("Room 1203, 18 Lane 500 Zhangyang Road");
            assertThat(part(cn, "to[address_line2]")).isEqualTo("Pudong New Area");
            assertThat(part(cn, "to[address_city]")).isEqualTo("Shanghai");
            assertThat(part(cn, "to[address_zip]")).isEqualTo("200122");
            assertThat(part(cn, "to[address_country]")).isEqualTo("CN");
            lob.resetRequests();

            intl.send(letter("N-6011", "370 Water St\nSummerside, PE C1N 1C4"));
            LoggedRequest ca = created();
            assertThat(part(ca, "to[address_line1]")).isEqualTo("370 Water St");
            assertThat(part(ca, "to[address_city]")).isEqualTo("Summerside");
            assertThat(part(ca, "to[address_state]")).isEqualTo("PE");
            assertThat(part(ca, "to[address_zip]")).isEqualTo("C1N 1C4");
        } finally {
            intl.close();
        }
    }

    /**
     * extra_service (resources/letters/attributes/extra_service.yml): certified tracks "domestic destinations",
     * registered "international addresses". The service follows the letter's destination.
     */
    @Test
    void certifiedGoesToUsAddressesAndRegisteredToTheRest() {
        answer(aResponse().withStatus(200).withBody("{\"id\":\"ltr_11\",\"extra_service\":\"certified\"}"));
        adapter.send(letter("N-6012", "101 Main Street, New York, NY 10001"));
        assertThat(part(created(), "extra_service")).isEqualTo("certified");
        lob.resetRequests();

        LobLetterAdapter mixed = international(Map.of("extra-service", "certified_return_receipt"));
        try {
            mixed.send(letter("N-6013", "10 Downing Street\nLondon SW1A 2AA"));
            assertThat(part(created(), "extra_service")).isEqualTo("registered");
            lob.resetRequests();
            mixed.send(letter("N-6014", "185 Berry St\nSan Francisco, CA 94107"));
            assertThat(part(created(), "extra_service")).isEqualTo("certified_return_receipt");
        } finally {
            mixed.close();
        }
        lob.resetRequests();
        LobLetterAdapter untracked = international(Map.of("international-service", "none"));
        try {
            untracked.send(letter("N-6015", "10 Downing Street\nLondon SW1A 2AA"));
            assertThat(part(created(), "extra_service")).isNull();
        } finally {
            untracked.close();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.dunninghub.channel.ProvidersConfig.parse("providers.yaml", """
                providers:
                  - name: lob-x
                    channel: letter
                    adapter: lob
                    options: { api-key: test_x, from-address-id: adr_1, extra-service: registered }
                """, s -> s)).hasMessageContaining("providers[0].options.extra-service").hasMessageContaining("registered");
    }

    /** Lob's address needs a name or a company (required_name_company.yml): an empty to[name] is not sent. */
    @Test
    void aLetterWithoutARecipientNameNeverReachesLob() {
        OutboundMessage m = Messages.of("N-6016", "letter", "101 Main Street, New York, NY 10001", "Notice", "text", PDF);
        DeliveryResult r = adapter.send(Messages.named(m, "  "));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reasonCode()).isEqualTo("INVALID_RECIPIENT");
        assertThat(lob.findAll(postRequestedFor(urlEqualTo("/v1/letters")))).isEmpty();
    }

    /**
     * Lob keeps an Idempotency-Key 24 h: a notice tried again later (a retry after the window, a replay) would print a
     * second letter. The letter is looked up by its metadata first (letters_list: metadata[notice_id]=…).
     */
    @Test
    void aLetterLobAlreadyHasIsFoundByItsNoticeIdAndNotCreatedAgain() {
        lob.stubFor(get(urlPathEqualTo("/v1/letters")).withQueryParam("metadata[notice_id]", equalTo("N-6017"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"data":[{"id":"ltr_5ba44b462c79f07c","description":"notice N-6017","metadata":{"notice_id":"N-6017"},
                          "extra_service":"certified","tracking_number":"92071902358909000011275538",
                          "expected_delivery_date":"2026-11-26","object":"letter"}],
                         "object":"list","next_url":null,"previous_url":null,"count":1}""")));
        DeliveryResult r = adapter.send(letter("N-6017", "101 Main Street, New York, NY 10001"));
        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("ltr_5ba44b462c79f07c");
        assertThat(r.detail()).contains("tracking 92071902358909000011275538").contains("created earlier");
        assertThat(lob.findAll(postRequestedFor(urlEqualTo("/v1/letters")))).isEmpty();

        // when the lookup cannot answer, nothing is created blind
        lob.stubFor(get(urlPathEqualTo("/v1/letters")).withQueryParam("metadata[notice_id]", equalTo("N-6018"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody(error(503, "service_unavailable", "Service unavailable"))));
        DeliveryResult unknown = adapter.send(letter("N-6018", "101 Main Street, New York, NY 10001"));
        assertThat(unknown.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(unknown.reasonCode()).isEqualTo("LOB_LOOKUP_FAILED");
        assertThat(lob.findAll(postRequestedFor(urlEqualTo("/v1/letters")))).isEmpty();
    }
}
