package io.dunninghub.web.console;

import io.dunninghub.ledger.LedgerAdmin;
import io.dunninghub.ledger.NoticeActions;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.web.console.ConsoleAccess.Role;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only web console under {@code /console} on the daemon's HTTP server: Today, the borrower timeline and
 * the ladder calendar, server-rendered HTML in English or Chinese. Off (404) unless a viewer or the admin token is
 * configured; every page but the login form and its assets needs a token ({@link ConsoleAccess}). The only writes
 * are the admin API's replay and cancel ({@link NoticeActions}) and the hold command's hold ({@link PolicyStore}),
 * for the admin token only, each after a confirmation page that shows what it would change.
 */
public final class Console {

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);
    /** The longest id the ledger stores (borrower_id, loan_id). */
    private static final int MAX_ID = 64;
    public static final int CALENDAR_DAYS = 30;
    static final String LANG_COOKIE = "dunninghub_lang";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";

    /** An HTTP request as the console reads it; header names lower case. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> form,
                          Map<String, String> headers) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** An answer: status, content type, body and the headers of its own. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A request the console refuses with a status and a reason (400, 403, 404, 405). */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String reason) {
            super(reason);
            this.status = status;
        }
    }

    private final ConsoleAccess access;
    private final ConsolePages pages = new ConsolePages();
    private final TodayReport today;
    private final Timeline timeline;
    private final LadderCalendar calendar;
    private final Operations operations;
    private final LedgerAdmin admin;
    private final PolicyStore policy;
    private final ZoneId zone;
    private final int refreshSeconds;
    private final Clock clock;
    private final String uplotVersion;
    private final java.nio.file.Path cjkFont;
    // a simulation opens its own scratch ledger and core pool: one at a time is plenty for a console
    private final ReentrantLock simulating = new ReentrantLock();

    /**
     * @param admin          the ledger as the admin API changes it (events name this instance)
     * @param refreshSeconds how often Today reloads itself (0 = never)
     * @param cjkFont        a font with Chinese glyphs for browsers without one (the letters' font), or null
     */
    public Console(ConsoleAccess access, TodayReport today, Timeline timeline, LadderCalendar calendar,
                   Operations operations, LedgerAdmin admin, PolicyStore policy, ZoneId zone, int refreshSeconds,
                   java.nio.file.Path cjkFont, Clock clock) {
        this.access = access;
        this.today = today;
        this.timeline = timeline;
        this.calendar = calendar;
        this.operations = operations;
        this.admin = admin;
        this.policy = policy;
        this.zone = zone;
        this.refreshSeconds = refreshSeconds;
        this.clock = clock;
        this.cjkFont = cjkFont;
        this.uplotVersion = webJarVersion("uplot");
    }

    public boolean enabled() {
        return access.enabled();
    }

    // ---- Camel ---------------------------------------------------------------------------------------------

    /** The route's call: every path under {@code /console}. */
    public void handle(Exchange exchange) {
        Message in = exchange.getMessage();
        Response r;
        try {
            r = answer(request(in));
        } catch (Refused e) {
            r = problem(e.status, e.getMessage(), "en");
        }
        // only the answer's own headers go back, none of the request's (the token or cookie least of all)
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, r.status());
        in.setHeader(Exchange.CONTENT_TYPE, r.contentType());
        r.headers().forEach(in::setHeader);
        in.setBody(r.body());
    }

    private static Request request(Message in) {
        Map<String, String> headers = new HashMap<>();
        for (String h : List.of("Authorization", "Cookie", "Accept-Language", "Content-Type", "Origin", "Host",
                "X-Forwarded-Proto")) {
            String v = in.getHeader(h, String.class);
            if (v != null) {
                headers.put(h.toLowerCase(Locale.ROOT), v);
            }
        }
        String method = in.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        String uri = in.getHeader(Exchange.HTTP_URI, "/console", String.class);
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        if (query == null && q >= 0) {
            query = uri.substring(q + 1);
        }
        Map<String, String> form = Map.of();
        if ("POST".equals(method)) {
            form = form(in);
        }
        return new Request(method, path, parse(query, "query"), form, headers);
    }

    // ---- routing -------------------------------------------------------------------------------------------

    /** The answer to a request; never throws for a bad request (400, 401, 403, 404, 405 instead). */
    public Response answer(Request req) {
        String lang = ConsolePages.language(req.query().get("lang"),
                ConsoleAccess.cookie(req.header("Cookie"), LANG_COOKIE), req.header("Accept-Language"));
        try {
            Response r = route(req, lang);
            if (lang.equals(req.query().get("lang")) && !r.headers().containsKey("Set-Cookie")) {
                Map<String, String> h = new LinkedHashMap<>(r.headers());
                h.put("Set-Cookie", LANG_COOKIE + "=" + lang + "; Path=/console; SameSite=Strict; Max-Age=31536000");
                r = new Response(r.status(), r.contentType(), r.body(), h);
            }
            return r;
        } catch (Refused e) {
            return problem(e.status, e.getMessage(), lang);
        } catch (SQLException e) {
            LOG.warn("console: the ledger did not answer ({})", e.getClass().getSimpleName());
            return problem(503, pages.text(lang, "error_ledger"), lang);
        }
    }

    private Response route(Request req, String lang) throws SQLException {
        if (!access.enabled()) {
            throw new Refused(404, "not found");
        }
        List<String> p = segments(req.path());
        if (p.isEmpty() || !p.get(0).equals("console")) {
            throw new Refused(404, "not found");
        }
        List<String> rest = p.subList(1, p.size());
        String first = rest.isEmpty() ? "" : rest.get(0);
        if (first.equals("assets")) {
            require(req, "GET");
            return asset(rest);
        }
        if (first.equals("login")) {
            return login(req, lang);
        }
        if (first.equals("logout")) {
            require(req, "POST");
            return redirect("/console/login", "Set-Cookie", ConsoleAccess.COOKIE + "=; Path=/console; HttpOnly; "
                    + "SameSite=Strict; Max-Age=0");
        }
        Role role = access.of(req.header("Authorization"), req.header("Cookie"));
        if (role == Role.NONE) {
            Map<String, Object> m = base(role, "");
            m.put("message", pages.text(lang, "error_token"));
            return html(401, pages.render("refused", lang, m), "WWW-Authenticate", "Bearer realm=\"dunning-hub console\"");
        }
        switch (first) {
            case "" -> {
                require(req, "GET");
                return redirect("/console/today");
            }
            case "today" -> {
                require(req, "GET");
                end(rest, 1);
                return today(role, lang);
            }
            case "borrower", "loan" -> {
                if (rest.size() == 1) {
                    if ("POST".equals(req.method())) {
                        return search(role, lang, req.form().get("q"));
                    }
                    require(req, "GET");
                    return html(200, pages.render("search", lang, base(role, "timeline")));
                }
                require(req, "GET");
                end(rest, 2);
                String id = id(rest.get(1));
                return first.equals("borrower") ? timeline(role, lang, timeline.ofBorrower(id))
                        : timeline(role, lang, timeline.ofLoan(id));
            }
            case "calendar" -> {
                if (rest.size() == 1) {
                    if ("POST".equals(req.method())) {
                        String q = req.form().get("q");
                        if (q == null || q.isBlank()) {
                            throw new Refused(400, pages.text(lang, "error_search_empty"));
                        }
                        return calendar(role, lang, id(q.strip()), date(req.form().get("from")));
                    }
                    require(req, "GET");
                    return html(200, pages.render("search", lang, base(role, "calendar")));
                }
                require(req, "GET");
                end(rest, 2);
                return calendar(role, lang, id(rest.get(1)), date(req.query().get("from")));
            }
            case "actions" -> {
                require(req, "POST");
                end(rest, 2);
                return action(req, role, lang, rest.get(1));
            }
            default -> throw new Refused(404, "not found");
        }
    }

    // ---- pages ---------------------------------------------------------------------------------------------

    private Response login(Request req, String lang) {
        if ("GET".equals(req.method())) {
            return html(200, pages.render("login", lang, base(Role.NONE, "login")));
        }
        require(req, "POST");
        Role role = access.ofToken(req.form().get("token"));
        if (role == Role.NONE) {
            LOG.warn("console: login refused (wrong token)");
            Map<String, Object> m = base(Role.NONE, "login");
            m.put("error", pages.text(lang, "login_wrong"));
            return html(401, pages.render("login", lang, m));
        }
        boolean https = "https".equalsIgnoreCase(req.header("X-Forwarded-Proto"));
        LOG.info("console: {} signed in", role.name().toLowerCase(Locale.ROOT));
        return redirect("/console/today", "Set-Cookie", ConsoleAccess.COOKIE + "=" + access.session(role)
                + "; Path=/console; HttpOnly; SameSite=Strict; Max-Age=" + ConsoleAccess.SESSION.toSeconds()
                + (https ? "; Secure" : ""));
    }

    private Response today(Role role, String lang) throws SQLException {
        Instant now = clock.instant();
        TodayReport.Today t = today.at(now);
        Map<String, Object> m = base(role, "today");
        m.put("today", t);
        m.put("counted", TodayReport.COUNTED);
        m.put("reasons", t.reasons());
        m.put("oldestDue", duration(t.backlog().oldestDueAge().toSeconds()));
        m.put("providers", operations.providers(t.sentLastHourByProvider()));
        Operations.Scan scan = operations.scan();
        m.put("scan", scan);
        m.put("scanAt", scan.lastSuccess() == null ? "" : local(scan.lastSuccess()));
        m.put("scanRunning", scan.running() == null ? "" : duration(scan.running().toSeconds()));
        m.put("now", local(now));
        m.put("refresh", refreshSeconds);
        m.put("bars", bars(t));
        m.put("chart", chart(t));
        return html(200, pages.render("today", lang, m));
    }

    /** Per channel, the widths (0..100) of the bars of SENT, DEFERRED, SUPPRESSED, FAILED against the largest. */
    private static Map<String, Map<String, Integer>> bars(TodayReport.Today t) {
        int max = 1;
        for (TodayReport.ChannelRow r : t.channels()) {
            for (String e : TodayReport.CHARTED) {
                max = Math.max(max, r.get(e));
            }
        }
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (TodayReport.ChannelRow r : t.channels()) {
            Map<String, Integer> w = new LinkedHashMap<>();
            for (String e : TodayReport.CHARTED) {
                w.put(e, r.get(e) == 0 ? 0 : Math.max(1, r.get(e) * 100 / max));
            }
            out.put(r.channel(), w);
        }
        return out;
    }

    /** The hourly series as JSON for the chart script: hours (Unix seconds) and one array per charted event. */
    private static String chart(TodayReport.Today t) {
        StringBuilder b = new StringBuilder("{\"zone\":\"" + t.zone().getId() + "\",\"x\":[");
        for (int h = 0; h < 24; h++) {
            b.append(h == 0 ? "" : ",").append(t.from().plusSeconds(3600L * h).getEpochSecond());
        }
        b.append("]");
        for (String e : TodayReport.CHARTED) {
            b.append(",\"").append(e).append("\":[");
            int[] v = t.byHour().get(e);
            for (int h = 0; h < 24; h++) {
                b.append(h == 0 ? "" : ",").append(v[h]);
            }
            b.append(']');
        }
        return b.append('}').toString();
    }

    private Response search(Role role, String lang, String q) throws SQLException {
        if (q == null || q.isBlank()) {
            throw new Refused(400, pages.text(lang, "error_search_empty"));
        }
        String id = id(q.strip());
        return switch (timeline.identify(id)) {
            case BORROWER -> timeline(role, lang, timeline.ofBorrower(id));
            case LOAN -> timeline(role, lang, timeline.ofLoan(id));
            // the input is not echoed: it may be a phone number or an e-mail address typed by mistake
            case UNKNOWN -> throw new Refused(404, pages.text(lang, "error_unknown"));
        };
    }

    private Response timeline(Role role, String lang, Timeline.Record r) {
        if (!r.found()) {
            throw new Refused(404, pages.text(lang, "error_unknown"));
        }
        boolean mask = role != Role.ADMIN;
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Timeline.Entry e : r.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at() == null ? "" : local(e.at()));
            m.put("kind", e.kind().name());
            m.put("what", e.what());
            m.put("reason", nz(e.reason()));
            m.put("notice", e.noticeId() == null ? "" : e.noticeId());
            m.put("noticeShort", e.noticeId() == null ? "" : e.noticeId().substring(0, Math.min(8, e.noticeId().length())));
            m.put("loan", nz(e.loanId()));
            m.put("step", nz(e.step()));
            m.put("channel", nz(e.channel()));
            m.put("provider", nz(e.provider()));
            m.put("detail", nz(mask ? ConsoleMask.text(e.detail()) : e.detail()));
            m.put("by", nz(e.by()));
            entries.add(m);
        }
        List<Map<String, Object>> notices = new ArrayList<>();
        for (Timeline.Notice n : r.notices()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("idShort", n.id().substring(0, Math.min(8, n.id().length())));
            m.put("loan", nz(n.loanId()));
            m.put("step", n.step());
            m.put("channel", n.channel());
            m.put("audience", n.audience());
            m.put("template", n.template());
            m.put("status", n.status());
            m.put("reason", nz(n.reason()));
            m.put("recipient", nz(n.recipientMasked()));
            m.put("delivery", nz(n.deliveryStatus()));
            m.put("stored", n.content() != null);
            m.put("subject", n.content() == null ? "" : nz(mask ? ConsoleMask.text(n.content().subject()) : n.content().subject()));
            m.put("content", n.content() == null ? "" : nz(mask ? ConsoleMask.text(n.content().text()) : n.content().text()));
            notices.add(m);
        }
        Map<String, Object> m = base(role, "timeline");
        m.put("borrower", nz(r.borrowerId()));
        m.put("loan", nz(r.loanId()));
        m.put("borrowers", List.copyOf(r.borrowers()));
        m.put("entries", entries);
        m.put("notices", notices);
        m.put("holdKinds", PolicyStore.HOLD_KINDS);
        return html(200, pages.render("timeline", lang, m));
    }

    private Response calendar(Role role, String lang, String borrowerId, LocalDate from) throws SQLException {
        if (timeline.identify(borrowerId) != Timeline.Subject.BORROWER) {
            throw new Refused(404, pages.text(lang, "error_unknown"));
        }
        LocalDate start = from != null ? from : clock.instant().atZone(zone).toLocalDate();
        List<LadderCalendar.Decision> decisions;
        simulating.lock();
        try {
            decisions = calendar.simulate(borrowerId, start, CALENDAR_DAYS);
        } catch (SQLException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "interrupted");
        } catch (Exception e) {
            LOG.warn("console: the calendar of a borrower could not be simulated: {}", e.getMessage());
            throw new Refused(503, pages.text(lang, "error_simulation") + " " + e.getMessage());
        } finally {
            simulating.unlock();
        }
        boolean mask = role != Role.ADMIN;
        List<LadderCalendar.Decision> shown = decisions.stream().map(d -> mask ? new LadderCalendar.Decision(d.at(),
                d.debt(), d.step(), d.channel(), d.template(), d.event(), d.reason(), ConsoleMask.text(d.detail())) : d)
                .toList();
        Map<String, Object> m = base(role, "calendar");
        m.put("borrower", borrowerId);
        m.put("from", start.toString());
        m.put("to", start.plusDays(CALENDAR_DAYS - 1L).toString());
        m.put("weeks", LadderCalendar.weeks(shown, start, CALENDAR_DAYS, zone));
        m.put("zone", zone);
        long sends = shown.stream().filter(d -> d.event().equals("SENT")).count();
        long defers = shown.stream().filter(d -> d.event().equals("DEFERRED")).count();
        m.put("sends", sends);
        m.put("defers", defers);
        m.put("suppressions", shown.stream().filter(d -> d.event().equals("SUPPRESSED")).count());
        return html(200, pages.render("calendar", lang, m));
    }

    // ---- the admin actions ---------------------------------------------------------------------------------

    private Response action(Request req, Role role, String lang, String what) throws SQLException {
        if (!List.of("replay", "cancel", "hold").contains(what)) {
            throw new Refused(404, "not found");
        }
        if (role != Role.ADMIN) {
            throw new Refused(403, pages.text(lang, "error_admin_only"));
        }
        sameOrigin(req);
        Map<String, String> f = req.form();
        String borrower = optionalId(f.get("borrower"));
        String loan = optionalId(f.get("loan"));
        String by = f.getOrDefault("by", "").strip();
        String reason = f.getOrDefault("reason", "").strip();
        boolean confirmed = "yes".equals(f.get("confirm"));
        Instant now = clock.instant();
        Map<String, Object> m = base(role, "timeline");
        m.put("action", what);
        m.put("borrower", nz(borrower));
        m.put("loan", nz(loan));
        m.put("by", by);
        m.put("reason", reason);
        m.put("confirmed", confirmed);
        try {
            switch (what) {
                case "replay" -> {
                    // the console replays one borrower's or loan's notices, never the whole ledger's
                    if (borrower == null && loan == null) {
                        throw new IllegalArgumentException("give borrower or loan");
                    }
                    outcome(m, NoticeActions.replay(admin, statuses -> LedgerAdmin.Filter.of(statuses, null, null,
                            borrower, loan, null, null), NoticeActions.REPLAYABLE, 10_000, !confirmed, by, reason, now));
                }
                case "cancel" -> outcome(m, NoticeActions.cancel(admin, borrower, loan, null, !confirmed, by, reason, now));
                default -> hold(m, f, borrower, loan, by, reason, confirmed, now);
            }
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
        if (confirmed) {
            LOG.info("console: {} done by the admin token", what);
        }
        return html(200, pages.render(confirmed ? "done" : "confirm", lang, m));
    }

    private static void outcome(Map<String, Object> m, NoticeActions.Outcome o) {
        m.put("matched", o.matched());
        m.put("changed", o.changed());
        m.put("skipped", o.skipped());
    }

    private void hold(Map<String, Object> m, Map<String, String> f, String borrower, String loan, String by,
                      String reason, boolean confirmed, Instant now) throws SQLException {
        if (borrower == null) {
            throw new IllegalArgumentException("borrower is required for a hold");
        }
        if (timeline.identify(borrower) != Timeline.Subject.BORROWER) {
            throw new Refused(404, "no such borrower in the ledger");
        }
        String kind = f.getOrDefault("kind", "").strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (!PolicyStore.HOLD_KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of " + String.join(", ", PolicyStore.HOLD_KINDS));
        }
        if (by.isEmpty() || reason.isEmpty()) {
            throw new IllegalArgumentException("by and reason are required (who or why is recorded with every change)");
        }
        LocalDate until = date(f.get("until"));
        // to the end of that day in the business zone, as the hold command reads a date
        Instant expires = until == null ? null : until.plusDays(1).atStartOfDay(zone).toInstant();
        if (expires != null && !expires.isAfter(now)) {
            throw new IllegalArgumentException("until " + until + " has already passed; nothing recorded");
        }
        m.put("kind", kind);
        m.put("until", until == null ? "" : until.toString());
        m.put("matched", List.of());
        if (confirmed) {
            long id = policy.addHold(borrower, loan, kind, expires, reason, by, now);
            m.put("holdId", id);
            m.put("changed", 1);
        } else {
            m.put("changed", 0);
        }
    }

    /** A form posted from another site is refused even with a valid cookie (SameSite=Strict does most of this). */
    private static void sameOrigin(Request req) {
        String origin = req.header("Origin");
        String host = req.header("Host");
        if (origin != null && host != null && !origin.replaceFirst("^https?://", "").equalsIgnoreCase(host)) {
            throw new Refused(403, "cross-site request refused");
        }
    }

    // ---- assets --------------------------------------------------------------------------------------------

    private Response asset(List<String> rest) {
        end(rest, 2);
        if (rest.size() != 2) {
            throw new Refused(404, "not found");
        }
        String name = rest.get(1);
        if (name.equals("cjk.ttf")) {
            // loaded by the stylesheet only for Chinese text the browser has no font for (unicode-range)
            try {
                if (cjkFont == null || !java.nio.file.Files.isRegularFile(cjkFont)) {
                    throw new Refused(404, "not found");
                }
                return new Response(200, "font/ttf", java.nio.file.Files.readAllBytes(cjkFont),
                        Map.of("Cache-Control", "max-age=86400", "X-Content-Type-Options", "nosniff"));
            } catch (IOException e) {
                throw new Refused(404, "not found");
            }
        }
        String resource = switch (name) {
            case "console.css" -> "console/console.css";
            case "console.js" -> "console/console.js";
            case "uPlot.min.css" -> UPLOT + uplotVersion + "/dist/uPlot.min.css";
            case "uPlot.iife.min.js" -> UPLOT + uplotVersion + "/dist/uPlot.iife.min.js";
            default -> throw new Refused(404, "not found");
        };
        try (InputStream s = Console.class.getClassLoader().getResourceAsStream(resource)) {
            if (s == null) {
                throw new Refused(404, "not found");
            }
            String type = name.endsWith(".css") ? "text/css; charset=UTF-8" : "text/javascript; charset=UTF-8";
            return new Response(200, type, s.readAllBytes(), Map.of("Cache-Control", "max-age=3600",
                    "X-Content-Type-Options", "nosniff"));
        } catch (IOException e) {
            throw new Refused(404, "not found");
        }
    }

    /** A WebJar's version from its Maven metadata, so the pom alone says which one is served. */
    static String webJarVersion(String artifact) {
        try (InputStream s = Console.class.getClassLoader().getResourceAsStream(
                "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            if (s == null) {
                return "missing";
            }
            Properties p = new Properties();
            p.load(s);
            return p.getProperty("version", "missing");
        } catch (IOException e) {
            return "missing";
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private Map<String, Object> base(Role role, String active) {
        Map<String, Object> m = new HashMap<>();
        m.put("admin", role == Role.ADMIN);
        m.put("signedIn", role != Role.NONE);
        m.put("role", role.name().toLowerCase(Locale.ROOT));
        m.put("active", active);
        m.put("zone", zone.getId());
        return m;
    }

    private Response problem(int status, String message, String lang) {
        Map<String, Object> m = base(Role.NONE, "");
        m.put("status", status);
        m.put("message", message == null ? "" : message);
        return html(status, pages.render("error", lang, m));
    }

    private static Response html(int status, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-store");
        h.put("X-Frame-Options", "DENY");
        h.put("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: with no-referrer a browser posts forms with "Origin: null"
        h.put("Referrer-Policy", "same-origin");
        // scripts and styles from the console's own assets only; the chart's data is a JSON block, never run
        h.put("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "form-action 'self'; frame-ancestors 'none'");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new Response(status, "text/html; charset=UTF-8", body.getBytes(StandardCharsets.UTF_8), h);
    }

    private static Response redirect(String to, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Location", to);
        h.put("Cache-Control", "no-store");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new Response(303, "text/plain; charset=UTF-8", new byte[0], h);
    }

    private static void require(Request req, String method) {
        if (!method.equals(req.method())) {
            throw new Refused(405, req.method() + " is not allowed here (use " + method + ")");
        }
    }

    private static void end(List<String> rest, int size) {
        if (rest.size() > size) {
            throw new Refused(404, "not found");
        }
    }

    /** The path's segments, %-decoded; a broken escape is a bad request. */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode(s.replace("+", "%2B")));
            }
        }
        return out;
    }

    /** An id as the ledger stores it: 1 to 64 characters, no control characters, no slash. */
    static String id(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ID || value.contains("/")
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new Refused(400, "an id is 1 to " + MAX_ID + " characters without control characters or '/'");
        }
        return value;
    }

    private static String optionalId(String value) {
        return value == null || value.isBlank() ? null : id(value.strip());
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new Refused(400, "a date is YYYY-MM-DD");
        }
    }

    private String local(Instant t) {
        return t.atZone(zone).toLocalDateTime().withNano(0).toString().replace('T', ' ');
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, String> form(Message in) {
        Object body = in.getBody();
        if (body instanceof Map<?, ?> map) {
            // the HTTP server decoded the form already
            Map<String, String> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Iterable<?> many
                    ? String.valueOf(many.iterator().hasNext() ? many.iterator().next() : "") : v == null ? "" : String.valueOf(v)));
            return out;
        }
        String type = in.getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
        byte[] bytes = in.getBody(byte[].class);
        if (bytes == null || bytes.length == 0) {
            return Map.of();
        }
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new Refused(400, "send the form as application/x-www-form-urlencoded");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(400, "the form is not UTF-8 text");
        }
        return parse(text, "form");
    }

    private static Map<String, String> parse(String text, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            out.putIfAbsent(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "a broken %-escape");
        }
    }
}
