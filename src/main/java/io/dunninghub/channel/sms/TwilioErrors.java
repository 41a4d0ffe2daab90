package io.dunninghub.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.RetryAfter;
import io.dunninghub.common.Mask;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Twilio error answer is classified: the one table of permanent and transient codes
 * (https://www.twilio.com/docs/api/errors/&lt;code&gt;).
 */
final class TwilioErrors {

    /** Never retry: bad or unsubscribed recipient, not SMS-capable, account or sender configuration. */
    static final Set<Integer> PERMANENT = Set.of(21211, 21610, 21614, 21635, 21608, 21606, 21408, 20003, 30005, 30006, 30007);

    /** Retry later: rate limit, queue overflow, unknown carrier error, handset unreachable. */
    static final Set<Integer> TRANSIENT = Set.of(20429, 30001, 30008, 30003);

    /**
     * The From number's queue holds more than 10 hours of messages (21611): it drains at the sender's rate, so the
     * same request succeeds later; Twilio sends no Retry-After, the provider waits at least this long.
     */
    static final int QUEUE_FULL = 21611;
    static final Duration QUEUE_FULL_WAIT = Duration.ofMinutes(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    // Twilio's error messages quote the number ("The 'To' number +86138... is not valid")
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d[\\d ()-]{5,}\\d");

    private TwilioErrors() {
    }

    /** Classifies a non-2xx answer. */
    static DeliveryResult classify(String provider, int status, String body, String retryAfterHeader, Instant now) {
        JsonNode error = parse(body);
        int code = error != null && error.path("code").canConvertToInt() ? error.path("code").intValue() : 0;
        String detail = code == 0
                ? "HTTP " + status + (error == null ? ", unparseable body" : "")
                : "HTTP " + status + ", Twilio " + code + ": " + redact(error.path("message").asText(""));
        if (status == 429) {
            return DeliveryResult.retry(provider, "RATE_LIMITED", detail, RetryAfter.parse(retryAfterHeader, now));
        }
        if (status >= 500) {
            return DeliveryResult.retry(provider, "HTTP_" + status, detail, RetryAfter.parse(retryAfterHeader, now));
        }
        if (code == QUEUE_FULL) {
            Duration after = RetryAfter.parse(retryAfterHeader, now);
            return DeliveryResult.retry(provider, "TWILIO_" + code, detail,
                    after != null && after.compareTo(QUEUE_FULL_WAIT) > 0 ? after : QUEUE_FULL_WAIT);
        }
        if (PERMANENT.contains(code)) {
            return DeliveryResult.failed(provider, "TWILIO_" + code, detail);
        }
        if (TRANSIENT.contains(code)) {
            return DeliveryResult.retry(provider, "TWILIO_" + code, detail, RetryAfter.parse(retryAfterHeader, now));
        }
        // any other 4xx (or 1xx/3xx) will fail again the same way
        return DeliveryResult.failed(provider, "HTTP_" + status, detail);
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    static String redact(String text) {
        Matcher m = PHONE_LIKE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Mask.phone(m.group())));
        }
        m.appendTail(out);
        String s = out.toString();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
