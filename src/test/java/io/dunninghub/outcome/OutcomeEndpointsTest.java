package io.dunninghub.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.channel.email.UnsubscribeToken;
import io.dunninghub.contact.Contact;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.DedupeKey;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.ledger.OutcomeBook;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.policy.AddressKey;
import io.dunninghub.policy.OptOuts;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.policy.StopKeywords;
import io.dunninghub.receipt.LobSignature;
import io.dunninghub.receipt.TwilioSignature;
import io.dunninghub.support.Ledgers;
import io.dunninghub.support.Outcomes;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestClock;
import io.dunninghub.support.TestData;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbound endpoints' bean with real signatures (the dialer's HMAC, Twilio's X-Twilio-Signature computed as
 * Twilio does), the providers' documented request shapes and a PostgreSQL ledger: 401 unsigned, 403 forged or
 * stale, 400 malformed, 422 for a notice the ledger does not have, and each message recorded once.
 */
@Slow
class OutcomeEndpointsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final String SECRET = "dialer-secret-0123456789";
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TWILIO_TOKEN = "test-auth-token";
    private static final String PUBLIC = "https://hub.lender.example";
    private static final String PHONE = "+8613800138000";

    private final CamelContext camel = new DefaultCamelContext();
    private final TestClock clock = new TestClock(NOW);
    private final UnsubscribeToken tokens = new UnsubscribeToken("unsubscribe-secret-0123456789");
    private DataSource ds;
    private Ledger ledger;
    private OutcomeEndpoints endpoints;

    @BeforeEach
    void setUp() {
        ds = Ledgers.fresh("postgresql");
        ledger = new Ledger(ds, "test");
        Map<String, Contact> contacts = Map.of("B1", TestData.contact("B1", "张伟", "zh-CN", "Asia/Shanghai", PHONE,
                "zhang.wei@borrower.example", null, null, Set.of()));
        OutcomeIntake intake = new OutcomeIntake(ds, new OutcomeBook(ds, "test"),
                () -> new OptOuts(new PolicyStore(ds), StopKeywords.defaults(), "CN"),
                ids -> contacts, ReplyRules.NONE, HubMetrics.NONE, clock);
        endpoints = new OutcomeEndpoints(intake, new OutcomeEndpoints.Settings(SECRET, Duration.ofMinutes(5), PUBLIC,
                Map.of(SID, TWILIO_TOKEN), Set.of(), "ali-7f3c", "tc-91ab", tokens, ZoneId.of("Asia/Shanghai")), clock);
    }

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    private String sent(String installment, String channel) throws SQLException {
        NoticeDraft d = TestData.draft(DedupeKey.of(installment, "early", channel, "borrower", 0), installment, "L1", "B1",
                "ladder", "early", 0, channel, "borrower", "overdue_early", NoticeStatus.PLANNED, null, null, null,
                NOW.minusSeconds(600));
        ledger.plan(List.of(d), NOW.minusSeconds(600));
        List<ClaimedNotice> claimed = ledger.claimDue(NOW.minusSeconds(300), 10, Duration.ofMinutes(5));
        ledger.record(claimed.stream().map(n -> Outcomes.of(n.id(), NoticeStatus.SENT, "SENT", null, null, "p",
                "id-" + n.id(), "+86*******8000", true, null)).toList(), NOW.minusSeconds(300));
        return d.noticeId();
    }

    private static int status(Exchange e) {
        return e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    private Exchange dialer(String json, String timestamp, String signature) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(json.getBytes(StandardCharsets.UTF_8));
        if (timestamp != null) {
            e.getMessage().setHeader(OutcomeEndpoints.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            e.getMessage().setHeader(OutcomeEndpoints.SIGNATURE_HEADER, signature);
        }
        endpoints.calls(e);
        return e;
    }

    private Exchange signedDialer(String json) {
        String ts = Long.toString(NOW.getEpochSecond());
        return dialer(json, ts, LobSignature.compute(SECRET, ts, json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDialerMustSignItsCallResultsWithTheSharedSecretAndAFreshTimestamp() throws Exception {
        String notice = sent("I1", "call");
        String json = "{\"callId\":\"c-1\",\"noticeId\":\"" + notice + "\",\"outcome\":\"no-answer\","
                + "\"occurredAt\":\"2026-11-23T10:00:00+08:00\"}";
        String ts = Long.toString(NOW.getEpochSecond());
        assertThat(status(dialer(json, null, null))).as("unsigned").isEqualTo(401);
        assertThat(status(dialer(json, ts, null))).as("no signature").isEqualTo(401);
        assertThat(status(dialer(json, ts, LobSignature.compute("another-secret-0123456", ts,
                json.getBytes(StandardCharsets.UTF_8))))).as("forged").isEqualTo(403);
        assertThat(status(dialer(json.replace("no-answer", "connected"), ts, LobSignature.compute(SECRET, ts,
                json.getBytes(StandardCharsets.UTF_8))))).as("body changed after signing").isEqualTo(403);
        String old = Long.toString(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(status(dialer(json, old, LobSignature.compute(SECRET, old, json.getBytes(StandardCharsets.UTF_8)))))
                .as("stale: a captured request replayed later").isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM contact_outcome")).isZero();

        Exchange ok = signedDialer(json);
        assertThat(status(ok)).isEqualTo(200);
        assertThat(ok.getMessage().getBody(String.class)).contains("\"recorded\":true");
        Exchange again = signedDialer(json);
        assertThat(status(again)).as("the dialer retried").isEqualTo(200);
        assertThat(again.getMessage().getBody(String.class)).contains("\"recorded\":false");
        assertThat(rows("SELECT notice_id, outcome, source, external_id, occurred_at = TIMESTAMPTZ '2026-11-23 02:00:00Z' "
                + "FROM contact_outcome")).containsExactly(notice + " NO_ANSWER dialer c-1 t");
        assertThat(count("SELECT COUNT(*) FROM notice_event WHERE event_type = 'OUTCOME'")).isEqualTo(1);
    }

    @Test
    void malformedCallResultsAre400AndANoticeTheLedgerDoesNotHaveIs422() throws Exception {
        String notice = sent("I1", "call");
        String base = "\"callId\":\"c-2\",\"noticeId\":\"" + notice + "\",\"occurredAt\":\"2026-11-23T10:00:00+08:00\"";
        for (String bad : List.of("{\"callId\": ", "[]", "{" + base + "}", "{" + base + ",\"outcome\":\"hung-up\"}",
                "{" + base + ",\"outcome\":\"stop\"}", "{" + base.replace("2026-11-23T10:00:00+08:00", "yesterday")
                        + ",\"outcome\":\"busy\"}", "{" + base.replace("2026-11-23T10:00:00+08:00", "2026-11-23T10:00:00")
                        + ",\"outcome\":\"busy\"}", "{" + base + ",\"outcome\":\"promise-to-pay\"}",
                "{" + base + ",\"outcome\":\"promise-to-pay\",\"promisedDate\":\"1 Dec\"}",
                "{" + base + ",\"outcome\":\"promise-to-pay\",\"promisedDate\":\"2026-12-01\",\"promisedAmount\":-5}",
                "{" + base + ",\"outcome\":\"promise-to-pay\",\"promisedDate\":\"2026-12-01\",\"promisedAmount\":\"lots\"}",
                "{\"noticeId\":\"" + notice + "\",\"outcome\":\"busy\",\"occurredAt\":\"2026-11-23T10:00:00+08:00\"}",
                "{" + base + ",\"outcome\":42}")) {
            Exchange e = signedDialer(bad);
            assertThat(status(e)).as(bad).isEqualTo(400);
            assertThat(e.getMessage().getBody(String.class)).as(bad).contains("error").doesNotContain("Exception");
        }
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, 2};
        String ts = Long.toString(NOW.getEpochSecond());
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(binary);
        e.getMessage().setHeader(OutcomeEndpoints.TIMESTAMP_HEADER, ts);
        e.getMessage().setHeader(OutcomeEndpoints.SIGNATURE_HEADER, LobSignature.compute(SECRET, ts, binary));
        endpoints.calls(e);
        assertThat(status(e)).as("binary").isEqualTo(400);

        Exchange unknown = signedDialer("{\"callId\":\"c-3\",\"noticeId\":\"no-such-notice\",\"outcome\":\"busy\","
                + "\"occurredAt\":\"2026-11-23T10:00:00+08:00\"}");
        assertThat(status(unknown)).isEqualTo(422);
        assertThat(unknown.getMessage().getBody(String.class)).contains("no-such-notice");
        assertThat(count("SELECT COUNT(*) FROM contact_outcome")).isZero();

        Exchange promise = signedDialer("{" + base + ",\"outcome\":\"promise-to-pay\",\"promisedDate\":\"2026-12-01\","
                + "\"promisedAmount\":\"500.00\",\"note\":\"will pay on payday\"}");
        assertThat(status(promise)).isEqualTo(200);
        assertThat(rows("SELECT promised_date, amount FROM payment_promise")).containsExactly("2026-12-01 500.00");
    }

    @Test
    void withoutASecretTheDialerEndpointIsOff() {
        OutcomeEndpoints off = new OutcomeEndpoints(null, new OutcomeEndpoints.Settings(null, Duration.ofMinutes(5), "",
                Map.of(), Set.of(), "", "", null, ZoneId.of("UTC")), clock);
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody("{}".getBytes(StandardCharsets.UTF_8));
        off.calls(e);
        assertThat(status(e)).isEqualTo(404);
    }

    private Exchange twilio(Map<String, String> form, String signature) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(new LinkedHashMap<>(form));
        if (signature != null) {
            e.getMessage().setHeader("X-Twilio-Signature", signature);
        }
        e.getMessage().setHeader(Exchange.HTTP_PATH, "/inbound/twilio");
        endpoints.twilio(e);
        return e;
    }

    /** Twilio's incoming-message webhook as Twilio posts it (fewer of its fields; all are signed alike). */
    private static Map<String, String> incoming(String sid, String body) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ToCountry", "US");
        f.put("SmsMessageSid", sid);
        f.put("NumMedia", "0");
        f.put("SmsSid", sid);
        f.put("SmsStatus", "received");
        f.put("Body", body);
        f.put("To", "+15005550006");
        f.put("NumSegments", "1");
        f.put("MessageSid", sid);
        f.put("AccountSid", SID);
        f.put("From", PHONE);
        f.put("ApiVersion", "2010-04-01");
        return f;
    }

    private static String sign(Map<String, String> form) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        form.forEach((k, v) -> p.put(k, List.of(v)));
        return TwilioSignature.compute(PUBLIC + "/inbound/twilio", p, TWILIO_TOKEN);
    }

    @Test
    void twilioIncomingMessagesAreVerifiedAndEachIsTakenOnce() throws Exception {
        String notice = sent("I1", "sms");
        Map<String, String> stop = incoming("SM" + "1".repeat(32), "STOP");
        assertThat(status(twilio(stop, null))).as("unsigned").isEqualTo(401);
        assertThat(status(twilio(stop, TwilioSignature.compute("https://evil.example/inbound/twilio",
                Map.of("Body", List.of("STOP")), TWILIO_TOKEN)))).as("forged").isEqualTo(403);
        Map<String, String> otherBody = new LinkedHashMap<>(stop);
        otherBody.put("Body", "hello");
        assertThat(status(twilio(otherBody, sign(stop)))).as("signed for another body").isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM opt_out")).isZero();

        Exchange ok = twilio(stop, sign(stop));
        assertThat(status(ok)).isEqualTo(200);
        assertThat(ok.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class)).startsWith("text/xml");
        assertThat(ok.getMessage().getBody(String.class)).contains("<Response></Response>");
        assertThat(status(twilio(stop, sign(stop)))).as("delivered again").isEqualTo(200);
        assertThat(rows("SELECT notice_id, outcome, external_id FROM contact_outcome"))
                .containsExactly(notice + " STOP " + "SM" + "1".repeat(32));
        assertThat(count("SELECT COUNT(*) FROM opt_out WHERE address_hash = '" + AddressKey.of("sms", PHONE, "CN") + "'"))
                .isEqualTo(1);

        Map<String, String> missing = new LinkedHashMap<>(stop);
        missing.remove("From");
        assertThat(status(twilio(missing, sign(missing)))).as("no From").isEqualTo(400);
    }

    private Exchange token(Consumer<Exchange> method, String token, String body) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        e.getMessage().setHeader("token", token);
        method.accept(e);
        return e;
    }

    @Test
    void alibabaSmsUpMessagesInTheirDocumentedShape() throws Exception {
        String notice = sent("I1", "sms");
        String smsUp = """
                [{"phone_number":"13800138000","send_time":"2026-11-23 10:05:00","content":"退订","sign_name":"示例消费金融",
                  "dest_code":"1234","sequence_id":1234567890},
                 {"phone_number":"13800138000","send_time":"2026-11-23 10:06:00","content":"我明天还","sign_name":"示例消费金融",
                  "dest_code":"1234","sequence_id":1234567891}]""";
        assertThat(status(token(endpoints::alibaba, "wrong", smsUp))).isEqualTo(403);
        assertThat(status(token(endpoints::alibaba, null, smsUp))).isEqualTo(403);
        Exchange ok = token(endpoints::alibaba, "ali-7f3c", smsUp);
        assertThat(status(ok)).isEqualTo(200);
        assertThat(ok.getMessage().getBody(String.class)).isEqualTo("{\"code\":0,\"msg\":\"接收成功\"}");
        assertThat(status(token(endpoints::alibaba, "ali-7f3c", smsUp))).as("pushed again").isEqualTo(200);
        assertThat(rows("SELECT notice_id, outcome, source, external_id, note, occurred_at = TIMESTAMPTZ '2026-11-23 02:06:00Z' "
                + "FROM contact_outcome ORDER BY id")).containsExactly(
                notice + " STOP aliyun 1234567890 replied '退订' f", notice + " REPLY aliyun 1234567891 我明天还 t");
        for (String bad : List.of("{\"phone_number\":\"1\"}", "[{\"content\":\"x\"}]", "[{\"phone_number\":\"13800138000\","
                + "\"content\":\"x\",\"sequence_id\":1,\"send_time\":\"today\"}]", "[{")) {
            Exchange e = token(endpoints::alibaba, "ali-7f3c", bad);
            assertThat(status(e)).as(bad).isEqualTo(400);
            assertThat(e.getMessage().getBody(String.class)).as(bad).startsWith("{\"code\":1,");
        }
    }

    @Test
    void tencentReplyCallbacksInTheirDocumentedShape() throws Exception {
        String notice = sent("I1", "sms");
        String reply = """
                {"extend":"","mobile":"13800138000","nationcode":"86","sign":"示例消费金融","text":"TD","time":1795399200}""";
        assertThat(status(token(endpoints::tencent, "nope", reply))).isEqualTo(403);
        Exchange ok = token(endpoints::tencent, "tc-91ab", reply);
        assertThat(status(ok)).isEqualTo(200);
        assertThat(ok.getMessage().getBody(String.class)).isEqualTo("{\"result\":0,\"errmsg\":\"OK\"}");
        token(endpoints::tencent, "tc-91ab", reply);
        assertThat(rows("SELECT notice_id, outcome, source FROM contact_outcome")).containsExactly(notice + " STOP tencent");
        assertThat(count("SELECT COUNT(*) FROM opt_out")).isEqualTo(1);
        for (String bad : List.of("{\"mobile\":\"13800138000\"}", "{\"mobile\":\"13800138000\",\"text\":\"x\",\"time\":\"soon\"}",
                "42", "{")) {
            Exchange e = token(endpoints::tencent, "tc-91ab", bad);
            assertThat(status(e)).as(bad).isEqualTo(400);
            assertThat(e.getMessage().getBody(String.class)).as(bad).startsWith("{\"result\":1,");
        }
    }

    private Exchange unsubscribe(boolean post, String token, Object body) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(body);
        e.getMessage().setHeader("token", token);
        if (post) {
            endpoints.unsubscribe(e);
        } else {
            endpoints.unsubscribePage(e);
        }
        return e;
    }

    @Test
    void aGetShowsTheButtonAndOnlyTheOneClickPostUnsubscribes() throws Exception {
        String notice = sent("I1", "email");
        String token = tokens.of(notice);
        Exchange page = unsubscribe(false, token, null);
        assertThat(status(page)).isEqualTo(200);
        assertThat(page.getMessage().getBody(String.class)).contains("<form method=\"post\"")
                .contains("name=\"List-Unsubscribe\" value=\"One-Click\"");
        assertThat(count("SELECT COUNT(*) FROM contact_outcome")).as("a GET unsubscribes nobody").isZero();

        assertThat(status(unsubscribe(true, token, "List-Unsubscribe=Nope".getBytes(StandardCharsets.UTF_8)))).isEqualTo(400);
        String forged = new UnsubscribeToken("another-secret-0123456789").of(notice);
        assertThat(status(unsubscribe(true, forged, "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(403);
        assertThat(status(unsubscribe(false, forged, null))).isEqualTo(403);
        assertThat(status(unsubscribe(true, "", "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(401);
        assertThat(count("SELECT COUNT(*) FROM opt_out")).isZero();

        assertThat(status(unsubscribe(true, token, "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(200);
        assertThat(status(unsubscribe(true, token, Map.of("List-Unsubscribe", "One-Click")))).as("clicked twice")
                .isEqualTo(200);
        assertThat(rows("SELECT outcome, source, notice_id FROM contact_outcome")).containsExactly("UNSUBSCRIBED unsubscribe " + notice);
        assertThat(rows("SELECT channel, source FROM opt_out WHERE address_hash = '"
                + AddressKey.of("email", "zhang.wei@borrower.example", "CN") + "'")).containsExactly("email EMAIL_UNSUBSCRIBE");
    }

    private int count(String sql) throws SQLException {
        return Integer.parseInt(rows(sql).get(0));
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
