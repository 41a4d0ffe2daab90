package io.dunninghub.config;

import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.ProvidersConfig;
import io.dunninghub.common.ConfigException;
import io.dunninghub.dispatch.RetryPolicy;
import io.dunninghub.receipt.ReceiptEndpoints;
import io.dunninghub.receipt.SendGridReceipts;
import io.dunninghub.receipt.SendGridSignature;
import io.dunninghub.render.LetterPdfWriter;
import io.dunninghub.render.TemplateModel;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code hub.*} keys of application.properties as resolved at start-up (placeholders, the secrets file,
 * overrides), with typed readers that name the key in every error. {@link #KEYS} is every key with its default
 * and meaning; the reference's table of keys (docs/reference/configuration.md) is checked against it, so the
 * two cannot drift apart. Immutable: a running hub never sees a value change under it.
 */
public final class HubSettings {

    public record Key(String name, String defaultValue, String meaning) {
    }

    public static final List<Key> KEYS = List.of(
            new Key("hub.instance-id", "", "Name of this instance in the ledger's leases and events; empty = host name and process id"),
            new Key("hub.business-zone", "UTC", "Lender's time zone: days past due are counted in its calendar days"),
            new Key("hub.demo.enabled", "false", "Create and fill the demo core-banking database when it is empty"),
            new Key("hub.demo.borrowers", "300", "How many demo borrowers to create"),
            new Key("hub.core.url", "", "JDBC URL of the core banking database (only ever read)"),
            new Key("hub.core.username", "", "Core banking database user (use a read-only account)"),
            new Key("hub.core.password", "", "Core banking database password; use a placeholder such as {{env:CORE_DB_PASSWORD}}"),
            new Key("hub.core.pool-size", "4", "Connections to the core banking database"),
            new Key("hub.ledger.url", "", "JDBC URL of the hub's own ledger database (PostgreSQL in production)"),
            new Key("hub.ledger.username", "", "Ledger database user"),
            new Key("hub.ledger.password", "", "Ledger database password; use a placeholder such as {{env:LEDGER_DB_PASSWORD}}"),
            new Key("hub.ledger.pool-size", "8", "Connections to the ledger database"),
            new Key("hub.scan.cron", "0 0 8 * * ?", "Quartz cron of the scan, in hub.business-zone (seconds minutes hours day-of-month month day-of-week; checked at start-up)"),
            new Key("hub.scan.on-startup", "true", "Also scan once a few seconds after the daemon starts"),
            new Key("hub.scan.cluster", "auto", "Run the scan's cron through Quartz's clustered job store in the ledger, so one instance scans: auto (when the ledger is PostgreSQL), true or false"),
            new Key("hub.scan.cluster-checkin-seconds", "15", "With the clustered scan: how often each instance checks in with the others; one silent for this long plus 7.5 s is presumed dead and a scan it was running starts again on another instance"),
            new Key("hub.scan.sql", "", "SQL that returns the installments to consider; may use :asOf (business date) and :dueBy (latest due date a ladder step concerns)"),
            new Key("hub.scan.fetch-size", "1000", "Rows fetched per round trip while streaming the scan"),
            new Key("hub.scan.chunk-size", "500", "Installments planned (contacts looked up, ledger written) per batch"),
            new Key("hub.scan.progress-every", "100000", "Log a progress line every N scanned rows (0 = never)"),
            new Key("hub.scan.column.*", "(same name)", "Maps a canonical installment column (one of those the scan reads) to your SQL's column label"),
            new Key("hub.recheck.sql", "", "SQL that re-reads installments right before sending; must use :installmentIds"),
            new Key("hub.contacts.sql", "", "SQL that returns borrowers' contacts; must use :borrowerIds"),
            new Key("hub.contacts.column.*", "(same name)", "Maps a canonical contact column (one of those the contacts query reads) to your SQL's column label"),
            new Key("hub.parties.sql", "", "SQL that returns co-borrowers and guarantors of loans; must use :loanIds; needed when a ladder step names them"),
            new Key("hub.parties.column.*", "(same name)", "Maps a canonical party column (one of those the parties query reads) to your SQL's column label"),
            new Key("hub.holds.sql", "", "Optional SQL returning legal holds the core database records; must use :borrowerIds"),
            new Key("hub.promises.sql", "", "Optional SQL returning promises to pay the core database records; must use :borrowerIds"),
            new Key("hub.optouts.sql", "", "Optional SQL returning opt-outs the core database records; must use :borrowerIds"),
            new Key("hub.loans.sql", "", "Optional SQL returning what the core bank knows about each loan (amount, date, contract number, repayment link, …), one row per loan_id; must use :loanIds; every column reaches templates as loan.<label>"),
            new Key("hub.schedule.sql", "", "Optional SQL returning each loan's repayment schedule, one row per installment (loan_id and e.g. installment_no, due_date, amount_due, status); must use :loanIds; templates see it as loan.schedule"),
            new Key("hub.dispatch.enabled", "true", "Whether this instance dispatches due notices (daemon; `false` keeps an instance for scanning and receipts, `run --once` always dispatches)"),
            new Key("hub.dispatch.period-ms", "2000", "Pause between dispatch rounds when nothing is due"),
            new Key("hub.dispatch.batch-size", "200", "Notices claimed per batch"),
            new Key("hub.dispatch.threads", "8", "Notices sent in parallel (calls to providers at once)"),
            new Key("hub.dispatch.window", "400", "Most notices claimed and not yet recorded at once; batches are claimed while there is room, each notice is recorded as soon as its call is over. A crash may send this many again"),
            new Key("hub.dispatch.lease-seconds", "300", "How long a claim holds; an expired lease makes the notice claimable again"),
            new Key("hub.dispatch.max-attempts", "6", "Provider attempts before a notice is DEAD"),
            new Key("hub.dispatch.backoff-initial-seconds", "60", "First retry delay; doubles per attempt, with jitter"),
            new Key("hub.dispatch.backoff-max-seconds", "3600", "Longest retry delay"),
            new Key("hub.dispatch.rate-wait-ms", "1000", "Longest a worker waits for a provider's rate-limit token; beyond it the notice goes back to the ledger for a moment, no attempt counted"),
            new Key("hub.http.enabled", "true", "Run the embedded HTTP server (delivery receipts) while the daemon runs; never for run --once"),
            new Key("hub.http.host", "0.0.0.0", "Address the HTTP server listens on"),
            new Key("hub.http.port", "8080", "Port of the HTTP server (receipts; health and metrics share it)"),
            new Key("hub.metrics.enabled", "true", "Serve Prometheus metrics at GET /metrics on the HTTP server; false = 404"),
            new Key("hub.metrics.backlog-refresh-seconds", "10", "How often the backlog gauges read the ledger (notices due now, oldest due age)"),
            new Key("hub.health.scan-stuck-seconds", "7200", "/health/ready answers 503 while a scan has been running longer than this (0 = never)"),
            new Key("hub.receipts.public-url", "", "The hub's address as providers call it: https:// (or http://), host, optional port and path, no query, e.g. https://hub.example.com (checks Twilio signatures); empty = the request's Host"),
            new Key("hub.receipts.alibaba.token", "", "Secret path segment of the Alibaba receipt URL /receipts/alibaba/<token>; empty = endpoint off"),
            new Key("hub.receipts.tencent.token", "", "Secret path segment of the Tencent receipt URL /receipts/tencent/<token>; empty = endpoint off"),
            new Key("hub.receipts.lob.secret", "", "Lob webhook secret (Lob-Signature); empty = endpoint off"),
            new Key("hub.receipts.lob.tolerance-seconds", "300", "How far a Lob signature timestamp may be from now; older callbacks are replays"),
            new Key("hub.receipts.sendgrid.public-key", "", "SendGrid Event Webhook verification key (Base64, from SendGrid's Mail Settings) for /receipts/sendgrid; empty = endpoint off"),
            new Key("hub.receipts.sendgrid.tolerance-seconds", "300", "How far a SendGrid event signature's timestamp may be from now; older callbacks are replays"),
            new Key("hub.render.default-locale", "en", "Locale used when the borrower has none or no template exists for theirs"),
            new Key("hub.render.letter-font", "fonts/NotoSansSC-Regular.ttf", "Font embedded in letter PDFs (must cover CJK), relative to the config folder"),
            new Key("hub.render.letter-paper", "A4", "Paper of letter PDFs: A4, or LETTER (US Letter, required by Lob)"),
            new Key("hub.render.deadline-days", "7", "Repayment deadline printed in formal notices: notice date + N days"),
            new Key("hub.admin.token", "", "Bearer token of the admin API (/admin/*), at least 16 characters; use a placeholder such as {{env:DUNNING_HUB_ADMIN_TOKEN}}; empty = admin API off (404)"),
            new Key("hub.config.watch", "true", "Watch ladder.yaml, policy.yaml, providers.yaml, templates and routes for changes and reload them live (POST /admin/reload works either way)"),
            new Key("hub.lender.name", "", "Lender's full name, shown in messages (required when a ladder sends letters)"),
            new Key("hub.lender.app-name", "", "Lender's app name"),
            new Key("hub.lender.hotline", "", "Customer service phone number"),
            new Key("hub.lender.website", "", "Lender's website"),
            new Key("hub.lender.email", "", "Customer service e-mail address"),
            new Key("hub.lender.address", "", "Lender's postal address (return address on letters; required when a ladder sends letters)"),
            new Key("hub.lender.complaints", "", "Where borrowers can complain or dispute"),
            new Key("hub.lender.short-name", "", "The lender's name as an SMS signature carries it (lender.shortName; 【short name】 in the zh templates); empty = hub.lender.name"),
            new Key("hub.lender.<locale>.*", "(hub.lender.*)", "The lender's details in one locale, e.g. hub.lender.zh-CN.name; a locale without its own value uses the plain hub.lender.* one"),
            new Key("hub.law-firm.name", "", "The law firm a lawyer's letter is issued by (lawFirm.name); empty = none: a step that sends a lawyer's letter is then refused by validate"),
            new Key("hub.law-firm.lawyer", "", "The lawyer who signs lawyer's letters"),
            new Key("hub.law-firm.address", "", "The law firm's postal address"),
            new Key("hub.law-firm.phone", "", "The law firm's phone number"),
            new Key("hub.law-firm.email", "", "The law firm's e-mail address"),
            new Key("hub.law-firm.<locale>.*", "(hub.law-firm.*)", "The law firm's details in one locale, e.g. hub.law-firm.zh-TW.name")
    );

    /** The fields of {@code hub.lender.*} and {@code hub.law-firm.*} that may also be given per locale. */
    public static final List<String> LENDER_FIELDS = List.of("name", "app-name", "hotline", "website", "email",
            "address", "complaints", "short-name");
    public static final List<String> LAW_FIRM_FIELDS = List.of("name", "lawyer", "address", "phone", "email");

    private static final Map<String, Key> BY_NAME = new LinkedHashMap<>();

    static {
        KEYS.forEach(k -> BY_NAME.put(k.name(), k));
    }

    /** Keys whose rest names a column: {@code hub.scan.column.due_date = fecha_venc}. */
    public static final List<String> COLUMN_PREFIXES = List.of("hub.scan.column.", "hub.contacts.column.",
            "hub.parties.column.");

    /** Shortest admin token accepted: anything shorter is guessable. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    private final Map<String, String> values;
    private final String file;
    private final Path configDir;

    /** @param values every key set, resolved (a key absent or blank takes its default) */
    public HubSettings(Map<String, String> values, String file, Path configDir) {
        this.values = Map.copyOf(new TreeMap<>(values));
        this.file = file;
        this.configDir = configDir;
    }

    public Path configDir() {
        return configDir;
    }

    /** The application.properties file the values come from, for error messages. */
    public String file() {
        return file;
    }

    /** Every key that was set, whether the hub knows it or not (validate refuses unknown {@code hub.*} keys). */
    public Set<String> keys() {
        return values.keySet();
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            Key k = BY_NAME.get(key);
            return k == null ? null : k.defaultValue();
        }
        return v.strip();
    }

    public String required(String key) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigException(file, key, "is required");
        }
        return v;
    }

    /** A value that may be left empty: blank is "not set". */
    public boolean isSet(String key) {
        String v = get(key);
        return v != null && !v.isBlank();
    }

    public int integer(String key, int min) {
        String v = get(key);
        try {
            int i = Integer.parseInt(v);
            if (i < min) {
                throw new ConfigException(file, key, "must be at least " + min + ", got " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConfigException(file, key, "must be a whole number, got '" + v + "'");
        }
    }

    public boolean bool(String key) {
        String v = get(key);
        if (!"true".equalsIgnoreCase(v) && !"false".equalsIgnoreCase(v)) {
            throw new ConfigException(file, key, "must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public ZoneId zone(String key) {
        String v = get(key);
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new ConfigException(file, key, "'" + v + "' is not an IANA time zone like Asia/Shanghai");
        }
    }

    public Duration seconds(String key, int min) {
        return Duration.ofSeconds(integer(key, min));
    }

    /** A path relative to the config folder unless absolute. */
    public Path path(String key) {
        Path p = Path.of(get(key));
        return p.isAbsolute() ? p : configDir.resolve(p);
    }

    /** All keys below a prefix, e.g. {@code hub.scan.column.} → {due_date=fecha_venc}. */
    public Map<String, String> below(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : values.keySet()) {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), get(k));
            }
        }
        return out;
    }

    // ---- typed sections -----------------------------------------------------------------------------------

    /** How to reach one of the hub's two databases. */
    public record Database(String name, String url, String username, String password, int poolSize) {

        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }

        @Override
        public String toString() {
            return "Database[" + name + ", " + url + "]"; // never the password
        }
    }

    /** {@code core} (the core banking database, only read) or {@code ledger} (the hub's own). */
    public Database database(String name) {
        String prefix = "hub." + name + ".";
        return new Database(name, required(prefix + "url"), get(prefix + "username"), get(prefix + "password"),
                integer(prefix + "pool-size", 1));
    }

    /** Whether the ledger is PostgreSQL, so instances can share it (rate buckets, the clustered scan). */
    public boolean sharedLedger() {
        return String.valueOf(get("hub.ledger.url")).startsWith("jdbc:postgresql:");
    }

    /** Whether {@code hub.scan.cluster} (auto | true | false) asks for the clustered scan with this ledger. */
    public boolean scanClustered() {
        String mode = get("hub.scan.cluster");
        return switch (mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> sharedLedger();
            case "false" -> false;
            case "true" -> {
                if (!sharedLedger()) {
                    throw new ConfigException(file, "hub.scan.cluster",
                            "true needs a PostgreSQL ledger (hub.ledger.url jdbc:postgresql:...); an H2 ledger belongs to one instance");
                }
                yield true;
            }
            default -> throw new ConfigException(file, "hub.scan.cluster", "must be auto, true or false, got '" + mode + "'");
        };
    }

    /** The admin API's bearer token; empty when none is set (the API is then off). */
    public String adminToken() {
        String token = get("hub.admin.token");
        if (token == null || token.isBlank()) {
            return "";
        }
        if (token.strip().length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new ConfigException(file, "hub.admin.token", "must be at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " characters (e.g. openssl rand -hex 32)");
        }
        return token.strip();
    }

    /** The letter layout: font and paper are start-up settings, shared by every template snapshot. */
    public LetterPdfWriter letterPdf() {
        String paper = get("hub.render.letter-paper");
        if (paper != null && !paper.strip().matches("(?i)A4|LETTER")) {
            throw new ConfigException(file, "hub.render.letter-paper", "must be A4 or LETTER, not '" + paper + "'");
        }
        return new LetterPdfWriter(path("hub.render.letter-font"), paper);
    }

    /** The lender's details as templates see them ({@code lender.*}), in the default wording. */
    public TemplateModel.Lender lender() {
        return lender(null);
    }

    /**
     * The lender's details for a locale: {@code hub.lender.<locale>.<field>}, then the language alone
     * ({@code hub.lender.zh.<field>}), then {@code hub.lender.<field>}.
     */
    public TemplateModel.Lender lender(String locale) {
        java.util.function.Function<String, String> v = f -> localized("hub.lender.", locale, f);
        return new TemplateModel.Lender(v.apply("name"), v.apply("app-name"), v.apply("hotline"), v.apply("website"),
                v.apply("email"), v.apply("address"), v.apply("complaints"), v.apply("short-name"));
    }

    /** The law firm for a locale, as {@link #lender(String)} reads it; NONE when no name is set. */
    public TemplateModel.LawFirm lawFirm(String locale) {
        java.util.function.Function<String, String> v = f -> localized("hub.law-firm.", locale, f);
        String name = v.apply("name");
        if (name == null || name.isBlank()) {
            return TemplateModel.LawFirm.NONE;
        }
        return new TemplateModel.LawFirm(name, v.apply("lawyer"), v.apply("address"), v.apply("phone"),
                v.apply("email"));
    }

    private String localized(String prefix, String locale, String field) {
        if (locale != null && !locale.isBlank()) {
            String tag = java.util.Locale.forLanguageTag(locale.strip().replace('_', '-')).toLanguageTag();
            for (String l : new String[] {tag, tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : null}) {
                if (l != null && isSet(prefix + l + "." + field)) {
                    return get(prefix + l + "." + field);
                }
            }
        }
        return get(prefix + field);
    }

    /** Whether {@code key} is {@code <prefix><locale>.<field>} with a known field, e.g. hub.lender.zh-CN.name. */
    static boolean isLocalized(String key, String prefix, List<String> fields) {
        if (!key.startsWith(prefix)) {
            return false;
        }
        String rest = key.substring(prefix.length());
        int dot = rest.lastIndexOf('.');
        return dot > 0 && fields.contains(rest.substring(dot + 1))
                && rest.substring(0, dot).matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(integer("hub.dispatch.max-attempts", 1), seconds("hub.dispatch.backoff-initial-seconds", 1),
                seconds("hub.dispatch.backoff-max-seconds", 1));
    }

    /** SendGrid's Event Webhook verification key, parsed: a key that is not one stops start-up. */
    public SendGridReceipts.Settings sendGridReceipts() {
        if (!isSet("hub.receipts.sendgrid.public-key")) {
            return SendGridReceipts.Settings.OFF;
        }
        try {
            return new SendGridReceipts.Settings(Optional.of(SendGridSignature.publicKey(get("hub.receipts.sendgrid.public-key"))),
                    seconds("hub.receipts.sendgrid.tolerance-seconds", 1));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, "hub.receipts.sendgrid.public-key", e.getMessage());
        }
    }

    /** What the receipt endpoints check callbacks with; the Twilio auth tokens come from providers.yaml. */
    public ReceiptEndpoints.Settings receipts(ProvidersConfig providers) {
        Map<String, String> twilioTokens = new LinkedHashMap<>();
        java.util.Set<String> callbacks = new java.util.LinkedHashSet<>();
        for (ProviderSettings p : providers.enabled()) {
            if ("twilio".equals(p.adapter()) && p.option("account-sid") != null && p.option("auth-token") != null) {
                twilioTokens.putIfAbsent(p.option("account-sid"), p.option("auth-token"));
                if (p.option("status-callback") != null && !p.option("status-callback").isBlank()) {
                    callbacks.add(p.option("status-callback").strip());
                }
            }
        }
        return new ReceiptEndpoints.Settings(get("hub.receipts.public-url"), twilioTokens, callbacks,
                get("hub.receipts.alibaba.token"), get("hub.receipts.tencent.token"), get("hub.receipts.lob.secret"),
                seconds("hub.receipts.lob.tolerance-seconds", 1));
    }
}
