package io.dunninghub.receipt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt routes' bean: checks that a callback really comes from the provider, reads it, applies it to
 * the ledger and answers what the provider expects. A callback that cannot be verified gets 401 (no
 * credentials) or 403 (wrong ones) and changes nothing; one the hub cannot read gets 400; a ledger failure
 * gets 500 so the provider tries again later.
 */
public final class ReceiptEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptEndpoints.class);

    /**
     * @param publicUrl            the hub's address as providers call it (scheme, host, optional port), used to
     *                             check Twilio signatures; blank = as the request arrived (Host header)
     * @param twilioTokens         auth token per Twilio AccountSid (from the enabled twilio providers)
     * @param twilioCallbackUrls   the {@code status-callback} URLs of those providers: Twilio signs the URL as
     *                             configured, which a proxy in front of the hub may not pass on as it was
     * @param alibabaToken         secret path segment of the Alibaba receipt URL; blank = endpoint off
     * @param tencentToken         secret path segment of the Tencent receipt URL; blank = endpoint off
     * @param lobSecret            Lob webhook secret; blank = endpoint off
     * @param lobTolerance         how far a Lob signature timestamp may be from now
     */
    public record Settings(String publicUrl, Map<String, String> twilioTokens, java.util.Set<String> twilioCallbackUrls,
                           String alibabaToken, String tencentToken, String lobSecret, Duration lobTolerance) {
        public Settings {
            twilioTokens = Map.copyOf(twilioTokens);
            twilioCallbackUrls = java.util.Set.copyOf(twilioCallbackUrls);
        }
    }

    private final ReceiptBook book;
    private volatile Settings settings;
    private final Clock clock;

    public ReceiptEndpoints(ReceiptBook book, Settings settings, Clock clock) {
        this.book = book;
        this.settings = settings;
        this.clock = clock;
    }

    /** New credentials after a providers.yaml reload (the Twilio auth tokens come from there). */
    public void update(Settings next) {
        this.settings = next;
    }

    /** {@code POST /receipts/twilio}: a status callback, form-encoded, signed with X-Twilio-Signature. */
    public void twilio(Exchange exchange) {
        Message in = exchange.getMessage();
        String signature = in.getHeader("X-Twilio-Signature", String.class);
        Map<String, List<String>> params;
        try {
            params = form(in);
        } catch (IllegalArgumentException e) {
            clear(in);
            answer(in, 400, "text/plain", e.getMessage(), "twilio");
            return;
        }
        String url = requestUrl(in);
        clear(in);
        if (signature == null || signature.isBlank()) {
            answer(in, 401, "text/plain", "missing X-Twilio-Signature", "twilio");
            return;
        }
        List<String> account = params.getOrDefault("AccountSid", List.of());
        String token = account.isEmpty() ? null : settings.twilioTokens().get(account.get(0));
        if (token == null || !signedFor(url, params, token, signature)) {
            answer(in, 403, "text/plain", "signature does not match", "twilio");
            return;
        }
        Receipt r;
        try {
            r = ReceiptReports.twilio(params);
        } catch (IllegalArgumentException e) {
            answer(in, 400, "text/plain", e.getMessage(), "twilio");
            return;
        }
        if (store("twilio", List.of(r), in)) {
            answer(in, 200, "text/plain", "", null);
        }
    }

    /** {@code POST /receipts/alibaba/{token}}: Alibaba Cloud SmsReport, a JSON array. */
    public void alibaba(Exchange exchange) {
        tokenReports(exchange, "alibaba", settings.alibabaToken(), ReceiptReports::alibaba,
                "{\"code\":0,\"msg\":\"接收成功\"}", "{\"code\":1,\"msg\":\"%s\"}");
    }

    /** {@code POST /receipts/tencent/{token}}: Tencent Cloud SMS status callback, a JSON array. */
    public void tencent(Exchange exchange) {
        tokenReports(exchange, "tencent", settings.tencentToken(), ReceiptReports::tencent,
                "{\"result\":0,\"errmsg\":\"OK\"}", "{\"result\":1,\"errmsg\":\"%s\"}");
    }

    /** {@code POST /receipts/lob}: a Lob letter event, signed with Lob-Signature over timestamp and body. */
    public void lob(Exchange exchange) {
        Message in = exchange.getMessage();
        String signature = in.getHeader("Lob-Signature", String.class);
        String timestamp = in.getHeader("Lob-Signature-Timestamp", String.class);
        byte[] body = body(in);
        clear(in);
        if (blank(settings.lobSecret())) {
            answer(in, 404, "text/plain", "Lob receipts are not configured", "lob");
            return;
        }
        LobSignature.Verdict verdict = LobSignature.verify(settings.lobSecret(), timestamp, signature, body,
                clock.instant(), settings.lobTolerance());
        switch (verdict) {
            case MISSING -> {
                answer(in, 401, "text/plain", "missing Lob-Signature or Lob-Signature-Timestamp", "lob");
                return;
            }
            case BAD_SIGNATURE -> {
                answer(in, 403, "text/plain", "signature does not match", "lob");
                return;
            }
            case STALE -> {
                answer(in, 403, "text/plain", "timestamp outside the allowed window", "lob");
                return;
            }
            case VALID -> {
                // go on
            }
        }
        Receipt r;
        try {
            r = ReceiptReports.lob(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            answer(in, 400, "text/plain", e.getMessage(), "lob");
            return;
        }
        if (store("lob", List.of(r), in)) {
            answer(in, 200, "application/json", "{}", null);
        }
    }

    /** The timer route's call: reports that arrived before their notice was recorded as sent. */
    public int matchLate() {
        try {
            int n = book.matchLate(clock.instant());
            if (n > 0) {
                LOG.info("receipts: {} reports matched to their notices late", n);
            }
            return n;
        } catch (SQLException e) {
            LOG.warn("receipts: cannot match late reports now: {}", e.getMessage());
            return 0;
        }
    }

    private void tokenReports(Exchange exchange, String source, String expected,
                              java.util.function.Function<String, List<Receipt>> parse, String ok, String error) {
        Message in = exchange.getMessage();
        String token = in.getHeader("token", String.class);
        byte[] body = body(in);
        clear(in);
        if (blank(expected)) {
            answer(in, 404, "application/json", error.formatted("not configured"), source);
            return;
        }
        // no signature exists for these callbacks: the secret path segment is the credential
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            answer(in, 403, "application/json", error.formatted("forbidden"), source);
            return;
        }
        List<Receipt> reports;
        try {
            reports = parse.apply(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            answer(in, 400, "application/json", error.formatted(e.getMessage().replace("\"", "'")), source);
            return;
        }
        if (store(source, reports, in)) {
            answer(in, 200, "application/json", ok, null);
        }
    }

    private boolean store(String source, List<Receipt> reports, Message out) {
        try {
            ReceiptBook.Applied a = book.apply(reports, clock.instant());
            LOG.debug("receipts from {}: {} reports, {} applied, {} duplicates, {} not matched yet", source,
                    a.received(), a.applied(), a.duplicates(), a.unmatched());
            return true;
        } catch (SQLException e) {
            LOG.warn("receipts from {}: ledger unavailable, asking the provider to retry: {}", source, e.getMessage());
            answer(out, 500, "text/plain", "ledger unavailable, retry later", null);
            return false;
        }
    }

    private static void answer(Message out, int status, String contentType, String body, String refusedSource) {
        if (refusedSource != null) {
            LOG.warn("receipts from {}: refused with {}: {}", refusedSource, status, body);
        }
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType + "; charset=UTF-8");
        out.setBody(body);
    }

    private boolean signedFor(String url, Map<String, List<String>> params, String token, String signature) {
        return Webhooks.twilioSigned(url, settings.twilioCallbackUrls(), params, token, signature);
    }

    private String requestUrl(Message in) {
        return Webhooks.requestUrl(in, settings.publicUrl());
    }

    private static Map<String, List<String>> form(Message in) {
        return Webhooks.form(in);
    }

    private static byte[] body(Message in) {
        return Webhooks.body(in);
    }

    private static void clear(Message in) {
        in.removeHeaders("*");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
