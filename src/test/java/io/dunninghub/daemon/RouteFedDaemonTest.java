package io.dunninghub.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dunninghub.plan.PlanningJob;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.ShippedConfig;
import io.dunninghub.support.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon with the REST example's routes in its routes folder and no SQL core bank at all (an empty H2 in memory):
 * rows handed to direct:installments are planned with the contacts the bank's API answers, and right before sending
 * the API's re-check decides. A borrower the API says opted out of SMS is suppressed when planned; one whose
 * installment the re-check finds paid is suppressed PAID; the third gets its SMS through Twilio (WireMock).
 */
@Slow
class RouteFedDaemonTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Instant AT = TODAY.atTime(LocalTime.of(10, 0)).atZone(ZONE).toInstant();

    @TempDir
    Path work;
    HubFixture hub;
    WireMockServer bank;

    @AfterEach
    void stop() {
        if (bank != null) {
            bank.stop();
        }
        hub.close();
    }

    static String installment(String borrower, String amountDue) {
        return """
                {"installment_id":"I-%s","loan_id":"L-%s","borrower_id":"%s","due_date":"%s","amount_due":%s,
                 "currency":"CNY","product":"instalment","segment":"mass","installment_no":1,"previous_defaults":0}"""
                .formatted(borrower, borrower, borrower, TODAY.minusDays(2), amountDue);
    }

    static String contact(String borrower, String phone, boolean smsOptOut) {
        return """
                {"borrower_id":"%s","name":"借款人%s","locale":"zh-CN","time_zone":"Asia/Shanghai","phone":"%s",
                 "sms_opt_out":%s,"country":"CN"}""".formatted(borrower, borrower, phone, smsOptOut);
    }

    @Test
    void aRestOnlyCoreBankIsPlannedReCheckedAndSentThroughItsRoutes() throws Exception {
        hub = new HubFixture(work);
        hub.smsOnlyLadder();
        bank = new WireMockServer(wireMockConfig().dynamicPort());
        bank.start();
        bank.stubFor(post(urlPathEqualTo("/api/v1/borrowers/lookup")).withHeader("Authorization", equalTo("Bearer t0k"))
                .willReturn(okJson("[" + contact("B1", "+8613800000001", false) + ","
                        + contact("B2", "+8613800000002", false) + "," + contact("B3", "+8613800000003", true) + "]")));
        // B2 paid after the scan: the re-check finds nothing owed
        bank.stubFor(post(urlPathEqualTo("/api/v1/installments/lookup")).withHeader("Authorization", equalTo("Bearer t0k"))
                .willReturn(okJson("[" + installment("B1", "535.50") + "," + installment("B2", "0.00") + "]")));
        Map<String, String> keys = new java.util.LinkedHashMap<>(Map.of("hub.scan.source", "route",
                "hub.recheck.source", "route", "hub.contacts.source", "route",
                "hub.core.url", "jdbc:h2:mem:rest-only;DB_CLOSE_DELAY=-1", "hub.core.username", "sa"));
        keys.put("bank.api.url", bank.baseUrl() + "/api");
        keys.put("bank.api.token", "t0k");
        hub.writeProperties(keys);
        Path routes = Files.createDirectories(work.resolve("routes"));
        ShippedConfig.copyTree(Path.of("routes"), routes);
        Files.copy(Path.of("examples/core-bank-rest/routes/core-bank-rest.yaml"), routes.resolve("core-bank-rest.yaml"));

        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), AT));
        try (HubDaemon daemon = new HubDaemon(hub.configDir, routes, Map.of(), false, clock)) {
            HubRuntime runtime = daemon.start();
            Object answer = daemon.camelContext().createProducerTemplate().requestBody("direct:installments",
                    new com.fasterxml.jackson.databind.ObjectMapper().readValue("[" + installment("B1", "535.50") + ","
                            + installment("B2", "535.50") + "," + installment("B3", "535.50") + "]", List.class));
            assertThat(answer).isInstanceOf(PlanningJob.FedPass.class);
            assertThat(((PlanningJob.FedPass) answer).newNotices()).isEqualTo(3);
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B3' AND status = 'SUPPRESSED' "
                    + "AND reason = 'OPTED_OUT'")).isEqualTo(1);
            runtime.dispatchJob().drain();
        }
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND status = 'SENT'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B2' AND status = 'SUPPRESSED' "
                + "AND reason = 'PAID'")).isEqualTo(1);
        assertThat(hub.twilio.getAllServeEvents()).hasSize(1);
        assertThat(hub.twilio.getAllServeEvents().get(0).getRequest().getBodyAsString()).contains("To=%2B8613800000001");
        bank.verify(postRequestedFor(urlPathEqualTo("/api/v1/installments/lookup"))
                .withRequestBody(equalToJson("[\"I-B1\",\"I-B2\"]", true, false)));
    }
}
