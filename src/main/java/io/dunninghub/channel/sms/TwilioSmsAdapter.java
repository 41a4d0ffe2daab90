package io.dunninghub.channel.sms;

import java.util.Set;
import java.util.List;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.AdapterOption;
import com.fasterxml.jackson.databind.JsonNode;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SMS through Twilio Programmable Messaging ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}).
 *
 * <p>Twilio's create call has no idempotency key: a request that timed out after it was written may
 * still have been sent. Such answers are RETRY {@code TIMEOUT} or {@code CONNECTION_LOST}, so a notice
 * can reach the borrower at most once more per such attempt; {@code CONNECTION_ERROR} means nothing
 * left this host.
 */
public final class TwilioSmsAdapter implements ProviderAdapter {


    public static final AdapterType TYPE = new AdapterType("twilio", Set.of("sms"),
            "Twilio Messages API: form-encoded POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic, "
                    + "201 with sid. A landline fails with INVALID_RECIPIENT without calling Twilio.",
            AdapterType.with(List.of(
                    AdapterOption.of("account-sid", AdapterOption.Type.TEXT, "the account's AccountSid").required(),
                    AdapterOption.of("auth-token", AdapterOption.Type.SECRET, "keep the token in the environment")
                            .required(),
                    AdapterOption.of("from", AdapterOption.Type.TEXT, "the sending number").oneOf("sender"),
                    AdapterOption.of("messaging-service-sid", AdapterOption.Type.TEXT,
                            "a Messaging Service instead of one number").oneOf("sender"),
                    AdapterOption.of("base-url", AdapterOption.Type.URL, "").defaultsTo("https://api.twilio.com"),
                    AdapterOption.of("default-region", AdapterOption.Type.TEXT,
                            "region for national numbers, e.g. CN; ZZ: numbers must start with +").defaultsTo("ZZ"),
                    AdapterOption.of("status-callback", AdapterOption.Type.URL, "sent as StatusCallback: set it to "
                            + "<hub.receipts.public-url>/receipts/twilio for receipts"),
                    AdapterOption.of("inbound-url", AdapterOption.Type.URL, "the number's incoming-message webhook "
                            + "exactly as set at Twilio, when it differs from <hub.receipts.public-url>/inbound/twilio "
                            + "(Twilio signs the URL as configured); not sent to Twilio")),
                    AdapterType.httpTimeouts()),
            AdapterType.CrossCheck.NONE, (s, camel) -> new TwilioSmsAdapter(s));

    private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsAdapter.class);

    private final String name;
    private final URI endpoint;
    private final String authorization;
    private final String from;
    private final String messagingServiceSid;
    private final String statusCallback;
    private final String defaultRegion;
    private final ProviderHttp http;
    private final Clock clock;

    public TwilioSmsAdapter(ProviderSettings settings) {
        this(settings, Clock.systemUTC());
    }

    TwilioSmsAdapter(ProviderSettings s, Clock clock) {
        this.name = s.name();
        String accountSid = s.option("account-sid");
        String base = s.option("base-url", "https://api.twilio.com").replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/2010-04-01/Accounts/" + URLEncoder.encode(accountSid, StandardCharsets.UTF_8) + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + s.option("auth-token")).getBytes(StandardCharsets.UTF_8));
        this.from = s.option("from");
        this.messagingServiceSid = s.option("messaging-service-sid");
        this.statusCallback = s.option("status-callback");
        this.defaultRegion = s.option("default-region", "ZZ").toUpperCase();
        this.clock = clock;
        this.http = new ProviderHttp(s, clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        String to;
        try {
            to = smsRecipient(m.recipient(), defaultRegion);
        } catch (IllegalArgumentException e) {
            LOG.info("{}: notice {} not sent to {}: {}", name, m.noticeId(), Mask.phone(m.recipient()), e.getMessage());
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", e.getMessage());
        }
        if (m.text() == null || m.text().isBlank()) {
            return DeliveryResult.failed(name, "EMPTY_BODY", "no SMS text");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        if (messagingServiceSid != null) {
            form.put("MessagingServiceSid", messagingServiceSid);
        } else {
            form.put("From", from);
        }
        form.put("Body", m.text());
        if (statusCallback != null) {
            form.put("StatusCallback", statusCallback);
        }
        HttpRequest request = http.request(endpoint)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form), StandardCharsets.UTF_8))
                .build();
        ProviderHttp.Answer response = http.send(request, m.noticeId());
        if (response.failure() != null) {
            return response.failure();
        }
        DeliveryResult result = answer(response, SmsSegments.count(m.text()));
        LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.phone(to), result.outcome(),
                result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
        return result;
    }

    private DeliveryResult answer(ProviderHttp.Answer response, int segments) {
        int status = response.status();
        if (status / 100 != 2) {
            return TwilioErrors.classify(name, status, response.body(), response.header("Retry-After"), clock.instant());
        }
        JsonNode json = TwilioErrors.parse(response.body());
        String sid = json == null ? "" : json.path("sid").asText("");
        if (sid.isBlank()) {
            // accepted but unreadable: retrying could send a duplicate, so give up on this notice
            return DeliveryResult.failed(name, "BAD_RESPONSE", "HTTP " + status + " without a message sid (unparseable answer); the SMS may have been sent");
        }
        // Twilio's own count when it gives one (it may re-encode "smart" characters), else ours
        int billed = json.path("num_segments").asInt(0) > 0 ? json.path("num_segments").asInt() : segments;
        return new DeliveryResult(DeliveryResult.Outcome.SENT, name, sid, null, "status " + json.path("status").asText("?"),
                null, billed);
    }

    /**
     * The recipient in E.164 if it is a valid number that can take an SMS.
     *
     * @throws IllegalArgumentException with a reason that holds no part of the number
     */
    public static String smsRecipient(String recipient, String defaultRegion) {
        return PhoneNumbers.sms(recipient, defaultRegion);
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
