package io.dunninghub.web;

import io.dunninghub.config.LiveReload;
import io.dunninghub.ledger.NoticeActions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.ledger.LedgerAdmin;
import io.dunninghub.outcome.CallResults;
import io.dunninghub.outcome.OperatorOutcomes;
import io.dunninghub.outcome.OutcomeIntake;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API on the embedded HTTP server: {@code POST /admin/replay}, {@code POST /admin/cancel},
 * {@code POST /admin/reload} and {@code GET /admin/status}, each behind {@code Authorization: Bearer <token>}
 * with the token of {@code hub.admin.token}. Without a token the routes are not started at all (404); this
 * bean refuses too, should one be started anyway. Replay and cancel run exactly as the CLI commands do.
 */
public final class AdminEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_BY = "admin-api";

    private final AdminToken token;
    private final LedgerAdmin admin;
    private final LiveReload reloader;
    private final Clock clock;
    private final OutcomeIntake outcomes;

    /** @param token {@link AdminToken#NONE}: the API is off */
    public AdminEndpoints(AdminToken token, LedgerAdmin admin, LiveReload reloader, Clock clock) {
        this(token, admin, reloader, clock, null);
    }

    /** @param outcomes takes outcomes posted to {@code /admin/outcomes}; null: that endpoint answers 404 */
    public AdminEndpoints(AdminToken token, LedgerAdmin admin, LiveReload reloader, Clock clock,
                          OutcomeIntake outcomes) {
        this.token = token;
        this.admin = admin;
        this.reloader = reloader;
        this.clock = clock;
        this.outcomes = outcomes;
    }

    /**
     * {@code POST /admin/outcomes}: records an outcome as {@code outcome add} does, body
     * {@code {notice | borrower (+ loan), outcome, at?, promisedDate?, promisedAmount?, note?, by?}}.
     */
    public void recordOutcome(Exchange exchange) throws JsonProcessingException, SQLException {
        if (!authorized(exchange, "outcome")) {
            return;
        }
        if (outcomes == null) {
            respond(exchange, 404, Map.of("error", "not found"));
            return;
        }
        OutcomeIntake.Taken t;
        try {
            JsonNode body = body(exchange, Set.of("notice", "borrower", "loan", "outcome", "at", "promisedDate",
                    "promisedAmount", "note", "by"));
            String by = textOr(body, "by", DEFAULT_BY);
            OperatorOutcomes.Request request = new OperatorOutcomes.Request(text(body, "notice"), text(body, "borrower"),
                    text(body, "loan"), text(body, "outcome"), CallResults.instant(text(body, "at"), "at"),
                    CallResults.date(text(body, "promisedDate"), "promisedDate"),
                    CallResults.amount(body.get("promisedAmount"), "promisedAmount"), text(body, "note"), "admin:" + by);
            t = OperatorOutcomes.record(outcomes, request);
        } catch (OperatorOutcomes.UnknownNotice e) {
            respond(exchange, 422, Map.of("error", e.getMessage()));
            return;
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        LOG.info("admin: outcome recorded (#{}, {})", t.id(), t.isNew() ? "new" : "already recorded");
        respond(exchange, 200, Map.of("id", t.id(), "recorded", t.isNew(), "effects", t.effects()));
    }

    /** {@code GET /admin/outcomes?borrower=B[&loan=L]}: the borrower's outcomes, newest first. */
    public void listOutcomes(Exchange exchange) throws JsonProcessingException, SQLException {
        if (!authorized(exchange, "outcomes")) {
            return;
        }
        String borrower = exchange.getMessage().getHeader("borrower", String.class);
        String loan = exchange.getMessage().getHeader("loan", String.class);
        if (outcomes == null) {
            respond(exchange, 404, Map.of("error", "not found"));
            return;
        }
        if (borrower == null || borrower.isBlank()) {
            respond(exchange, 400, Map.of("error", "borrower is required (?borrower=B)"));
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (io.dunninghub.ledger.OutcomeBook.OutcomeRow r : outcomes.book().byBorrower(borrower.strip(),
                loan == null || loan.isBlank() ? null : loan.strip(), 1000)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("loan", r.loanId());
            m.put("notice", r.noticeId());
            m.put("channel", r.channel());
            m.put("outcome", io.dunninghub.ledger.OutcomeKind.ofLabel(r.outcome()).map(k -> k.label()).orElse(r.outcome()));
            m.put("at", r.occurredAt().toString());
            m.put("source", r.source());
            m.put("promisedDate", r.promisedDate() == null ? null : r.promisedDate().toString());
            m.put("promisedAmount", r.promisedAmount() == null ? null : r.promisedAmount().toPlainString());
            rows.add(m);
        }
        respond(exchange, 200, Map.of("borrower", borrower.strip(), "outcomes", rows));
    }

    public boolean enabled() {
        return token.isSet();
    }

    /** {@code POST /admin/replay}: body as the replay command's options; DEAD or FAILED notices due again. */
    public void replay(Exchange exchange) throws JsonProcessingException, SQLException {
        if (!authorized(exchange, "replay")) {
            return;
        }
        JsonNode body;
        NoticeActions.Outcome o;
        try {
            body = body(exchange, Set.of("channel", "provider", "borrower", "loan", "from", "to", "status", "dryRun",
                    "by", "reason", "limit"));
            String channel = text(body, "channel");
            String provider = text(body, "provider");
            String borrower = text(body, "borrower");
            String loan = text(body, "loan");
            LocalDate from = date(body, "from");
            LocalDate to = date(body, "to");
            java.util.function.Function<List<String>, LedgerAdmin.Filter> selection =
                    statuses -> LedgerAdmin.Filter.of(statuses, channel, provider, borrower, loan, from, to);
            o = NoticeActions.replay(admin, selection, statuses(body), integer(body, "limit", 10_000),
                    bool(body, "dryRun"), textOr(body, "by", DEFAULT_BY), textOr(body, "reason", "replayed by operator"),
                    clock.instant());
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        LOG.info("admin: replay {} ({} notices matched, {} replayed)", o.dryRun() ? "dry run" : "done",
                o.matched().size(), o.changed());
        respond(exchange, 200, answer(o, "replayed"));
    }

    /** {@code POST /admin/cancel}: body as the cancel command's options; borrower or loan, and reason, required. */
    public void cancel(Exchange exchange) throws JsonProcessingException, SQLException {
        if (!authorized(exchange, "cancel")) {
            return;
        }
        JsonNode body;
        NoticeActions.Outcome o;
        try {
            body = body(exchange, Set.of("borrower", "loan", "channel", "reason", "by", "dryRun"));
            o = NoticeActions.cancel(admin, text(body, "borrower"), text(body, "loan"), text(body, "channel"),
                    bool(body, "dryRun"), textOr(body, "by", DEFAULT_BY), text(body, "reason"), clock.instant());
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        LOG.info("admin: cancel {} ({} pending notices matched, {} cancelled)", o.dryRun() ? "dry run" : "done",
                o.matched().size(), o.changed());
        Map<String, Object> answer = answer(o, "cancelled");
        answer.put("beingSent", o.skipped());
        respond(exchange, 200, answer);
    }

    /** {@code GET /admin/status}: the status command's numbers. */
    public void status(Exchange exchange) throws JsonProcessingException, SQLException {
        if (!authorized(exchange, "status")) {
            return;
        }
        LedgerAdmin.Status s = admin.status(clock.instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("byStatusAndChannel", s.byStatusAndChannel());
        Map<String, Integer> totals = new LinkedHashMap<>();
        s.byStatusAndChannel().forEach((status, m) -> totals.put(status, m.values().stream().mapToInt(Integer::intValue).sum()));
        body.put("byStatus", totals);
        body.put("dueNow", s.dueNow());
        body.put("oldestDueSeconds", s.oldestDueAge().toSeconds());
        respond(exchange, 200, body);
    }

    /**
     * {@code POST /admin/reload}: reads, checks and puts in force the live configuration files, as a file change
     * does. 200 when in force (or unchanged), 422 with the problems when rejected, 202 when it is still waiting
     * for a dispatch batch to finish.
     */
    public void reload(Exchange exchange) throws Exception {
        if (!authorized(exchange, "reload")) {
            return;
        }
        LiveReload.Result r;
        try {
            r = reloader.reloadAsync("admin API").get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            respond(exchange, 202, Map.of("status", "pending",
                    "detail", "still applying (waiting for a dispatch batch or a route to finish); see the log"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        body.put("changed", r.changed());
        body.put("problems", r.problems());
        if (r.status() == LiveReload.Status.UNAVAILABLE) {
            respond(exchange, 503, Map.of("error", String.join("; ", r.problems())));
            return;
        }
        respond(exchange, r.status() == LiveReload.Status.REJECTED ? 422 : 200, body);
    }

    private static Map<String, Object> answer(NoticeActions.Outcome o, String verb) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dryRun", o.dryRun());
        body.put("matched", o.matched().size());
        body.put(verb, o.changed());
        List<Map<String, Object>> notices = new ArrayList<>();
        for (LedgerAdmin.NoticeRow r : o.matched()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", r.id());
            n.put("channel", r.channel());
            n.put("status", r.status());
            n.put("reason", r.reason());
            n.put("dedupeKey", r.dedupeKey());
            notices.add(n);
        }
        body.put("notices", notices);
        return body;
    }

    /** Checks the bearer token in constant time; answers 401 (or 404 when the API is off) and returns false. */
    private boolean authorized(Exchange exchange, String what) throws JsonProcessingException {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        // the token goes no further than this check: not into the answer, a log line or a trace
        exchange.getMessage().removeHeader("Authorization");
        if (!token.isSet()) {
            respond(exchange, 404, Map.of("error", "not found"));
            return false;
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            LOG.warn("admin: {} refused: no bearer token", what);
            respond(exchange, 401, Map.of("error", "a bearer token is required"));
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"dunning-hub\"");
            return false;
        }
        if (!token.matches(header.substring(7))) {
            LOG.warn("admin: {} refused: wrong bearer token", what);
            respond(exchange, 401, Map.of("error", "invalid token"));
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"dunning-hub\", error=\"invalid_token\"");
            return false;
        }
        return true;
    }

    /**
     * The JSON object of the request; an empty body is an empty object. Unknown fields are refused, and so is a body
     * sent as anything but JSON (the HTTP server would decode a form itself and hand on nothing).
     */
    private static JsonNode body(Exchange exchange, Set<String> fields) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type != null && !type.isBlank() && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new IllegalArgumentException("send the body as JSON (Content-Type: application/json), not " + type);
        }
        String text = utf8(exchange.getMessage().getBody(byte[].class));
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
            }
        }
        return node;
    }

    private static String utf8(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("body is not JSON (not UTF-8 text)");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.asText().isBlank() ? null : v.asText().strip();
    }

    private static String textOr(JsonNode body, String field, String fallback) {
        String v = text(body, field);
        return v == null ? fallback : v;
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return v.asBoolean();
    }

    private static int integer(JsonNode body, String field, int fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return v.asInt();
    }

    private static LocalDate date(JsonNode body, String field) {
        String v = text(body, field);
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD, not '" + v + "'");
        }
    }

    /** {@code "status": ["DEAD", "FAILED"]} or {@code "status": "DEAD,FAILED"}, as the CLI's --status. */
    private static List<String> statuses(JsonNode body) {
        JsonNode v = body.get("status");
        if (v == null || v.isNull()) {
            return NoticeActions.REPLAYABLE;
        }
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            for (String s : v.asText().split(",")) {
                out.add(s.strip());
            }
        } else if (v.isArray()) {
            v.forEach(s -> out.add(s.asText().strip()));
        } else {
            throw new IllegalArgumentException("status must be a list such as [\"DEAD\", \"FAILED\"]");
        }
        return out;
    }

    private static void respond(Exchange exchange, int status, Map<String, ?> body) throws JsonProcessingException {
        // only the answer's own headers go back, none of the request's
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(body));
    }
}
