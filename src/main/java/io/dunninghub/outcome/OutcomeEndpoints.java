package io.dunninghub.outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.channel.email.UnsubscribeToken;
import io.dunninghub.ledger.ContactOutcome;
import io.dunninghub.ledger.OutcomeBook;
import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.receipt.LobSignature;
import io.dunninghub.receipt.Webhooks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound routes' bean: call results from the dialer, SMS replies from Twilio, Alibaba Cloud and Tencent
 * Cloud, and e-mail unsubscribe clicks. Each request is verified first (401 without credentials, 403 with wrong or
 * stale ones, 404 when the endpoint is not configured), then read (400 with the reason for anything malformed),
 * then handed to {@link OutcomeIntake}, which records each message once however often it is delivered. A ledger
 * that cannot be reached is 503, so the sender tries again; nothing answers 500.
 */
public final class OutcomeEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeEndpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ALIYUN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Header of the dialer's signature: hex HMAC-SHA256 of {@code <timestamp>.<raw body>}. */
    public static final String SIGNATURE_HEADER = "X-Dunning-Signature";
    /** Header of the dialer's timestamp, Unix seconds (or milliseconds). */
    public static final String TIMESTAMP_HEADER = "X-Dunning-Timestamp";

    /**
     * @param dialerSecret     shared HMAC secret of {@code /outcomes/calls}; blank = endpoint off
     * @param dialerTolerance  how far a dialer's timestamp may be from now
     * @param publicUrl        the hub's address as Twilio calls it (for the signature); blank = the request's Host
     * @param twilioTokens     auth token per Twilio AccountSid
     * @param twilioUrls       URLs Twilio may have been configured with (signed as configured)
     * @param alibabaToken     secret path segment of {@code /inbound/alibaba/<token>}; blank = off
     * @param tencentToken     secret path segment of {@code /inbound/tencent/<token>}; blank = off
     * @param unsubscribe      verifies unsubscribe links; null = {@code /unsubscribe} off
     * @param smsZone          the zone Alibaba's {@code send_time} (no offset) is in
     */
    public record Settings(String dialerSecret, Duration dialerTolerance, String publicUrl,
                           Map<String, String> twilioTokens, Set<String> twilioUrls, String alibabaToken,
                           String tencentToken, UnsubscribeToken unsubscribe, java.time.ZoneId smsZone) {
        public Settings {
            twilioTokens = Map.copyOf(twilioTokens);
            twilioUrls = Set.copyOf(twilioUrls);
        }
    }

    private final OutcomeIntake intake;
    private volatile Settings settings;
    private final Clock clock;

    public OutcomeEndpoints(OutcomeIntake intake, Settings settings, Clock clock) {
        this.intake = intake;
        this.settings = settings;
        this.clock = clock;
    }

    /** New Twilio credentials after a providers.yaml reload. */
    public void update(Settings next) {
        this.settings = next;
    }

    // ---- the dialer ----------------------------------------------------------------------------------------

    /** {@code POST /outcomes/calls}: one call result, JSON, signed with the shared secret. */
    public void calls(Exchange exchange) {
        Message in = exchange.getMessage();
        String signature = in.getHeader(SIGNATURE_HEADER, String.class);
        String timestamp = in.getHeader(TIMESTAMP_HEADER, String.class);
        byte[] body = Webhooks.body(in);
        in.removeHeaders("*");
        String secret = settings.dialerSecret();
        if (blank(secret)) {
            json(in, 404, Map.of("error", "call results are not configured (hub.outcomes.dialer.secret)"), "dialer");
            return;
        }
        switch (LobSignature.verify(secret, timestamp, signature, body, clock.instant(), settings.dialerTolerance())) {
            case MISSING -> {
                json(in, 401, Map.of("error", "missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER), "dialer");
                return;
            }
            case BAD_SIGNATURE -> {
                json(in, 403, Map.of("error", "signature does not match"), "dialer");
                return;
            }
            case STALE -> {
                json(in, 403, Map.of("error", "timestamp outside the allowed window"), "dialer");
                return;
            }
            case VALID -> {
                // go on
            }
        }
        CallResults call;
        try {
            call = CallResults.parse(Webhooks.utf8(body));
        } catch (IllegalArgumentException e) {
            json(in, 400, Map.of("error", e.getMessage().replace("form data", "JSON")), "dialer");
            return;
        }
        try {
            Optional<OutcomeBook.NoticeRef> notice = intake.book().notice(call.noticeId());
            if (notice.isEmpty()) {
                // signed and well formed, but about nothing the hub sent: the dialer's data is wrong, a retry won't help
                json(in, 422, Map.of("error", "no notice '" + call.noticeId() + "' in the ledger (noticeId is the call "
                        + "task's taskId)"), "dialer");
                return;
            }
            OutcomeBook.NoticeRef n = notice.get();
            OutcomeIntake.Taken t = intake.take(new ContactOutcome(n.id(), n.borrowerId(), n.loanId(), n.audience(),
                    n.channel(), call.outcome(), call.occurredAt(), "dialer", call.callId(), call.promisedDate(),
                    call.promisedAmount(), call.note()));
            json(in, 200, Map.of("id", t.id(), "recorded", t.isNew(), "effects", t.effects()), null);
        } catch (IllegalArgumentException e) {
            json(in, 400, Map.of("error", e.getMessage()), "dialer");
        } catch (SQLException e) {
            unavailable(in, "dialer", e, "application/json", "{\"error\":\"ledger unavailable, retry later\"}");
        }
    }

    // ---- inbound SMS ---------------------------------------------------------------------------------------

    /** {@code POST /inbound/twilio}: Twilio's incoming-message webhook, form-encoded, X-Twilio-Signature. */
    public void twilio(Exchange exchange) {
        Message in = exchange.getMessage();
        String signature = in.getHeader("X-Twilio-Signature", String.class);
        Map<String, List<String>> params;
        try {
            params = Webhooks.form(in);
        } catch (IllegalArgumentException e) {
            in.removeHeaders("*");
            text(in, 400, e.getMessage(), "twilio");
            return;
        }
        String url = Webhooks.requestUrl(in, settings.publicUrl());
        in.removeHeaders("*");
        if (blank(signature)) {
            text(in, 401, "missing X-Twilio-Signature", "twilio");
            return;
        }
        String account = first(params, "AccountSid");
        String token = account == null ? null : settings.twilioTokens().get(account);
        if (token == null || !Webhooks.twilioSigned(url, settings.twilioUrls(), params, token, signature)) {
            text(in, 403, "signature does not match", "twilio");
            return;
        }
        String sid = first(params, "MessageSid");
        String from = first(params, "From");
        if (blank(sid) || blank(from) || !params.containsKey("Body")) {
            text(in, 400, "an incoming message needs MessageSid, From and Body", "twilio");
            return;
        }
        if (sms(in, "twilio", sid, from, first(params, "Body"), clock.instant())) {
            // an empty TwiML answer: no automatic reply from the hub
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            in.setHeader(Exchange.CONTENT_TYPE, "text/xml; charset=UTF-8");
            in.setBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
        }
    }

    /**
     * {@code POST /inbound/alibaba/{token}}: Alibaba Cloud SmsUp (MO) messages, a JSON array of
     * {@code {phone_number, send_time, content, sign_name, dest_code, sequence_id}}.
     */
    public void alibaba(Exchange exchange) {
        Message in = exchange.getMessage();
        String error = "{\"code\":1,\"msg\":\"%s\"}";
        if (!pathToken(in, settings.alibabaToken(), "aliyun", error)) {
            return;
        }
        List<Sms> messages = new ArrayList<>();
        try {
            JsonNode root = readJson(Webhooks.body(in));
            if (!root.isArray()) {
                throw new IllegalArgumentException("SmsUp is a JSON array of messages");
            }
            for (JsonNode m : root) {
                String seq = m.path("sequence_id").isNumber() || m.path("sequence_id").isTextual()
                        ? m.path("sequence_id").asText() : null;
                String phone = m.path("phone_number").asText(null);
                if (blank(seq) || blank(phone) || !m.has("content")) {
                    throw new IllegalArgumentException("each message needs phone_number, content and sequence_id");
                }
                messages.add(new Sms(seq, phone, m.path("content").asText(""), aliyunTime(m.path("send_time").asText(null))));
            }
        } catch (IllegalArgumentException e) {
            json(in, 400, error.formatted(quote(e.getMessage())), "aliyun");
            return;
        }
        for (Sms m : messages) {
            if (!sms(in, "aliyun", m.id(), m.from(), m.text(), m.at())) {
                return;
            }
        }
        json(in, 200, "{\"code\":0,\"msg\":\"接收成功\"}", null);
    }

    /**
     * {@code POST /inbound/tencent/{token}}: Tencent Cloud's SMS reply callback,
     * {@code {extend, mobile, nationcode, sign, text, time}} (one object, or an array of them).
     */
    public void tencent(Exchange exchange) {
        Message in = exchange.getMessage();
        String error = "{\"result\":1,\"errmsg\":\"%s\"}";
        if (!pathToken(in, settings.tencentToken(), "tencent", error)) {
            return;
        }
        List<Sms> messages = new ArrayList<>();
        try {
            JsonNode root = readJson(Webhooks.body(in));
            for (JsonNode m : root.isArray() ? root : List.of(root)) {
                String mobile = m.path("mobile").asText(null);
                String nation = m.path("nationcode").asText("");
                if (!m.isObject() || blank(mobile) || !m.has("text") || !m.path("time").canConvertToLong()) {
                    throw new IllegalArgumentException("a reply needs mobile, nationcode, text and time");
                }
                String from = mobile.startsWith("+") || blank(nation) ? mobile : "+" + nation.replaceAll("[^0-9]", "") + mobile;
                long time = m.path("time").asLong();
                String text = m.path("text").asText("");
                // Tencent's reply carries no id of its own: the sender, the second and the words make one
                messages.add(new Sms(sha256(from + "|" + time + "|" + text), from, text, Instant.ofEpochSecond(time)));
            }
        } catch (IllegalArgumentException e) {
            json(in, 400, error.formatted(quote(e.getMessage())), "tencent");
            return;
        }
        for (Sms m : messages) {
            if (!sms(in, "tencent", m.id(), m.from(), m.text(), m.at())) {
                return;
            }
        }
        json(in, 200, "{\"result\":0,\"errmsg\":\"OK\"}", null);
    }

    private record Sms(String id, String from, String text, Instant at) {
    }

    /** Takes one inbound SMS; false (and the answer set) when the ledger could not be reached. */
    private boolean sms(Message out, String source, String id, String from, String text, Instant at) {
        try {
            OutcomeIntake.Taken t = intake.inboundSms(source, id, from, text, at);
            LOG.debug("inbound SMS from {} ({}): {}", source, t.isNew() ? "new" : "not new", t.effects());
            return true;
        } catch (SQLException e) {
            unavailable(out, source, e, "text/plain", "ledger unavailable, retry later");
            return false;
        }
    }

    // ---- e-mail unsubscribe --------------------------------------------------------------------------------

    /**
     * {@code GET /unsubscribe/{token}}: a page with a button that posts the unsubscription. A GET never
     * unsubscribes: mail scanners and link previews follow links.
     */
    public void unsubscribePage(Exchange exchange) {
        Message in = exchange.getMessage();
        String token = in.getHeader("token", String.class);
        in.removeHeaders("*");
        Optional<String> notice = unsubscribeNotice(in, token);
        if (notice.isEmpty()) {
            return;
        }
        html(in, 200, page("Unsubscribe from e-mail reminders / 退订邮件提醒",
                "<p>Stop e-mail reminders to this address? / 不再向此邮箱发送提醒邮件？</p>"
                        + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                        + "<button type=\"submit\">Unsubscribe / 退订</button></form>"));
    }

    /** {@code POST /unsubscribe/{token}}: RFC 8058 one-click ({@code List-Unsubscribe=One-Click}) or the page's button. */
    public void unsubscribe(Exchange exchange) {
        Message in = exchange.getMessage();
        String token = in.getHeader("token", String.class);
        Map<String, List<String>> form;
        try {
            form = Webhooks.form(in);
        } catch (IllegalArgumentException e) {
            in.removeHeaders("*");
            html(in, 400, page("Bad request", "<p>" + escape(e.getMessage()) + "</p>"));
            return;
        }
        in.removeHeaders("*");
        Optional<String> notice = unsubscribeNotice(in, token);
        if (notice.isEmpty()) {
            return;
        }
        if (!"One-Click".equals(first(form, "List-Unsubscribe"))) {
            html(in, 400, page("Bad request", "<p>the body must be List-Unsubscribe=One-Click (RFC 8058)</p>"));
            LOG.warn("unsubscribe: refused with 400: no List-Unsubscribe=One-Click");
            return;
        }
        try {
            Optional<OutcomeBook.NoticeRef> n = intake.book().notice(notice.get());
            if (n.isEmpty()) {
                html(in, 404, page("Not found", "<p>This link is no longer valid. / 此链接已失效。</p>"));
                return;
            }
            OutcomeBook.NoticeRef r = n.get();
            intake.take(new ContactOutcome(r.id(), r.borrowerId(), r.loanId(), r.audience(), "email",
                    OutcomeKind.UNSUBSCRIBED, clock.instant(), "unsubscribe", r.id(), null, null, null));
            html(in, 200, page("Unsubscribed / 已退订",
                    "<p>You will get no more e-mail reminders at this address. / 此邮箱将不再收到提醒邮件。</p>"));
        } catch (SQLException e) {
            unavailable(in, "unsubscribe", e, "text/html", page("Try again later",
                    "<p>We could not record this now. Please try again later. / 暂时无法处理，请稍后再试。</p>"));
        }
    }

    private Optional<String> unsubscribeNotice(Message out, String token) {
        UnsubscribeToken tokens = settings.unsubscribe();
        if (tokens == null) {
            html(out, 404, page("Not found", "<p>not found</p>"));
            return Optional.empty();
        }
        if (blank(token)) {
            html(out, 401, page("Not found", "<p>the link has no token</p>"));
            return Optional.empty();
        }
        Optional<String> id = tokens.noticeId(token);
        if (id.isEmpty()) {
            LOG.warn("unsubscribe: refused with 403: a token that is not the hub's");
            html(out, 403, page("Invalid link", "<p>This link is not valid. / 此链接无效。</p>"));
        }
        return id;
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    private boolean pathToken(Message in, String expected, String source, String error) {
        String token = in.getHeader("token", String.class);
        in.removeHeaders("*");
        if (blank(expected)) {
            json(in, 404, error.formatted("not configured"), source);
            return false;
        }
        // these callbacks carry no signature: the secret path segment is the credential
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            json(in, 403, error.formatted("forbidden"), source);
            return false;
        }
        return true;
    }

    private static JsonNode readJson(byte[] body) {
        String text = Webhooks.utf8(body);
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null) {
                throw new IllegalArgumentException("body is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getOriginalMessage());
        }
    }

    private Instant aliyunTime(String v) {
        if (blank(v)) {
            return clock.instant();
        }
        try {
            return LocalDateTime.parse(v.strip(), ALIYUN_TIME).atZone(settings.smsZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("send_time must be yyyy-MM-dd HH:mm:ss, not '" + v + "'");
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static void unavailable(Message out, String source, SQLException e, String type, String body) {
        LOG.warn("inbound from {}: ledger unavailable, asking the sender to retry: {}", source, e.getMessage());
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        out.setHeader(Exchange.CONTENT_TYPE, type + "; charset=UTF-8");
        out.setHeader("Retry-After", "60");
        out.setBody(body);
    }

    private static void json(Message out, int status, Map<String, ?> body, String refusedSource) {
        try {
            json(out, status, JSON.writeValueAsString(body), refusedSource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(Message out, int status, String body, String refusedSource) {
        refused(status, body, refusedSource);
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        out.setBody(body);
    }

    private static void text(Message out, int status, String body, String refusedSource) {
        refused(status, body, refusedSource);
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        out.setBody(body);
    }

    private static void html(Message out, int status, String body) {
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        // the page holds a signed link: keep it out of caches and referrers
        out.setHeader("Cache-Control", "no-store");
        out.setHeader("Referrer-Policy", "no-referrer");
        out.setBody(body);
    }

    private static void refused(int status, String body, String source) {
        if (source != null && status >= 400) {
            LOG.warn("inbound from {}: refused with {}: {}", source, status, body);
        }
    }

    private static String page(String title, String content) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + escape(title) + "</title></head><body><h1>"
                + escape(title) + "</h1>" + content + "</body></html>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String quote(String s) {
        return s.replace("\\", "'").replace("\"", "'");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
