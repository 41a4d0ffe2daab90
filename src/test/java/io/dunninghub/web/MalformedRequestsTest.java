package io.dunninghub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.receipt.LobSignature;
import io.dunninghub.receipt.TwilioSignature;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed requests to every receipt and admin endpoint of a running daemon: a form with a broken percent escape,
 * a binary body, JSON that is not JSON. Each gets 400 with a reason and no stack trace; nothing answers 500.
 */
@Slow
class MalformedRequestsTest {

    private static final String PUBLIC_URL = "https://hub.lender.example";
    private static final String LOB_SECRET = "whsec-test";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    private static final String DIALER_SECRET = "dialer-secret-0123456789";

    final HttpClient http = HttpClient.newHttpClient();

    private static byte[] binary() {
        byte[] b = new byte[512];
        new Random(17).nextBytes(b);
        b[0] = (byte) 0xff; // never valid UTF-8
        b[1] = (byte) 0xfe;
        return b;
    }

    private HttpResponse<String> post(int port, String path, String contentType, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(r::header);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertBadRequest(HttpResponse<String> r, String what) {
        assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(400);
        assertThat(r.body()).as(what).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("org.apache");
    }

    @Test
    void everyReceiptAndAdminEndpointAnswers400ToAMalformedBody(@TempDir Path work) throws Exception {
        try (HubFixture hub = new HubFixture(work)) {
            hub.smsOnlyLadder();
            hub.writeProperties(Map.of("hub.receipts.public-url", PUBLIC_URL, "hub.receipts.lob.secret", LOB_SECRET,
                    "hub.receipts.alibaba.token", "ali-7f3c", "hub.receipts.tencent.token", "tc-91ab",
                    "hub.admin.token", ADMIN_TOKEN, "hub.scan.on-startup", "false",
                    "hub.outcomes.dialer.secret", DIALER_SECRET, "hub.outcomes.alibaba.token", "ali-in-5d2e",
                    "hub.outcomes.tencent.token", "tc-in-83f1", "hub.unsubscribe.secret", "unsubscribe-secret-0123456789"));
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
                app.start();
                int port = hub.httpPort;
                String form = "application/x-www-form-urlencoded";

                // Twilio: a broken percent escape, signed over what the sender would have meant
                String escape = "AccountSid=" + HubFixture.ACCOUNT_SID + "&MessageSid=SM1&MessageStatus=%zz";
                String signature = TwilioSignature.compute(PUBLIC_URL + "/receipts/twilio",
                        Map.of("AccountSid", List.of(HubFixture.ACCOUNT_SID), "MessageSid", List.of("SM1"),
                                "MessageStatus", List.of("%zz")), HubFixture.AUTH_TOKEN);
                // (the HTTP server decodes a form itself; whatever it makes of the escape, the signature cannot match)
                HttpResponse<String> zz = post(port, "/receipts/twilio", form, escape.getBytes(StandardCharsets.US_ASCII),
                        Map.of("X-Twilio-Signature", signature));
                assertThat(zz.statusCode()).as(zz.body()).isIn(400, 403);
                HttpResponse<String> cut = post(port, "/receipts/twilio", form,
                        "MessageSid=SM1&To=%2".getBytes(StandardCharsets.US_ASCII), Map.of("X-Twilio-Signature", signature));
                assertThat(cut.statusCode()).as(cut.body()).isIn(400, 403);
                assertBadRequest(post(port, "/receipts/twilio", form, binary(), Map.of("X-Twilio-Signature", signature)),
                        "twilio binary form");
                assertBadRequest(post(port, "/receipts/twilio", "application/octet-stream", binary(),
                        Map.of("X-Twilio-Signature", signature)), "twilio binary");
                assertBadRequest(post(port, "/receipts/twilio", "text/plain", escape.getBytes(StandardCharsets.US_ASCII),
                        Map.of("X-Twilio-Signature", signature)), "twilio %zz as text");

                // Alibaba and Tencent: the right path token, a body that is not JSON
                for (String path : List.of("/receipts/alibaba/ali-7f3c", "/receipts/tencent/tc-91ab")) {
                    assertBadRequest(post(port, path, "application/json", binary(), Map.of()), path + " binary");
                    assertBadRequest(post(port, path, "application/json", "[{\"sid\": ".getBytes(StandardCharsets.UTF_8),
                            Map.of()), path + " cut JSON");
                }

                // Lob: a genuinely signed binary body, and a timestamp that is not a number
                byte[] body = binary();
                String ts = Long.toString(System.currentTimeMillis());
                assertBadRequest(post(port, "/receipts/lob", "application/json", body, Map.of("Lob-Signature",
                        LobSignature.compute(LOB_SECRET, ts, body), "Lob-Signature-Timestamp", ts)), "lob binary");
                HttpResponse<String> badTimestamp = post(port, "/receipts/lob", "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8), Map.of("Lob-Signature", "00", "Lob-Signature-Timestamp", "yesterday"));
                assertThat(badTimestamp.statusCode()).as(badTimestamp.body()).isIn(400, 401, 403);

                // inbound: the dialer's signed binary and cut JSON, SMS pushes that are not JSON, Twilio forms that are not forms
                for (byte[] bad : List.of(binary(), "{\"callId\": ".getBytes(StandardCharsets.UTF_8),
                        "{\"callId\":\"c\",\"noticeId\":\"n\",\"outcome\":\"busy\",\"occurredAt\":\"x\"}".getBytes(StandardCharsets.UTF_8))) {
                    String now = Long.toString(System.currentTimeMillis() / 1000);
                    assertBadRequest(post(port, "/outcomes/calls", "application/json", bad, Map.of("X-Dunning-Timestamp", now,
                            "X-Dunning-Signature", LobSignature.compute(DIALER_SECRET, now, bad))), "dialer " + bad.length);
                }
                HttpResponse<String> unsigned = post(port, "/outcomes/calls", "application/json", binary(), Map.of());
                assertThat(unsigned.statusCode()).isEqualTo(401);
                HttpResponse<String> forged = post(port, "/outcomes/calls", "application/json", binary(),
                        Map.of("X-Dunning-Timestamp", "1", "X-Dunning-Signature", "00"));
                assertThat(forged.statusCode()).isEqualTo(403);
                for (String path : List.of("/inbound/alibaba/ali-in-5d2e", "/inbound/tencent/tc-in-83f1")) {
                    assertBadRequest(post(port, path, "application/json", binary(), Map.of()), path + " binary");
                    assertBadRequest(post(port, path, "application/json", "[{\"mobile\": ".getBytes(StandardCharsets.UTF_8),
                            Map.of()), path + " cut JSON");
                }
                assertBadRequest(post(port, "/inbound/twilio", "application/octet-stream", binary(),
                        Map.of("X-Twilio-Signature", signature)), "twilio inbound binary");
                HttpResponse<String> inboundEscape = post(port, "/inbound/twilio", form, escape.getBytes(StandardCharsets.US_ASCII),
                        Map.of("X-Twilio-Signature", signature));
                assertThat(inboundEscape.statusCode()).as(inboundEscape.body()).isIn(400, 403);
                HttpResponse<String> unsubscribe = post(port, "/unsubscribe/not-a-token", "application/octet-stream",
                        binary(), Map.of());
                assertThat(unsubscribe.statusCode()).as(unsubscribe.body()).isIn(400, 403);

                // the admin API with a valid token
                Map<String, String> bearer = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
                for (String path : List.of("/admin/replay", "/admin/cancel", "/admin/outcomes")) {
                    assertBadRequest(post(port, path, "application/json", binary(), bearer), path + " binary");
                    assertBadRequest(post(port, path, "application/json", "{\"limit\": ".getBytes(StandardCharsets.UTF_8),
                            bearer), path + " cut JSON");
                    assertBadRequest(post(port, path, "application/x-www-form-urlencoded", "a=%zz".getBytes(StandardCharsets.UTF_8),
                            bearer), path + " form");
                }
                assertBadRequest(post(port, "/admin/replay", "application/json",
                        "{\"limit\": 99999999999999999999}".getBytes(StandardCharsets.UTF_8), bearer), "replay huge limit");
                assertBadRequest(post(port, "/admin/replay", "application/json",
                        "{\"status\": [{\"x\": 1}]}".getBytes(StandardCharsets.UTF_8), bearer), "replay status object");
                assertBadRequest(post(port, "/admin/outcomes", "application/json",
                        "{\"borrower\": \"B1\", \"outcome\": \"hung-up\"}".getBytes(StandardCharsets.UTF_8), bearer), "unknown outcome");
                assertBadRequest(post(port, "/admin/outcomes", "application/json",
                        "{\"borrower\": \"B1\", \"outcome\": \"promise-to-pay\", \"promisedDate\": \"soon\"}"
                                .getBytes(StandardCharsets.UTF_8), bearer), "bad promised date");
                HttpResponse<String> reload = post(port, "/admin/reload", "application/json", binary(), bearer);
                assertThat(reload.statusCode()).as(reload.body()).isIn(200, 400);
            }
        }
    }
}
