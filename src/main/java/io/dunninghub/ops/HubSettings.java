package io.dunninghub.ops;

import io.dunninghub.common.ConfigException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every {@code hub.*} key of application.properties, with its default and meaning. The README's table of
 * keys is checked against {@link #KEYS}, so the two cannot drift apart.
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
            new Key("hub.scan.cron", "0 0 8 * * ?", "Quartz cron of the scan, in hub.business-zone"),
            new Key("hub.scan.on-startup", "true", "Also scan once a few seconds after the daemon starts"),
            new Key("hub.scan.cluster", "auto", "Run the scan's cron through Quartz's clustered job store in the ledger, so one instance scans: auto (when the ledger is PostgreSQL), true or false"),
            new Key("hub.scan.cluster-checkin-seconds", "15", "With the clustered scan: how often each instance checks in with the others; one silent for this long plus 7.5 s is presumed dead and a scan it was running starts again on another instance"),
            new Key("hub.scan.sql", "", "SQL that returns the installments to consider; may use :asOf (business date) and :dueBy (latest due date a ladder step concerns)"),
            new Key("hub.scan.fetch-size", "1000", "Rows fetched per round trip while streaming the scan"),
            new Key("hub.scan.chunk-size", "500", "Installments planned (contacts looked up, ledger written) per batch"),
            new Key("hub.scan.progress-every", "100000", "Log a progress line every N scanned rows (0 = never)"),
            new Key("hub.scan.column.*", "(same name)", "Maps a canonical installment column to your SQL's column label"),
            new Key("hub.recheck.sql", "", "SQL that re-reads installments right before sending; must use :installmentIds"),
            new Key("hub.contacts.sql", "", "SQL that returns borrowers' contacts; must use :borrowerIds"),
            new Key("hub.contacts.column.*", "(same name)", "Maps a canonical contact column to your SQL's column label"),
            new Key("hub.parties.sql", "", "SQL that returns co-borrowers and guarantors of loans; must use :loanIds; needed when a ladder step names them"),
            new Key("hub.parties.column.*", "(same name)", "Maps a canonical party column to your SQL's column label"),
            new Key("hub.holds.sql", "", "Optional SQL returning legal holds the core database records; must use :borrowerIds"),
            new Key("hub.promises.sql", "", "Optional SQL returning promises to pay the core database records; must use :borrowerIds"),
            new Key("hub.optouts.sql", "", "Optional SQL returning opt-outs the core database records; must use :borrowerIds"),
            new Key("hub.dispatch.enabled", "true", "Whether this instance dispatches due notices (daemon; `false` keeps an instance for scanning and receipts, `run --once` always dispatches)"),
            new Key("hub.dispatch.period-ms", "2000", "Pause between dispatch rounds when nothing is due"),
            new Key("hub.dispatch.batch-size", "200", "Notices claimed per batch"),
            new Key("hub.dispatch.threads", "8", "Notices sent in parallel within a batch"),
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
            new Key("hub.receipts.public-url", "", "The hub's address as providers call it, e.g. https://hub.example.com (checks Twilio signatures); empty = the request's Host"),
            new Key("hub.receipts.alibaba.token", "", "Secret path segment of the Alibaba receipt URL /receipts/alibaba/<token>; empty = endpoint off"),
            new Key("hub.receipts.tencent.token", "", "Secret path segment of the Tencent receipt URL /receipts/tencent/<token>; empty = endpoint off"),
            new Key("hub.receipts.lob.secret", "", "Lob webhook secret (Lob-Signature); empty = endpoint off"),
            new Key("hub.receipts.lob.tolerance-seconds", "300", "How far a Lob signature timestamp may be from now; older callbacks are replays"),
            new Key("hub.render.default-locale", "en", "Locale used when the borrower has none or no template exists for theirs"),
            new Key("hub.render.letter-font", "fonts/NotoSansSC-Regular.ttf", "Font embedded in letter PDFs (must cover CJK), relative to the config folder"),
            new Key("hub.render.letter-paper", "A4", "Paper of letter PDFs: A4, or LETTER (US Letter, required by Lob)"),
            new Key("hub.render.deadline-days", "7", "Repayment deadline printed in formal notices: notice date + N days"),
            new Key("hub.admin.token", "", "Bearer token of the admin API (/admin/*), at least 16 characters; use a placeholder such as {{env:DUNNING_HUB_ADMIN_TOKEN}}; empty = admin API off (404)"),
            new Key("hub.config.watch", "true", "Watch ladder.yaml, policy.yaml, providers.yaml, templates and routes for changes and reload them live (POST /admin/reload works either way)"),
            new Key("hub.lender.name", "", "Lender's full name, shown in messages"),
            new Key("hub.lender.app-name", "", "Lender's app name"),
            new Key("hub.lender.hotline", "", "Customer service phone number"),
            new Key("hub.lender.website", "", "Lender's website"),
            new Key("hub.lender.email", "", "Customer service e-mail address"),
            new Key("hub.lender.address", "", "Lender's postal address (return address on letters)"),
            new Key("hub.lender.complaints", "", "Where borrowers can complain or dispute")
    );

    private static final Map<String, Key> BY_NAME = new LinkedHashMap<>();

    static {
        KEYS.forEach(k -> BY_NAME.put(k.name(), k));
    }

    private final Function<String, String> lookup;
    private final String file;
    private final Path configDir;

    /** @param lookup returns the resolved value of a key, or null when it is not set */
    public HubSettings(Function<String, String> lookup, String file, Path configDir) {
        this.lookup = lookup;
        this.file = file;
        this.configDir = configDir;
    }

    public Path configDir() {
        return configDir;
    }

    public String file() {
        return file;
    }

    public String get(String key) {
        String v = lookup.apply(key);
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
    public Map<String, String> below(String prefix, Iterable<String> allKeys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : allKeys) {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), get(k));
            }
        }
        return out;
    }
}
