package io.dunninghub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.ledger.LedgerAdmin;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.support.Ledgers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's pages, access and refusals without Camel or a browser, on a migrated H2 ledger (the embedded
 * default's database) with notices written as the hub writes them.
 */
class ConsoleTest {

    static final String VIEWER = "viewer-token-0123456789abcdef";
    static final String ADMIN = "admin-token-0123456789abcdef";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z"); // 12:00 in Shanghai

    DataSource ledger;
    Console console;
    final List<String> simulated = new ArrayList<>();

    @BeforeEach
    void ledger() throws SQLException {
        ledger = Ledgers.fresh("h2");
        console = console(VIEWER, ADMIN);
        notice("N1", "B1", "LB1", "early", "sms", "SENT", null);
        event("N1", "2026-11-23T01:00:00Z", "PLANNED", null, null, "planned");
        event("N1", "2026-11-23T01:30:00Z", "DEFERRED", "QUIET_HOURS", null, "until 09:00");
        event("N1", "2026-11-23T02:00:00Z", "SENT", null, "twilio-test", "sent to +8613800138000, sid SM1");
        notice("N2", "B1", "LB1", "early", "email", "FAILED", "SMTP_550");
        event("N2", "2026-11-23T02:05:00Z", "PLANNED", null, null, null);
        event("N2", "2026-11-23T02:06:00Z", "FAILED", "SMTP_550", "smtp-test", "550 no such user zw@example.com");
        notice("N3", "B2", "LB2", "early", "sms", "SUPPRESSED", "OPTED_OUT");
        event("N3", "2026-11-23T01:00:00Z", "SUPPRESSED", "OPTED_OUT", null, null);
        // yesterday in Shanghai: not today's
        event("N3", "2026-11-22T15:59:00Z", "SENT", null, "twilio-test", null);
        new PolicyStore(ledger).addHold("B1", null, "COMPLAINT", null, "complaint C-9", "ops-anna",
                Instant.parse("2026-11-23T03:00:00Z"));
    }

    Console console(String viewer, String admin) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        LadderCalendar calendar = (borrower, from, days) -> {
            simulated.add(borrower + " " + from + " " + days);
            return List.of(new LadderCalendar.Decision(Instant.parse("2026-11-24T02:00:00Z"), "loan/LB1", "early",
                    "sms", "overdue_early", "SENT", null, "to +8613800138000"),
                    new LadderCalendar.Decision(Instant.parse("2026-11-25T02:00:00Z"), "loan/LB1", "call", "call",
                            "call_task", "DEFERRED", "CALL_WINDOW", null));
        };
        return new Console(new ConsoleAccess(viewer, admin, clock), new TodayReport(ledger, ZONE),
                new Timeline(ledger, SentContent.NONE), calendar, Operations.NONE, new LedgerAdmin(ledger, "hub-a"),
                new PolicyStore(ledger), ZONE, 30,
                java.nio.file.Path.of("config/fonts/NotoSansSC-Regular.ttf"), clock);
    }

    void notice(String id, String borrower, String loan, String step, String channel, String status, String reason)
            throws SQLException {
        try (Connection c = ledger.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO notice (id, "
                + "dedupe_key, installment_id, loan_id, borrower_id, ladder_id, step_id, step_cycle, channel, audience, "
                + "template, status, reason, not_before, next_attempt_at, planned_at, updated_at, recipient_masked) "
                + "VALUES (?, ?, ?, ?, ?, 'default', ?, 0, ?, 'borrower', 'overdue_early', ?, ?, ?, ?, ?, ?, ?)")) {
            OffsetDateTime t = OffsetDateTime.parse("2026-11-23T01:00:00Z");
            ps.setString(1, id);
            ps.setString(2, "loan/" + loan + ":" + step + ":" + channel + ":borrower:0");
            ps.setString(3, "I" + borrower);
            ps.setString(4, loan);
            ps.setString(5, borrower);
            ps.setString(6, step);
            ps.setString(7, channel);
            ps.setString(8, status);
            ps.setString(9, reason);
            for (int i = 10; i <= 13; i++) {
                ps.setObject(i, t);
            }
            ps.setString(14, channel.equals("sms") ? "+86*******8000" : "z***@example.com");
            ps.executeUpdate();
        }
    }

    void event(String notice, String at, String type, String reason, String provider, String detail) throws SQLException {
        try (Connection c = ledger.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO notice_event "
                + "(notice_id, occurred_at, event_type, reason, provider, detail, instance_id) VALUES (?, ?, ?, ?, ?, ?, 'hub-a')")) {
            ps.setString(1, notice);
            ps.setObject(2, OffsetDateTime.parse(at));
            ps.setString(3, type);
            ps.setString(4, reason);
            ps.setString(5, provider);
            ps.setString(6, detail);
            ps.executeUpdate();
        }
    }

    static Console.Request get(String path, String token) {
        Map<String, String> h = new HashMap<>();
        if (token != null) {
            h.put("authorization", "Bearer " + token);
        }
        int q = path.indexOf('?');
        Map<String, String> query = new HashMap<>();
        if (q >= 0) {
            for (String kv : path.substring(q + 1).split("&")) {
                query.put(kv.split("=")[0], kv.split("=")[1]);
            }
        }
        return new Console.Request("GET", q < 0 ? path : path.substring(0, q), query, Map.of(), h);
    }

    static Console.Request post(String path, String token, Map<String, String> form) {
        return new Console.Request("POST", path, Map.of(), form, token == null ? Map.of()
                : Map.of("authorization", "Bearer " + token));
    }

    @Test
    void withoutATokenEveryPageIsRefusedAndWithoutAnyConfiguredTokenTheConsoleIsNotThere() {
        for (String path : List.of("/console", "/console/today", "/console/borrower/B1", "/console/loan/LB1",
                "/console/calendar/B1")) {
            Console.Response r = console.answer(get(path, null));
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.text()).doesNotContain("B1").doesNotContain("SENT");
            assertThat(console.answer(get(path, VIEWER + "x")).status()).as(path).isEqualTo(401);
        }
        assertThat(console.answer(post("/console/borrower", null, Map.of("q", "B1"))).status()).isEqualTo(401);
        assertThat(simulated).isEmpty();
        // the login form and its assets need none
        assertThat(console.answer(get("/console/login", null)).status()).isEqualTo(200);
        assertThat(console.answer(get("/console/assets/uPlot.iife.min.js", null)).status()).isEqualTo(200);
        assertThat(console.answer(get("/console/assets/console.css", null)).text()).contains("--sent");
        assertThat(console.answer(get("/console/assets/cjk.ttf", null)).contentType()).isEqualTo("font/ttf");

        Console off = console("", "");
        assertThat(off.enabled()).isFalse();
        assertThat(off.answer(get("/console/login", null)).status()).isEqualTo(404);
        assertThat(off.answer(get("/console/today", VIEWER)).status()).isEqualTo(404);
        // the admin token alone opens it
        assertThat(console("", ADMIN).answer(get("/console/today", ADMIN)).status()).isEqualTo(200);
    }

    @Test
    void todayCountsTheBusinessDaysEventsByChannelWithTheirReasons() {
        Console.Response r = console.answer(get("/console/today", VIEWER));
        assertThat(r.status()).isEqualTo(200);
        String page = r.text();
        assertThat(page).contains("id=\"total-SENT\">1<", "id=\"total-DEFERRED\">1<", "id=\"total-SUPPRESSED\">1<",
                "id=\"total-PLANNED\">2<");
        assertThat(page).contains("QUIET_HOURS", "OPTED_OUT", "SMTP_550");
        assertThat(page).contains("<meta http-equiv=\"refresh\" content=\"30\">");
        assertThat(r.headers().get("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(console.answer(get("/console/today?lang=zh", VIEWER)).text()).contains("今日", "已发送");
        Console.Request zh = new Console.Request("GET", "/console/today", Map.of(), Map.of(),
                Map.of("authorization", "Bearer " + VIEWER, "accept-language", "zh-CN,zh;q=0.9,en;q=0.5"));
        assertThat(console.answer(zh).text()).contains("按渠道");
    }

    @Test
    void theTimelineShowsEverythingInTimeOrderMaskedForAViewerAndTheMessageAsNotStored() {
        String page = console.answer(get("/console/borrower/B1", VIEWER)).text();
        assertThat(page).containsSubsequence("data-what=\"PLANNED\"", "data-what=\"DEFERRED\"", "QUIET_HOURS",
                "data-what=\"SENT\"", "data-what=\"PLANNED\"", "data-what=\"FAILED\"", "SMTP_550", "data-what=\"HOLD\"",
                "COMPLAINT", "complaint C-9");
        assertThat(page).doesNotContain("+8613800138000", "zw@example.com").contains("z***@example.com",
                "+86*******8000", "content not stored");
        assertThat(page).doesNotContain("action-replay");
        // the admin token sees free text as recorded, and the actions
        String asAdmin = console.answer(get("/console/borrower/B1", ADMIN)).text();
        assertThat(asAdmin).contains("zw@example.com", "action-replay", "action-cancel", "action-hold");
        // by loan, and through the search form (the id in the body, not the URL)
        assertThat(console.answer(get("/console/loan/LB2", VIEWER)).text()).contains("OPTED_OUT");
        Console.Response search = console.answer(post("/console/borrower", VIEWER, Map.of("q", " LB1 ")));
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.text()).contains("QUIET_HOURS");
    }

    @Test
    void malformedRequestsGet400UnknownIds404AndWrongMethods405NeverA500() {
        assertThat(console.answer(get("/console/borrower/NOBODY", VIEWER)).status()).isEqualTo(404);
        Console.Response unknown = console.answer(post("/console/borrower", VIEWER, Map.of("q", "+8613800138000")));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).doesNotContain("13800138000");
        assertThat(console.answer(post("/console/borrower", VIEWER, Map.of())).status()).isEqualTo(400);
        assertThat(console.answer(get("/console/borrower/" + "x".repeat(65), VIEWER)).status()).isEqualTo(400);
        assertThat(console.answer(get("/console/borrower/B%zz", VIEWER)).status()).isEqualTo(400);
        assertThat(console.answer(get("/console/borrower/B%0A1", VIEWER)).status()).isEqualTo(400);
        assertThat(console.answer(get("/console/calendar/B1?from=23.11.2026", VIEWER)).status()).isEqualTo(400);
        assertThat(console.answer(get("/console/nothing", VIEWER)).status()).isEqualTo(404);
        assertThat(console.answer(get("/console/today/more", VIEWER)).status()).isEqualTo(404);
        assertThat(console.answer(get("/console/assets/../../etc/passwd", null)).status()).isEqualTo(404);
        assertThat(console.answer(post("/console/today", VIEWER, Map.of())).status()).isEqualTo(405);
        assertThat(console.answer(get("/console/actions/replay", ADMIN)).status()).isEqualTo(405);
        assertThat(console.answer(post("/console/actions/delete", ADMIN, Map.of())).status()).isEqualTo(404);
        assertThat(console.answer(post("/console/actions/hold", ADMIN, Map.of("borrower", "B1", "kind", "NAP",
                "by", "x", "reason", "y"))).status()).isEqualTo(400);
        assertThat(console.answer(post("/console/actions/hold", ADMIN, Map.of("borrower", "B1", "kind", "DISPUTE",
                "by", "x", "reason", "y", "until", "soon"))).status()).isEqualTo(400);
        assertThat(console.answer(post("/console/actions/cancel", ADMIN, Map.of("reason", "y", "by", "x"))).status())
                .isEqualTo(400);
        assertThat(console.answer(post("/console/actions/replay", ADMIN, Map.of("reason", "y", "by", "x"))).status())
                .isEqualTo(400);
    }

    @Test
    void theCalendarLaysTheSimulationOutInWeeksFromToday() {
        String page = console.answer(get("/console/calendar/B1", VIEWER)).text();
        assertThat(simulated).containsExactly("B1 2026-11-23 30");
        // Monday 2026-11-23 to Tuesday 2026-12-22: five weeks of seven days
        assertThat(page).contains("data-date=\"2026-11-23\"", "data-date=\"2026-12-22\"", "data-date=\"2026-12-27\"");
        assertThat(page).containsSubsequence("data-date=\"2026-11-24\"", "early · sms", "data-date=\"2026-11-25\"",
                "CALL_WINDOW");
        assertThat(page).doesNotContain("+8613800138000").contains("+86*******8000");
        assertThat(console.answer(get("/console/calendar/NOBODY", VIEWER)).status()).isEqualTo(404);
        assertThat(simulated).hasSize(1);
    }

    @Test
    void anAdminActionChangesNothingUntilItIsConfirmedAndAViewerMayNotDoIt() throws SQLException {
        Map<String, String> form = new HashMap<>(Map.of("borrower", "B1", "by", "ops-anna", "reason", "address fixed"));
        assertThat(console.answer(post("/console/actions/replay", VIEWER, form)).status()).isEqualTo(403);
        Console.Response preview = console.answer(post("/console/actions/replay", ADMIN, form));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.text()).contains("id=\"matched\">1<", "N2", "name=\"confirm\" value=\"yes\"");
        assertThat(status("N2")).isEqualTo("FAILED");
        form.put("confirm", "yes");
        Console.Response done = console.answer(post("/console/actions/replay", ADMIN, form));
        assertThat(done.text()).contains("id=\"changed\">1<");
        assertThat(status("N2")).isEqualTo("PLANNED");
        Console.Request foreign = new Console.Request("POST", "/console/actions/cancel", Map.of(), form,
                Map.of("authorization", "Bearer " + ADMIN, "origin", "https://evil.example", "host", "hub:8080"));
        assertThat(console.answer(foreign).status()).isEqualTo(403);

        Map<String, String> hold = new HashMap<>(Map.of("borrower", "B2", "kind", "dispute", "by", "ops-anna",
                "reason", "disputes the amount", "until", "2026-12-31"));
        assertThat(console.answer(post("/console/actions/hold", ADMIN, hold)).text()).contains("DISPUTE", "2026-12-31");
        assertThat(new PolicyStore(ledger).holds("B2", null, false, NOW)).isEmpty();
        hold.put("confirm", "yes");
        assertThat(console.answer(post("/console/actions/hold", ADMIN, hold)).status()).isEqualTo(200);
        assertThat(new PolicyStore(ledger).holds("B2", null, false, NOW)).singleElement()
                .satisfies(h -> assertThat(h.kind()).isEqualTo("DISPUTE"));
    }

    @Test
    void theLoginFormSetsAnHttpOnlyStrictCookieThatCarriesNoToken() {
        Console.Response wrong = console.answer(post("/console/login", null, Map.of("token", "guess")));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.headers()).doesNotContainKey("Set-Cookie");
        Console.Response ok = console.answer(post("/console/login", null, Map.of("token", VIEWER)));
        assertThat(ok.status()).isEqualTo(303);
        String cookie = ok.headers().get("Set-Cookie");
        assertThat(cookie).startsWith(ConsoleAccess.COOKIE + "=viewer.").contains("HttpOnly", "SameSite=Strict",
                "Path=/console").doesNotContain(VIEWER);
        String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        Console.Request withCookie = new Console.Request("GET", "/console/today", Map.of(), Map.of(),
                Map.of("cookie", "other=1; " + ConsoleAccess.COOKIE + "=" + value));
        assertThat(console.answer(withCookie).status()).isEqualTo(200);
        // a viewer's cookie relabelled as admin is a forgery
        Console.Request forged = new Console.Request("POST", "/console/actions/replay", Map.of(),
                Map.of("borrower", "B1", "by", "x", "reason", "y"),
                Map.of("cookie", ConsoleAccess.COOKIE + "=" + value.replaceFirst("^viewer", "admin")));
        assertThat(console.answer(forged).status()).isEqualTo(401);
    }

    @Test
    void bothLanguagesHaveEveryString() {
        Map<String, String> en = ConsolePages.strings("en");
        java.util.Properties zh = new java.util.Properties();
        try (var in = new java.io.InputStreamReader(ConsoleTest.class.getResourceAsStream("/console/strings_zh.properties"),
                StandardCharsets.UTF_8)) {
            zh.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.keySet());
        assertThat(ConsolePages.language(null, null, "zh-TW,en;q=0.5")).isEqualTo("zh");
        assertThat(ConsolePages.language(null, null, "de-DE")).isEqualTo("en");
        assertThat(ConsolePages.language(null, null, ";;;")).isEqualTo("en");
        assertThat(ConsolePages.language("en", "zh", "zh")).isEqualTo("en");
    }

    private String status(String id) throws SQLException {
        try (Connection c = ledger.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT status FROM notice WHERE id = ?")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
