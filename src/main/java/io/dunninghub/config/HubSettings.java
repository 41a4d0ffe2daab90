package io.dunninghub.config;

import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.ProvidersConfig;
import io.dunninghub.common.ConfigException;
import io.dunninghub.dispatch.RetryPolicy;
import io.dunninghub.ledger.ArchiveAge;
import io.dunninghub.ledger.ContentKeys;
import io.dunninghub.ledger.EvidenceMode;
import io.dunninghub.ledger.Retention;
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
            new Key("hub.scan.source", "sql", "Where the planner's installments come from: sql (hub.scan.sql on the cron, the default) or route (routes hand rows to direct:installments; the cron and hub.scan.sql are then unused)"),
            new Key("hub.scan.sql", "", "SQL that returns the installments to consider; may use :asOf (business date) and :dueBy (latest due date a ladder step concerns)"),
            new Key("hub.scan.fetch-size", "1000", "Rows fetched per round trip while streaming the scan"),
            new Key("hub.scan.chunk-size", "500", "Installments planned (contacts looked up, ledger written) per batch"),
            new Key("hub.scan.threads", "2", "Chunks decided and written to the ledger at once while the scan reads the next ones (each holds a ledger and a core connection)"),
            new Key("hub.scan.progress-every", "100000", "Log a progress line every N scanned rows (0 = never)"),
            new Key("hub.scan.column.*", "(same name)", "Maps a canonical installment column (one of those the scan reads) to your SQL's column label"),
            new Key("hub.recheck.source", "sql", "How installments are re-checked right before sending: sql (hub.recheck.sql) or route (the route behind direct:installments.recheck answers their current rows)"),
            new Key("hub.recheck.sql", "", "SQL that re-reads installments right before sending; must use :installmentIds"),
            new Key("hub.contacts.source", "sql", "Where borrowers' contacts come from: sql (hub.contacts.sql) or route (the route behind direct:contacts answers one row per borrower)"),
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
            new Key("hub.dispatch.calls-per-provider", "0", "Most calls to any one provider at once (a bulkhead: a slow provider holds at most this many dispatch threads; a notice that finds them all taken for 50 ms is handed back for 1 s as PROVIDER_BUSY, or fails over to the channel's next provider); 0 = three quarters of hub.dispatch.threads, at least 1"),
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
            new Key("hub.outcomes.dialer.secret", "", "Shared HMAC-SHA256 secret the dialer signs call results with (POST /outcomes/calls, headers X-Dunning-Signature and X-Dunning-Timestamp), at least 16 characters; empty = endpoint off (404)"),
            new Key("hub.outcomes.dialer.tolerance-seconds", "300", "How far a call result's X-Dunning-Timestamp may be from now; older ones are replays (403)"),
            new Key("hub.outcomes.alibaba.token", "", "Secret path segment of the Alibaba Cloud SmsUp (inbound SMS) URL /inbound/alibaba/<token>; empty = endpoint off"),
            new Key("hub.outcomes.tencent.token", "", "Secret path segment of the Tencent Cloud SMS reply callback URL /inbound/tencent/<token>; empty = endpoint off"),
            new Key("hub.outcomes.sms.dispute-keywords", io.dunninghub.outcome.ReplyRules.DEFAULT_DISPUTE, "Comma-separated words that make an inbound SMS reply raise a DISPUTE hold until reviewed (matched anywhere in the reply, any case); the key absent = these defaults, set empty = none"),
            new Key("hub.outcomes.sms.complaint-keywords", "", "Comma-separated words that make an inbound SMS reply raise a COMPLAINT hold until reviewed; empty = none"),
            new Key("hub.unsubscribe.secret", "", "HMAC secret of the e-mail unsubscribe links, at least 16 characters; with a public URL every e-mail carries List-Unsubscribe <https://PUBLIC/unsubscribe/TOKEN> and List-Unsubscribe-Post (RFC 8058); empty = no link, /unsubscribe off (404)"),
            new Key("hub.unsubscribe.public-url", "", "The hub's address as borrowers' mail clients reach it (https://, host, optional port and path), for the unsubscribe link; empty = hub.receipts.public-url"),
            new Key("hub.unsubscribe.mailto", "", "A mailbox for mailto unsubscription, added to List-Unsubscribe as <mailto:ADDRESS?subject=unsubscribe TOKEN>; the lender processes those mails (outcome add --outcome unsubscribed); empty = none"),
            new Key("hub.render.default-locale", "en", "Locale used when the borrower has none or no template exists for theirs"),
            new Key("hub.render.letter-font", "fonts/NotoSansSC-Regular.ttf", "Font embedded in letter PDFs (must cover CJK), relative to the config folder"),
            new Key("hub.render.letter-paper", "A4", "Paper of letter PDFs: A4, or LETTER (US Letter, required by Lob)"),
            new Key("hub.render.deadline-days", "7", "Repayment deadline printed in formal notices: notice date + N days"),
            new Key("hub.evidence.content", "hashes", "What is kept of every notice handed to a provider: none, hashes (SHA-256 of the bytes sent, of the template files and of the configuration snapshot) or full (the hashes and the content itself, AES-256-GCM encrypted under hub.evidence.key); the embedded demo sets full"),
            new Key("hub.evidence.key-id", "k1", "Id of the current evidence key, stored with every row it seals (letters, digits, '.', '_', '-'); change it with the key when rotating"),
            new Key("hub.evidence.key", "", "The current evidence key: Base64 of 32 random bytes (openssl rand -base64 32); use a placeholder such as {{env:EVIDENCE_KEY}}; required when hub.evidence.content = full"),
            new Key("hub.evidence.keys.*", "", "Earlier evidence keys by id (hub.evidence.keys.k1 = …), Base64 of 32 bytes each: rows sealed before a rotation still open with them"),
            new Key("hub.retention.content-days", "1825", "Days the content of a sent notice is kept (notice_content.ciphertext); then it is deleted and its hashes stay; at most hub.retention.personal-data-days"),
            new Key("hub.retention.personal-data-days", "2555", "Days personal data stays in the hub's tables (masked recipients, notes, reasons, masked addresses); then each value is replaced by its SHA-256"),
            new Key("hub.retention.cron", "0 30 3 * * ?", "Quartz cron of the daily retention job, in hub.business-zone"),
            new Key("hub.retention.archive-after-days", "90", "Days a finished notice (SENT, FAILED, DEAD, SUPPRESSED, CANCELLED) stays in the live ledger after its last change; then the daily retention job moves it with its events to the archive tables. The live ledger is the history ladders, templates and caps read: at least " + ArchiveAge.FLOOR_DAYS + " and longer than every window they read plus " + ArchiveAge.MARGIN.toDays() + " days; 0 = never archive"),
            new Key("hub.retention.archive-batch", "5000", "Notices moved to the archive per transaction (the daily job and `ledger archive`)"),
            new Key("hub.admin.token", "", "Bearer token of the admin API (/admin/*), at least 16 characters; use a placeholder such as {{env:DUNNING_HUB_ADMIN_TOKEN}}; empty = admin API off (404)"),
            new Key("hub.console.viewer-token", "", "Token of the read-only web console (/console) for people who only look: personal data masked, no actions; at least 16 characters, different from hub.admin.token; use a placeholder such as {{env:DUNNING_HUB_VIEWER_TOKEN}}; the console is off (404) while neither this nor hub.admin.token is set"),
            new Key("hub.console.refresh-seconds", "30", "How often the console's Today page reloads itself (0 = never)"),
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

    /** {@code hub.dispatch.calls-per-provider}, 0 resolved to three quarters of {@code hub.dispatch.threads}. */
    public int callsPerProvider() {
        int set = integer("hub.dispatch.calls-per-provider", 0);
        return set > 0 ? set : Math.max(1, integer("hub.dispatch.threads", 1) * 3 / 4);
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

    /** Whether routes feed the planner ({@code hub.scan.source = route}) rather than the SQL scan ({@code sql}). */
    public boolean scanFromRoute() {
        return fromRoute("hub.scan.source");
    }

    /** Whether installments are re-checked through {@code direct:installments.recheck} rather than hub.recheck.sql. */
    public boolean recheckFromRoute() {
        return fromRoute("hub.recheck.source");
    }

    /** Whether contacts come from {@code direct:contacts} rather than hub.contacts.sql. */
    public boolean contactsFromRoute() {
        return fromRoute("hub.contacts.source");
    }

    /** A {@code *.source} key: sql (the default) or route. */
    private boolean fromRoute(String key) {
        String source = get(key);
        return switch (source == null ? "sql" : source.strip().toLowerCase(Locale.ROOT)) {
            case "sql", "" -> false;
            case "route" -> true;
            default -> throw new ConfigException(file, key, "must be sql or route, got '" + source + "'");
        };
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

    /** The console's viewer token; empty when none is set (then only the admin token opens the console). */
    public String viewerToken() {
        String token = get("hub.console.viewer-token");
        if (token == null || token.isBlank()) {
            return "";
        }
        if (token.strip().length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new ConfigException(file, "hub.console.viewer-token", "must be at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " characters (e.g. openssl rand -hex 32)");
        }
        if (token.strip().equals(adminToken())) {
            throw new ConfigException(file, "hub.console.viewer-token", "must differ from hub.admin.token (a viewer "
                    + "would otherwise hold the admin token)");
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
        // blank is unset: a template naming it then fails its start-up check rather than printing nothing
        String value = get(prefix + field);
        return value == null || value.isBlank() ? null : value;
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

    /** The evidence key published with the embedded demo: refused unless hub.demo.enabled. */
    public static final String DEMO_EVIDENCE_KEY = "ZGVtby1vbmx5LWV2aWRlbmNlLWtleS0zMi1ieXRlcyE=";

    /** What is kept of each notice sent ({@code hub.evidence.content}). */
    public EvidenceMode evidenceMode() {
        try {
            return EvidenceMode.parse(get("hub.evidence.content"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, "hub.evidence.content", e.getMessage());
        }
    }

    /**
     * The evidence keys: the current one ({@code hub.evidence.key} under {@code hub.evidence.key-id}) and the earlier
     * ones ({@code hub.evidence.keys.<id>}); {@link ContentKeys#NONE} when none is set and none is needed. A key that
     * is not Base64 of 32 bytes, or missing while {@code hub.evidence.content = full}, stops start-up naming its key.
     */
    public ContentKeys evidenceKeys() {
        Map<String, String> older = new LinkedHashMap<>(below("hub.evidence.keys."));
        String id = get("hub.evidence.key-id");
        String key = get("hub.evidence.key");
        if (key == null || key.isBlank()) {
            if (evidenceMode() == EvidenceMode.FULL) {
                throw new ConfigException(file, "hub.evidence.key", "hub.evidence.content = full needs a key: Base64 "
                        + "of 32 random bytes (openssl rand -base64 32), e.g. hub.evidence.key = {{env:EVIDENCE_KEY}}");
            }
            if (!older.isEmpty()) {
                throw new ConfigException(file, "hub.evidence.key", "hub.evidence.keys.* are set but no current key");
            }
            return ContentKeys.NONE;
        }
        if (DEMO_EVIDENCE_KEY.equals(key.strip()) && !bool("hub.demo.enabled")) {
            throw new ConfigException(file, "hub.evidence.key", "is the demo key published with the hub, which anyone "
                    + "can use to read the content: give your own (openssl rand -base64 32) through {{env:EVIDENCE_KEY}}");
        }
        older.remove(id);
        try {
            return ContentKeys.of(id, key, older);
        } catch (ContentKeys.BadKey e) {
            String name = e.isAboutTheId() ? "hub.evidence.key-id"
                    : id.equals(e.keyId()) ? "hub.evidence.key" : "hub.evidence.keys." + e.keyId();
            throw new ConfigException(file, name, e.getMessage());
        }
    }

    /** How long content and personal data stay ({@code hub.retention.*}); content never outlives personal data. */
    public Retention.Periods retention() {
        int content = integer("hub.retention.content-days", 1);
        int personal = integer("hub.retention.personal-data-days", 1);
        if (content > personal) {
            throw new ConfigException(file, "hub.retention.content-days", "is " + content + " days, longer than "
                    + "hub.retention.personal-data-days (" + personal + "): the content is personal data too");
        }
        return new Retention.Periods(Duration.ofDays(content), Duration.ofDays(personal));
    }

    /**
     * How long finished notices stay live ({@code hub.retention.archive-after-days}); {@link ArchiveAge#NEVER} for 0.
     * Under the floor is refused here; against the windows ladders read, by {@code ConfigChecks.archiveAge}.
     */
    public ArchiveAge archiveAge() {
        String key = "hub.retention.archive-after-days";
        int days = integer(key, 0);
        if (days > 0 && days < ArchiveAge.FLOOR_DAYS) {
            throw new ConfigException(file, key, "is " + days + " days; the live ledger keeps at least "
                    + ArchiveAge.FLOOR_DAYS + " (it is the history ladders, templates and caps read), or 0 to never archive");
        }
        return ArchiveAge.ofDays(days);
    }

    /** Notices moved to the archive per transaction ({@code hub.retention.archive-batch}). */
    public int archiveBatch() {
        int batch = integer("hub.retention.archive-batch", 1);
        if (batch > 100_000) {
            throw new ConfigException(file, "hub.retention.archive-batch", "is " + batch + "; at most 100000 notices "
                    + "per transaction (a batch holds its rows' locks and its WAL until it commits)");
        }
        return batch;
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

    /** The e-mail unsubscribe link and mailbox of every e-mail notice; NONE when neither is configured. */
    public io.dunninghub.channel.email.ListUnsubscribe listUnsubscribe() {
        io.dunninghub.channel.email.UnsubscribeToken tokens = unsubscribeTokens();
        String url = isSet("hub.unsubscribe.public-url") ? get("hub.unsubscribe.public-url") : get("hub.receipts.public-url");
        if (url != null && !url.isBlank() && !url.strip().matches("(?i)https?://[^\\s?#]+")) {
            throw new ConfigException(file, isSet("hub.unsubscribe.public-url") ? "hub.unsubscribe.public-url"
                    : "hub.receipts.public-url", "must be an http(s) URL without query, like https://hub.example.com");
        }
        String mailto = unsubscribeMailto();
        if (tokens == null && (mailto == null || mailto.isBlank())) {
            return io.dunninghub.channel.email.ListUnsubscribe.NONE;
        }
        return new io.dunninghub.channel.email.ListUnsubscribe(tokens == null ? "" : url, tokens, mailto);
    }

    private String unsubscribeMailto() {
        String mailto = get("hub.unsubscribe.mailto");
        if (mailto != null && !mailto.isBlank() && !mailto.strip().matches("[^@\\s<>?,]+@[^@\\s<>?,]+\\.[^@\\s<>?,]+")) {
            throw new ConfigException(file, "hub.unsubscribe.mailto", "must be an e-mail address like unsubscribe@lender.example");
        }
        return mailto == null ? "" : mailto.strip();
    }

    private io.dunninghub.channel.email.UnsubscribeToken unsubscribeTokens() {
        return secret("hub.unsubscribe.secret") == null ? null
                : new io.dunninghub.channel.email.UnsubscribeToken(secret("hub.unsubscribe.secret"));
    }

    /** A secret key's value, null when empty; one shorter than 16 characters stops start-up. */
    private String secret(String key) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.strip().length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new ConfigException(file, key, "must be at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " characters (e.g. openssl rand -hex 32)");
        }
        return v.strip();
    }

    /** What the inbound endpoints (call results, SMS replies, unsubscribe) check requests with. */
    public io.dunninghub.outcome.OutcomeEndpoints.Settings outcomes(ProvidersConfig providers) {
        ReceiptEndpoints.Settings receipts = receipts(providers);
        java.util.Set<String> urls = new java.util.LinkedHashSet<>(receipts.twilioCallbackUrls());
        for (ProviderSettings p : providers.enabled()) {
            if ("twilio".equals(p.adapter()) && p.option("inbound-url") != null) {
                urls.add(p.option("inbound-url"));
            }
        }
        return new io.dunninghub.outcome.OutcomeEndpoints.Settings(secret("hub.outcomes.dialer.secret"),
                seconds("hub.outcomes.dialer.tolerance-seconds", 1), get("hub.receipts.public-url"),
                receipts.twilioTokens(), urls, get("hub.outcomes.alibaba.token"), get("hub.outcomes.tencent.token"),
                unsubscribeTokens(), zone("hub.business-zone"));
    }

    /** Checks the inbound keys that {@link #outcomes} reads, before anything starts. */
    public void checkOutcomeKeys() {
        List<ConfigException> problems = new java.util.ArrayList<>();
        for (Runnable check : List.<Runnable>of(() -> secret("hub.outcomes.dialer.secret"),
                () -> seconds("hub.outcomes.dialer.tolerance-seconds", 1), () -> secret("hub.unsubscribe.secret"),
                this::unsubscribeMailto)) {
            try {
                check.run();
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new io.dunninghub.common.ConfigProblems(problems);
        }
    }

    /** The words of inbound SMS replies that raise a hold. */
    public io.dunninghub.outcome.ReplyRules replyRules() {
        return new io.dunninghub.outcome.ReplyRules(
                io.dunninghub.outcome.ReplyRules.words(values.getOrDefault("hub.outcomes.sms.dispute-keywords",
                        io.dunninghub.outcome.ReplyRules.DEFAULT_DISPUTE)),
                io.dunninghub.outcome.ReplyRules.words(get("hub.outcomes.sms.complaint-keywords")));
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
