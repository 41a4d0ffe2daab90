package io.dunninghub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mail through SendGrid and its receipts: the daemon sends through the sendgrid adapter (WireMock in SendGrid's
 * shapes), records the X-Message-Id, and takes SendGrid's signed Event Webhook at /receipts/sendgrid: genuine
 * events become DELIVERED / UNDELIVERED with contact feedback for a bounce; unsigned, forged, stale and unreadable
 * posts change nothing; a replay changes nothing.
 */
@Slow
class SendGridEndToEndTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void signedEventsBecomeReceiptsAndForgedOnesAreRefused(@TempDir Path work) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair sendgridKeys = g.generateKeyPair();
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        WireMockServer sendgrid = new WireMockServer(wireMockConfig().dynamicPort());
        sendgrid.start();
        try (HubFixture hub = new HubFixture(work)) {
            sendgrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(202)
                    .withTransformers("response-template")
                    .withHeader("X-Message-Id", "{{randomValue length=22 type='ALPHANUMERIC'}}")));
            hub.writeLadderYaml("""
                    ladders:
                      - id: email-only
                        steps:
                          - id: early
                            dpd: 1..
                            channels:
                              - { channel: email, template: overdue_early }
                    """);
            hub.writeProviders("""
                    providers:
                      - name: sendgrid-main
                        channel: email
                        adapter: sendgrid
                        options:
                          api-key: "SG.test"
                          from: reminders@lender.example
                          base-url: "%s"
                    """.formatted(sendgrid.baseUrl()));
            hub.writeProperties(Map.of("hub.scan.on-startup", "false", "hub.scan.cron", "0 0 0 1 1 ? 2099",
                    "hub.receipts.sendgrid.public-key", Base64.getEncoder().encodeToString(sendgridKeys.getPublic().getEncoded())));
            hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zhang.wei@example.com", null, false, 2, today, false);
            hub.borrower("B2", "李娜", "zh-CN", "Asia/Shanghai", "+8613700137000", "li.na@example.com", null, false, 3, today, false);
            TestClock clock = new TestClock(NOW);
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, clock)) {
                HubRuntime runtime = app.start();
                app.camelContext().getRouteController().stopRoute("dispatch");
                runtime.planningJob().run();
                runtime.dispatchJob().drain();
                Map<String, String[]> sent = sent(hub);
                assertThat(sent).containsOnlyKeys("B1", "B2");
                String b1Notice = sent.get("B1")[0];
                String b2Message = sent.get("B2")[1];
                assertThat(b2Message).hasSize(22);

                // B1 by its notice_id custom argument, B2 by the X-Message-Id prefix of sg_message_id alone
                String events = """
                        [{"email":"zhang.wei@example.com","timestamp":%d,"event":"delivered","notice_id":"%s",
                          "sg_event_id":"ZGVsaXZlcmVkLTE","sg_message_id":"%s.filterdrecv-5bf99c48d-qbpgw-17-5D9F9C21-6.0"},
                         {"email":"li.na@example.com","timestamp":%d,"event":"bounce","type":"bounce","status":"5.1.1",
                          "reason":"550 5.1.1 The email account that you tried to reach does not exist.",
                          "sg_event_id":"Ym91bmNlLTI","sg_message_id":"%s.filterdrecv-1"}]
                        """.formatted(NOW.getEpochSecond(), b1Notice, sent.get("B1")[1], NOW.getEpochSecond(), b2Message);
                String ts = String.valueOf(NOW.getEpochSecond());

                assertThat(callback(hub, events, null, ts).statusCode()).as("unsigned").isEqualTo(401);
                assertThat(callback(hub, events, sign(sendgridKeys, ts, events.replace("bounce", "delivered")), ts).statusCode())
                        .as("signed over another body").isEqualTo(403);
                String old = String.valueOf(NOW.minus(Duration.ofMinutes(10)).getEpochSecond());
                assertThat(callback(hub, events, sign(sendgridKeys, old, events), old).statusCode()).as("stale").isEqualTo(403);
                String unreadable = "[{\"event\":\"delivered\"}]";
                HttpResponse<String> bad = callback(hub, unreadable, sign(sendgridKeys, ts, unreadable), ts);
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).isEqualTo("[0].sg_event_id: missing");
                assertThat(hub.ledgerCount("SELECT COUNT(*) FROM receipt")).as("nothing stored so far").isZero();

                assertThat(callback(hub, events, sign(sendgridKeys, ts, events), ts).statusCode()).isEqualTo(200);
                assertThat(callback(hub, events, sign(sendgridKeys, ts, events), ts).statusCode()).as("replay").isEqualTo(200);

                assertThat(ledger(hub, "SELECT n.borrower_id || '/' || e.event_type || '/' || COALESCE(e.reason, '') "
                        + "FROM notice_event e JOIN notice n ON n.id = e.notice_id WHERE e.event_type IN ('DELIVERED', 'UNDELIVERED')"))
                        .isEqualTo(Map.of("B1/DELIVERED/", 1L, "B2/UNDELIVERED/SENDGRID_BOUNCE", 1L));
                assertThat(ledger(hub, "SELECT borrower_id || '/' || channel || '/' || reason FROM contact_feedback"))
                        .isEqualTo(Map.of("B2/email/ADDRESS_INVALID", 1L));
            }
        } finally {
            sendgrid.stop();
        }
    }

    /** borrower → {notice id, provider message id} of the e-mail notices SENT. */
    private static Map<String, String[]> sent(HubFixture hub) throws Exception {
        Map<String, String[]> out = new TreeMap<>();
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT borrower_id, id, provider_message_id FROM notice WHERE status = 'SENT'")) {
            while (rs.next()) {
                out.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }

    private static Map<String, Long> ledger(HubFixture hub, String sql) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.merge(rs.getString(1), 1L, Long::sum);
            }
        }
        return out;
    }

    private static String sign(KeyPair keys, String timestamp, String body) throws Exception {
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(keys.getPrivate());
        ecdsa.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ecdsa.sign());
    }

    private HttpResponse<String> callback(HubFixture hub, String body, String signature, String timestamp) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort + "/receipts/sendgrid"))
                .header("Content-Type", "application/json")
                .header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            r.header("X-Twilio-Email-Event-Webhook-Signature", signature);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
