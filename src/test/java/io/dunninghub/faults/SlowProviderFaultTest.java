package io.dunninghub.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider whose answers come after the client's timeout holds back only the notices it is sending: with no
 * barrier between batches the others are sent and recorded meanwhile, and with a per-provider bulkhead a provider
 * that is slow for everything takes only its own slots, so another provider's notices are not kept waiting.
 * Checked by the order in which the ledger recorded outcomes (event ids), not by how long anything took.
 */
@Slow
class SlowProviderFaultTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** The business clock: a fixed working day, ticking from the moment the test starts. */
    private static final Instant BUSINESS_START = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, SHANGHAI).toInstant();

    @TempDir
    Path work;
    HubFixture hub;

    @AfterEach
    void stop() {
        hub.close();
    }

    private static Clock businessClock() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), BUSINESS_START));
    }

    private void twilioProvider(int timeoutMs) throws Exception {
        hub.writeProviders("""
                providers:
                  - name: twilio-main
                    channel: sms
                    adapter: twilio
                    options: { base-url: "%s", account-sid: "{{twilio.account-sid}}", auth-token: "{{twilio.auth-token}}", from: "+15005550006", timeout-ms: "%d" }
                  - name: smtp-test
                    channel: email
                    adapter: smtp
                    options: { host: 127.0.0.1, port: "%d", from: reminders@lender.example }
                """.formatted(hub.twilio.baseUrl(), timeoutMs, hub.smtp.getSmtp().getPort()));
    }

    /** Twilio answers these requests (form bodies matching {@code toPattern}) only after {@code delayMs}. */
    private void slowFor(String bodyPattern, int delayMs) {
        hub.twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).atPriority(1)
                .withRequestBody(matching(bodyPattern))
                .willReturn(aResponse().withStatus(201).withFixedDelay(delayMs).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SMslow\",\"status\":\"queued\"}")));
    }

    @Test
    void slowAnswersHoldOnlyTheirOwnNoticesNotTheBatchesAfterThem() throws Exception {
        hub = new HubFixture(work);
        hub.smsOnlyLadder();
        twilioProvider(2_000);
        // borrowers 10, 20, 30 and 40 of 40: their numbers end in 0000010 … 0000040; answered after 5 s
        slowFor("(?s).*To=%2B86138600000[1-4]0(&.*)?", 5_000);
        // batches of 5 in a window of 20: with a barrier, a batch holding a slow SMS would keep every later batch
        // waiting for its timeout; 8 threads, so the 4 slow calls leave 4 for the rest
        hub.writeProperties(Map.of("hub.dispatch.threads", "8", "hub.dispatch.calls-per-provider", "8",
                "hub.dispatch.batch-size", "5", "hub.dispatch.window", "20",
                "hub.dispatch.backoff-initial-seconds", "3600"));
        Clock clock = businessClock();
        HubFixture.bulkBorrowers(hub.core, 6, 40, LocalDate.ofInstant(clock.instant(), SHANGHAI));

        try (HubDaemon hubDaemon = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false, clock)) {
            hubDaemon.start().planningPass().run(clock.instant());
            hubDaemon.runtime().dispatchJob().drain();
        }

        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(36);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'RETRY' AND reason = 'TIMEOUT' "
                + "AND attempts = 1")).isEqualTo(4);
        // every quick answer was recorded before the first timed-out one
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'SENT' AND id > "
                + "(SELECT MIN(id) FROM notice_event WHERE event_type = 'RETRY')"))
                .as("SENT outcomes recorded after the first timeout").isZero();
    }

    @Test
    void aProviderSlowForEverythingTakesOnlyItsOwnSlots() throws Exception {
        hub = new HubFixture(work);
        Files.writeString(hub.configDir.resolve("ladder.yaml"), """
                ladders:
                  - id: sms-and-email
                    steps:
                      - id: early
                        dpd: 1..
                        channels:
                          - { channel: sms, template: overdue_early }
                          - { channel: email, template: overdue_early }
                """);
        twilioProvider(2_000);
        slowFor("(?s).*", 5_000); // every SMS times out
        // 4 threads, at most 2 of them on any one provider
        hub.writeProperties(Map.of("hub.dispatch.threads", "4", "hub.dispatch.calls-per-provider", "2",
                "hub.dispatch.batch-size", "6", "hub.dispatch.window", "24",
                "hub.dispatch.backoff-initial-seconds", "3600",
                "hub.lender.email", "service@lender.example", "hub.lender.complaints", "400-000-0001",
                "hub.lender.website", "https://lender.example"));
        Clock clock = businessClock();
        HubFixture.bulkBorrowers(hub.core, 7, 6, LocalDate.ofInstant(clock.instant(), SHANGHAI));
        try (Connection c = hub.core.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE borrower SET email = lower(borrower_id) || '@example.com'");
        }

        try (HubDaemon hubDaemon = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false, clock)) {
            hubDaemon.start().planningPass().run(clock.instant());
            hubDaemon.runtime().dispatchJob().drain();
        }

        assertThat(hub.smtp.getReceivedMessages()).hasSize(6);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'email' AND status = 'SENT'")).isEqualTo(6);
        // each SMS was tried once: a notice finding the provider's slots taken was handed back, no attempt, no event
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'sms' AND status = 'RETRY' "
                + "AND reason = 'TIMEOUT' AND attempts = 1")).isEqualTo(6);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id "
                + "WHERE n.channel = 'sms' AND e.event_type <> 'PLANNED'")).isEqualTo(6);
        assertThat(hub.twilio.getAllServeEvents()).hasSize(6);
        // the e-mails did not wait for the slow provider: all recorded before its first timeout
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id "
                + "WHERE n.channel = 'email' AND e.event_type = 'SENT' AND e.id > (SELECT MIN(id) FROM notice_event "
                + "WHERE event_type = 'RETRY')")).as("e-mails recorded after the first SMS timeout").isZero();
    }
}
