package io.dunninghub.faults;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.receipt.LobSignature;
import io.dunninghub.receipt.TwilioSignature;
import io.dunninghub.support.HubFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 6: delivery callbacks on the daemon's HTTP server. Genuine ones become DELIVERED / UNDELIVERED events
 * and contact feedback; forged ones (bad or missing signature, wrong path token, tampered body) get 401/403 and
 * change nothing; replays change nothing, and a replayed Lob callback outside its time window is refused.
 */
@Slow
class ReceiptCallbacksFaultTest {

    private static final String PUBLIC_URL = "https://hub.lender.example";
    private static final String LOB_SECRET = "whsec-test";

    @TempDir
    Path work;
    HubFixture hub;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void genuineCallbacksCountForgedAndReplayedOnesDoNot() throws Exception {
        hub = new HubFixture(work);
        hub.smsOnlyLadder();
        hub.writeProperties(Map.of("hub.receipts.public-url", PUBLIC_URL, "hub.receipts.lob.secret", LOB_SECRET,
                "hub.receipts.alibaba.token", "ali-7f3c", "hub.receipts.tencent.token", "tc-91ab"));
        HubFixture.bulkBorrowers(hub.core, 8, 4, LocalDate.now(ZoneId.of("Asia/Shanghai")));
        try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
            app.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'") == 4);
            Map<String, String[]> byBorrower = notices();
            String sid1 = byBorrower.get("P8-1")[1];
            String sid2 = byBorrower.get("P8-2")[1];

            // Twilio: genuine, then the very same callback again
            Map<String, String> delivered = twilioStatus(sid1, "delivered", null, "+8613880000001");
            assertThat(twilio(delivered, sign(delivered)).statusCode()).isEqualTo(200);
            assertThat(twilio(delivered, sign(delivered)).statusCode()).isEqualTo(200);
            assertThat(delivery(sid1)).isEqualTo("DELIVERED");
            assertThat(events("DELIVERED")).isEqualTo(1);

            // Twilio forgeries: no signature, a made-up one, a genuine one over other parameters, another account's token
            Map<String, String> forged = twilioStatus(sid2, "delivered", null, "+8613880000002");
            assertThat(twilio(forged, null).statusCode()).isEqualTo(401);
            assertThat(twilio(forged, "bm90IGEgc2lnbmF0dXJlCg==").statusCode()).isEqualTo(403);
            Map<String, String> signedSent = twilioStatus(sid2, "sent", null, "+8613880000002");
            assertThat(twilio(forged, sign(signedSent)).statusCode()).isEqualTo(403);
            assertThat(twilio(forged, TwilioSignature.compute(PUBLIC_URL + "/receipts/twilio", multi(forged), "other-token"))
                    .statusCode()).isEqualTo(403);
            assertThat(delivery(sid2)).isNull();

            // Twilio: the borrower replied STOP at the carrier: undelivered, and an SMS opt-out for the policy
            Map<String, String> optOut = twilioStatus(sid2, "failed", "21610", "+8613880000002");
            assertThat(twilio(optOut, sign(optOut)).statusCode()).isEqualTo(200);
            assertThat(delivery(sid2)).isEqualTo("UNDELIVERED");
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM contact_feedback WHERE borrower_id = 'P8-2' AND channel = 'sms' AND reason = 'OPTED_OUT' AND address_hash = '"
                    + ContactFeedback.addressHash("sms", "+8613880000002") + "'")).isEqualTo(1);

            // Alibaba and Tencent: the secret path token is the credential; the answer is what each expects
            String notice3 = byBorrower.get("P8-3")[0];
            String ali = "[{\"phone_number\":\"13880000003\",\"success\":true,\"err_code\":\"DELIVERED\",\"err_msg\":\"用户接收成功\","
                    + "\"biz_id\":\"900619746936498440^0\",\"out_id\":\"" + notice3 + "\",\"report_time\":\"2026-11-23 10:00:05\"}]";
            HttpResponse<String> wrongToken = json("/receipts/alibaba/guess", ali);
            assertThat(wrongToken.statusCode()).isEqualTo(403);
            assertThat(delivery(byBorrower.get("P8-3")[1])).isNull();
            HttpResponse<String> aliOk = json("/receipts/alibaba/ali-7f3c", ali);
            assertThat(aliOk.statusCode()).isEqualTo(200);
            assertThat(aliOk.body()).isEqualTo("{\"code\":0,\"msg\":\"接收成功\"}");
            assertThat(delivery(byBorrower.get("P8-3")[1])).isEqualTo("DELIVERED");

            String sid4 = byBorrower.get("P8-4")[1];
            String tc = "[{\"user_receive_time\":\"2026-11-23 10:03:04\",\"nationcode\":\"86\",\"mobile\":\"13880000004\","
                    + "\"report_status\":\"FAIL\",\"errmsg\":\"-106\",\"description\":\"关键字拦截\",\"sid\":\"" + sid4 + "\"}]";
            assertThat(json("/receipts/tencent/ali-7f3c", tc).statusCode()).as("another provider's token").isEqualTo(403);
            HttpResponse<String> tcOk = json("/receipts/tencent/tc-91ab", tc);
            assertThat(tcOk.statusCode()).isEqualTo(200);
            assertThat(tcOk.body()).isEqualTo("{\"result\":0,\"errmsg\":\"OK\"}");
            assertThat(delivery(sid4)).isEqualTo("UNDELIVERED");
            assertThat(json("/receipts/tencent/tc-91ab", "{\"not\":\"an array\"}").statusCode()).isEqualTo(400);

            // Lob: signed over timestamp and body; a replay later than five minutes is refused even with its signature
            String event = "{\"id\":\"evt_77\",\"body\":{\"id\":\"ltr_1\"},\"reference_id\":\"ltr_1\",\"event_type\":{\"id\":\"letter.delivered\"},\"object\":\"event\"}";
            String now = String.valueOf(System.currentTimeMillis());
            assertThat(lob(event, now, LobSignature.compute(LOB_SECRET, now, bytes(event))).statusCode()).isEqualTo(200);
            assertThat(lob(event, now, LobSignature.compute(LOB_SECRET, now, bytes(event))).statusCode()).as("replay inside the window").isEqualTo(200);
            String old = String.valueOf(System.currentTimeMillis() - Duration.ofMinutes(6).toMillis());
            assertThat(lob(event, old, LobSignature.compute(LOB_SECRET, old, bytes(event))).statusCode()).as("replay outside the window").isEqualTo(403);
            assertThat(lob(event, now, LobSignature.compute("guessed", now, bytes(event))).statusCode()).isEqualTo(403);
            String tampered = event.replace("letter.delivered", "letter.returned_to_sender");
            assertThat(lob(tampered, now, LobSignature.compute(LOB_SECRET, now, bytes(event))).statusCode()).isEqualTo(403);
            assertThat(lob(event, null, null).statusCode()).isEqualTo(401);
        }
        // Only the genuine reports are on record, each once: Twilio delivered + failed, Alibaba, Tencent, Lob.
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM receipt")).isEqualTo(5);
        assertThat(events("DELIVERED")).isEqualTo(2);
        assertThat(events("UNDELIVERED")).isEqualTo(2);
    }

    private Map<String, String[]> notices() throws Exception {
        Map<String, String[]> out = new LinkedHashMap<>();
        try (Connection c = hub.ledger.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT borrower_id, id, provider_message_id FROM notice")) {
            while (rs.next()) {
                out.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }

    private String delivery(String sid) throws Exception {
        try (Connection c = hub.ledger.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT delivery_status FROM notice WHERE provider_message_id = '" + sid + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int events(String type) throws Exception {
        return hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = '" + type + "'");
    }

    private static Map<String, String> twilioStatus(String sid, String status, String errorCode, String to) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("SmsSid", sid);
        p.put("SmsStatus", status);
        p.put("MessageStatus", status);
        p.put("To", to);
        p.put("MessageSid", sid);
        p.put("AccountSid", HubFixture.ACCOUNT_SID);
        p.put("From", "+15005550006");
        p.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            p.put("ErrorCode", errorCode);
        }
        return p;
    }

    private static Map<String, List<String>> multi(Map<String, String> p) {
        return p.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }

    /** What Twilio would put in X-Twilio-Signature for these parameters, posted to the hub's public URL. */
    private static String sign(Map<String, String> params) {
        return TwilioSignature.compute(PUBLIC_URL + "/receipts/twilio", multi(params), HubFixture.AUTH_TOKEN);
    }

    private HttpResponse<String> twilio(Map<String, String> params, String signature) throws Exception {
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder r = HttpRequest.newBuilder(url("/receipts/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("I-Twilio-Idempotency-Token", "idem-" + form.hashCode())
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            r.header("X-Twilio-Signature", signature);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> json(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> lob(String body, String timestamp, String signature) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(url("/receipts/lob")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            r.header("Lob-Signature-Timestamp", timestamp).header("Lob-Signature", signature);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + hub.httpPort + path);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
