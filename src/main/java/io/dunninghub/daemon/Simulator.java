package io.dunninghub.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.common.ConfigException;
import io.dunninghub.common.YamlFiles;
import io.dunninghub.config.HubConfig;
import io.dunninghub.config.HubSettings;
import io.dunninghub.dispatch.DispatchPass;
import io.dunninghub.dispatch.SendTimeRules;
import io.dunninghub.ladder.Durations;
import io.dunninghub.ledger.ContactOutcome;
import io.dunninghub.ledger.LedgerSchema;
import io.dunninghub.ledger.OutcomeBook;
import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.render.NoticeModels;
import io.dunninghub.scan.DaysPastDue;
import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/**
 * The ladder run day by day against a scratch ledger, for {@code simulate}: each day the scan at a time of day
 * in the business zone, then dispatch every hour until 22:00 with nothing sent (every provider answers "sent"),
 * scripted call results and payments fed in as they happen. The core bank is only read; the real ledger is only
 * read, to start from a borrower's real history. What each day planned, sent, deferred and suppressed comes back
 * as {@link Line}s with the reason codes the ledger records.
 */
public final class Simulator implements AutoCloseable {

    /**
     * Something scripted for a day: the notice of {@code stepId} sent to the borrower that day comes back with
     * {@code outcome} {@code after} it went out, or (with {@code paid}) the borrower pays everything that day.
     */
    public record Scripted(LocalDate date, String borrowerId, String stepId, OutcomeKind outcome, Duration after,
                           LocalDate promisedDate, BigDecimal promisedAmount, boolean paid) {
    }

    /** One decision of the day, as the ledger recorded it. */
    public record Line(Instant at, String borrowerId, String debt, String step, String channel, String template,
                       String event, String reason, String detail) {
    }

    /** A clock the simulation moves; everything the stages reckon by reads it. */
    static final class SimulationClock extends Clock {
        private volatile Instant now;

        SimulationClock(Instant start) {
            this.now = start;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Stages stages;
    private final SimulationClock clock;
    private final DispatchPass dispatch;
    private final ExecutorService workers;
    private final OutcomeBook outcomes;
    private final List<Scripted> script;
    private final Set<Scripted> applied = new HashSet<>();
    private final String borrowerId;
    private final LocalTime scanAt;
    private final ZoneId zone;
    private static final String EVERYONE = "*";
    /** The day each borrower pays everything, from the script. */
    private final Map<String, LocalDate> paidOn = new ConcurrentHashMap<>();

    private Simulator(HubConfig config, String borrowerId, List<Scripted> script, LocalTime scanAt, Instant start)
            throws SQLException {
        this.borrowerId = borrowerId;
        this.script = List.copyOf(script);
        this.scanAt = scanAt;
        this.clock = new SimulationClock(start);
        HubSettings settings = config.settings();
        this.zone = settings.zone("hub.business-zone");
        // a payment names its borrower, or is the simulated one's (everyone's when none is simulated)
        script.stream().filter(Scripted::paid).forEach(s -> paidOn.merge(
                s.borrowerId() != null ? s.borrowerId() : borrowerId != null ? borrowerId : EVERYONE, s.date(),
                (a, b) -> a.isBefore(b) ? a : b));
        this.stages = Stages.simulation(config, clock, this::asSimulated);
        try {
            copyRealHistory(settings);
            this.outcomes = new OutcomeBook(stages.ledgerDataSource(), "simulate");
            SendTimeRules rules = new SendTimeRules(() -> stages.live().config().ladders(),
                    () -> stages.live().config().policy(), stages.contacts(), stages.parties(),
                    () -> stages.live().standing(), stages.contactLog(), stages.history(), stages.businessZone());
            NoticeModels models = new NoticeModels(settings::lender, settings::lawFirm,
                    settings.integer("hub.render.deadline-days", 0), stages.businessZone());
            this.workers = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "simulate");
                t.setDaemon(true);
                return t;
            });
            // nothing leaves the machine: every provider "accepts" what it is given
            this.dispatch = new DispatchPass(stages.ledger(), stages.scanner(), rules,
                    (template, channel, locale, model) -> stages.live().config().renderer().render(template, channel,
                            locale, model),
                    m -> DeliveryResult.sent("simulated", "SIM-" + m.noticeId()), models, stages.loans(),
                    settings.retryPolicy(), workers, stages.businessZone(), settings.get("hub.render.default-locale"),
                    settings.integer("hub.dispatch.batch-size", 1), settings.integer("hub.dispatch.window", 1),
                    settings.seconds("hub.dispatch.lease-seconds", 10),
                    HubMetrics.NONE, io.dunninghub.dispatch.EvidenceCapture.NONE);
        } catch (SQLException | RuntimeException e) {
            stages.close();
            throw e;
        }
    }

    /**
     * @param borrowerId the one borrower to simulate, or null for everyone the scan returns
     * @param scanAt     the local time of the day's scan in the business zone
     */
    public static Simulator open(HubConfig config, String borrowerId, List<Scripted> script, LocalTime scanAt,
                                 LocalDate from) throws SQLException {
        ZoneId zone = config.settings().zone("hub.business-zone");
        return new Simulator(config, borrowerId, script, scanAt, from.atTime(scanAt).atZone(zone).toInstant());
    }

    /** A row as the simulation sees it: another borrower's is left out; a scripted payment settles it. */
    private Installment asSimulated(Installment i) {
        if (borrowerId != null && !borrowerId.equals(i.borrowerId())) {
            return null;
        }
        LocalDate paid = paidOn.getOrDefault(i.borrowerId(), paidOn.get(EVERYONE));
        LocalDate today = DaysPastDue.businessDate(clock.instant(), zone);
        if (paid != null && !today.isBefore(paid)) {
            return new Installment(i.installmentId(), i.loanId(), i.borrowerId(), i.dueDate(), BigDecimal.ZERO,
                    i.principal(), i.interest(), i.fees(), i.penalty(), i.currency(), i.product(), i.segment(),
                    i.installmentNo(), i.previousDefaults(), i.extra());
        }
        return i;
    }

    /** One day: the scan, then dispatch each hour to 22:00 with the scripted outcomes of the day fed in. */
    public List<Line> day(LocalDate date) throws SQLException, InterruptedException {
        Instant start = date.atTime(scanAt).atZone(zone).toInstant();
        Instant end = date.plusDays(1).atTime(scanAt).atZone(zone).toInstant();
        clock.set(start);
        stages.planningPass().run(start);
        for (Instant t = start; t.isBefore(date.atTime(22, 0).atZone(zone).toInstant());
             t = t.plus(Duration.ofMinutes(30))) {
            clock.set(t);
            feedOutcomes(date, t);
            while (dispatch.dispatchBatches(clock::instant, () -> true) > 0) {
                feedOutcomes(date, t);
            }
        }
        return lines(start, end);
    }

    /** Records the scripted results of notices that went out today, once each, at their instant. */
    private void feedOutcomes(LocalDate date, Instant now) throws SQLException {
        for (Scripted s : script) {
            if (s.paid() || s.outcome() == null || !s.date().equals(date) || applied.contains(s)) {
                continue;
            }
            String b = s.borrowerId() != null ? s.borrowerId() : borrowerId;
            try (Connection c = stages.ledgerDataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT n.id, n.loan_id, n.channel, e.occurred_at FROM notice n "
                         + "JOIN notice_event e ON e.notice_id = n.id AND e.event_type = 'SENT' "
                         + "WHERE n.borrower_id = ? AND n.step_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? "
                         + "ORDER BY e.occurred_at DESC")) {
                // the notice of that step sent that day
                ps.setString(1, b);
                ps.setString(2, s.stepId());
                ps.setObject(3, OffsetDateTime.ofInstant(date.atStartOfDay(zone).toInstant(), ZoneOffset.UTC));
                ps.setObject(4, OffsetDateTime.ofInstant(date.plusDays(1).atStartOfDay(zone).toInstant(), ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    Instant at = rs.getObject(4, OffsetDateTime.class).toInstant().plus(s.after());
                    if (at.isAfter(now)) {
                        continue;
                    }
                    applied.add(s);
                    outcomes.record(new ContactOutcome(rs.getString(1), b, rs.getString(2), "borrower",
                            rs.getString(3), s.outcome(), at, "simulate", "script-" + script.indexOf(s),
                            s.promisedDate(), s.promisedAmount(), null));
                    if (s.outcome() == OutcomeKind.PROMISE_TO_PAY && s.promisedDate() != null) {
                        stages.policyStore().addPromise(b, rs.getString(2), s.promisedDate(), s.promisedAmount(),
                                "scripted", "simulate", at);
                    } else if (s.outcome() == OutcomeKind.DISPUTE) {
                        stages.policyStore().addHold(b, null, "DISPUTE", null, "scripted", "simulate", at);
                    }
                }
            }
        }
    }

    private List<Line> lines(Instant from, Instant until) throws SQLException {
        List<Line> out = new ArrayList<>();
        try (Connection c = stages.ledgerDataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT e.occurred_at, n.borrower_id, n.dedupe_key, n.step_id, "
                     + "n.channel, n.template, e.event_type, e.reason, e.detail FROM notice_event e "
                     + "JOIN notice n ON n.id = e.notice_id WHERE e.occurred_at >= ? AND e.occurred_at < ? "
                     + "AND e.event_type IN ('PLANNED', 'SENT', 'DEFERRED', 'SUPPRESSED', 'OUTCOME') "
                     + "ORDER BY e.occurred_at, e.id")) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(3);
                    out.add(new Line(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                            key.substring(0, key.indexOf(':')), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
        }
        return out;
    }

    /**
     * Starts from what the real ledger has about the borrower (notices, their events, outcomes, holds, promises,
     * opt-outs), read only; nothing when there is no ledger yet or no borrower is named.
     */
    private void copyRealHistory(HubSettings settings) throws SQLException {
        if (borrowerId == null) {
            return;
        }
        try (var real = Databases.forCommand(settings.database("ledger"), "simulate-read")) {
            if (LedgerSchema.isEmpty(real) || !LedgerSchema.pending(real).isEmpty()) {
                return;
            }
            DataSource scratch = stages.ledgerDataSource();
            copy(real, scratch, "notice", "borrower_id = ?");
            copy(real, scratch, "notice_event", "notice_id IN (SELECT id FROM notice WHERE borrower_id = ?)");
            copy(real, scratch, "contact_outcome", "borrower_id = ?");
            copy(real, scratch, "legal_hold", "borrower_id = ?");
            copy(real, scratch, "payment_promise", "borrower_id = ?");
            copy(real, scratch, "opt_out", "borrower_id = ?");
        } catch (RuntimeException e) {
            // a ledger that cannot be read is as good as none for a simulation
        }
    }

    private void copy(DataSource from, DataSource to, String table, String where) throws SQLException {
        try (Connection src = from.getConnection(); Connection dst = to.getConnection();
             PreparedStatement read = src.prepareStatement("SELECT * FROM " + table + " WHERE " + where
                     + (table.equals("notice") ? "" : " ORDER BY id"))) {
            src.setReadOnly(true);
            read.setString(1, borrowerId);
            try (ResultSet rs = read.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                // every table but notice numbers its rows by identity: the scratch ledger numbers the copies
                // itself, or its own next rows would take ids the copies already hold
                List<String> columns = new ArrayList<>();
                List<Integer> kept = new ArrayList<>();
                for (int k = 1; k <= md.getColumnCount(); k++) {
                    String column = md.getColumnLabel(k).toLowerCase(java.util.Locale.ROOT);
                    if (!table.equals("notice") && column.equals("id")) {
                        continue;
                    }
                    columns.add(column);
                    kept.add(k);
                }
                String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
                try (PreparedStatement write = dst.prepareStatement(insert)) {
                    while (rs.next()) {
                        for (int k = 1; k <= columns.size(); k++) {
                            write.setObject(k, rs.getObject(kept.get(k - 1)));
                        }
                        write.addBatch();
                    }
                    write.executeBatch();
                }
            }
        }
    }

    /**
     * Reads a script file:
     * <pre>
     * events:
     *   - { date: 2026-11-02, step: due-call, outcome: no-answer, after: 5m }
     *   - { date: 2026-11-06, step: calls, outcome: promise-to-pay, promised-date: 2026-11-10, amount: 500 }
     *   - { date: 2026-11-12, paid: all }
     * </pre>
     * {@code borrower} may name another borrower than the simulated one.
     */
    public static List<Scripted> script(Path file) {
        String f = file.toString();
        JsonNode root = YamlFiles.read(file);
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw new ConfigException(f, "events", "must be a list like [ { date: 2026-11-02, step: due-call, "
                    + "outcome: no-answer } ]");
        }
        List<Scripted> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String key = "events[" + i + "]";
            LocalDate date = date(f, e, "date", key, true);
            String borrower = YamlFiles.optionalText(e, "borrower", null);
            if (e.has("paid")) {
                if (!"all".equals(e.get("paid").asText())) {
                    throw new ConfigException(f, key + ".paid", "must be 'all' (the borrower pays everything that day)");
                }
                out.add(new Scripted(date, borrower, null, null, Duration.ZERO, null, null, true));
                continue;
            }
            String step = YamlFiles.optionalText(e, "step", null);
            if (step == null) {
                throw new ConfigException(f, key + ".step", "is required: the step whose notice came back");
            }
            String o = YamlFiles.optionalText(e, "outcome", null);
            OutcomeKind kind = OutcomeKind.ofLabel(o).orElseThrow(() -> new ConfigException(f, key + ".outcome",
                    "unknown outcome '" + o + "' (known: " + OutcomeKind.labels() + ")"));
            String afterText = YamlFiles.optionalText(e, "after", "5m");
            Duration after = Durations.parse(afterText);
            if (after == null) {
                throw new ConfigException(f, key + ".after", "must be a duration like 5m or 2h, got '" + afterText + "'");
            }
            BigDecimal amount = null;
            if (e.has("amount")) {
                try {
                    amount = new BigDecimal(e.get("amount").asText());
                } catch (NumberFormatException x) {
                    throw new ConfigException(f, key + ".amount", "must be an amount like 500.00");
                }
            }
            out.add(new Scripted(date, borrower, step, kind, after, date(f, e, "promised-date", key, false), amount,
                    false));
        }
        return out;
    }

    private static LocalDate date(String f, JsonNode e, String field, String key, boolean required) {
        String text = YamlFiles.optionalText(e, field, null);
        if (text == null) {
            if (required) {
                throw new ConfigException(f, key + "." + field, "is required (yyyy-MM-dd)");
            }
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException x) {
            throw new ConfigException(f, key + "." + field, "must be a date like 2026-11-02, got '" + text + "'");
        }
    }

    @Override
    public void close() {
        dispatch.stop();
        workers.shutdownNow();
        stages.close();
    }
}
