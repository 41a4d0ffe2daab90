package io.dunninghub.outcome;

import io.dunninghub.receipt.LobSignature;
import io.dunninghub.receipt.TwilioSignature;
import io.dunninghub.support.HubFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the dialer and Twilio post to a running daemon's inbound endpoints, in their real shapes. */
final class InboundRequests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private InboundRequests() {
    }

    /** A call result signed with the dialer secret, stamped with the hub's clock (the endpoint checks the window). */
    static HttpResponse<String> signedCallResult(HubFixture hub, String secret, Instant now, String json) throws Exception {
        String ts = Long.toString(now.getEpochSecond());
        return HTTP.send(callResult(hub, json)
                .header(OutcomeEndpoints.TIMESTAMP_HEADER, ts)
                .header(OutcomeEndpoints.SIGNATURE_HEADER, LobSignature.compute(secret, ts,
                        json.getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The same without the two signature headers. */
    static HttpResponse<String> unsignedCallResult(HubFixture hub, String json) throws Exception {
        return HTTP.send(callResult(hub, json).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder callResult(HubFixture hub, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort + "/outcomes/calls"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** Twilio's incoming-message form for a text from this number to the fixture's sender. */
    static Map<String, String> twilioIncoming(String sid, String from, String body) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("MessageSid", sid);
        f.put("SmsSid", sid);
        f.put("AccountSid", HubFixture.ACCOUNT_SID);
        f.put("From", from);
        f.put("To", "+15005550006");
        f.put("Body", body);
        f.put("NumMedia", "0");
        f.put("NumSegments", "1");
        f.put("ApiVersion", "2010-04-01");
        return f;
    }

    /** Posts the form to /inbound/twilio signed as Twilio signs it: over the public URL, with the auth token. */
    static HttpResponse<String> postTwilio(HubFixture hub, String publicUrl, Map<String, String> params) throws Exception {
        String signature = TwilioSignature.compute(publicUrl + "/inbound/twilio", params.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), HubFixture.AUTH_TOKEN);
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort + "/inbound/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
