package io.dunninghub.config;

import io.dunninghub.common.ConfigException;
import io.dunninghub.common.ConfigProblems;
import io.dunninghub.common.NamedSql;
import io.dunninghub.common.YamlFiles;
import io.dunninghub.ladder.Audience;
import io.dunninghub.ladder.Durations;
import io.dunninghub.ladder.HistoryWindow;
import io.dunninghub.ladder.Ladder;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ladder.LadderStep;
import io.dunninghub.ledger.ArchiveAge;
import io.dunninghub.ledger.ContactLog;
import io.dunninghub.ledger.NoticeScope;
import io.dunninghub.channel.sms.SmsSegments;
import io.dunninghub.render.RenderedMessage;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.render.TemplateFailure;
import io.dunninghub.render.TemplateModel;
import io.dunninghub.render.TemplateRenderer;
import io.dunninghub.contact.ContactDirectory;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.scan.InstallmentScanner;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import org.quartz.CronExpression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checks {@code validate}, start-up and a live reload share: application.properties on its own, and the
 * live files across each other (every ladder channel routed, every template renders against the sample model,
 * SMS and push without the amount unless the step allows, every channel the policy names exists). Each problem
 * is a {@link ConfigException} naming file, key and problem.
 */
public final class ConfigChecks {

    private static final Pattern CHANNEL_ROUTE = Pattern.compile("direct:channel\\.([A-Za-z0-9_-]+)");
    static final List<String> KNOWN_CHANNELS = List.of("sms", "email", "push", "letter", "call");

    private ConfigChecks() {
    }

    /** Runs one check; what it finds wrong is added to {@code problems} instead of thrown. */
    static void collect(List<ConfigException> problems, Runnable check) {
        try {
            check.run();
        } catch (ConfigProblems e) {
            problems.addAll(e.all());
        } catch (ConfigException e) {
            problems.add(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // the renderer and the font loader report a missing folder or an unusable font this way
            problems.add(ConfigException.of(String.valueOf(e.getMessage())));
        }
    }

    // ---- application.properties ------------------------------------------------------------------------------

    /** Unknown keys, numbers, booleans, zones, SQL parameters, the admin token, the databases. */
    static void settings(HubSettings s, List<ConfigException> problems) {
        Set<String> known = new HashSet<>();
        HubSettings.KEYS.forEach(k -> known.add(k.name()));
        for (String key : s.keys()) {
            boolean prefixed = HubSettings.COLUMN_PREFIXES.stream().anyMatch(key::startsWith)
                    || key.startsWith("hub.evidence.keys.") && key.length() > "hub.evidence.keys.".length()
                    || HubSettings.isLocalized(key, "hub.lender.", HubSettings.LENDER_FIELDS)
                    || HubSettings.isLocalized(key, "hub.law-firm.", HubSettings.LAW_FIRM_FIELDS);
            if (key.startsWith("hub.") && !known.contains(key) && !prefixed) {
                problems.add(new ConfigException(s.file(), key,
                        "unknown key (see docs/reference/configuration.md for every key)"));
            }
        }
        for (HubSettings.Key k : HubSettings.KEYS) {
            String name = k.name();
            collect(problems, () -> {
                if (name.endsWith("pool-size") || name.endsWith("size") || name.endsWith("-ms") || name.endsWith("threads")
                        || name.endsWith("attempts") || name.endsWith("seconds") || name.endsWith("borrowers")
                        || name.endsWith("days")) {
                    if (!name.equals("hub.retention.archive-after-days")) { // s.archiveAge() below
                        s.integer(name, name.endsWith("progress-every") || name.equals("hub.health.scan-stuck-seconds") ? 0 : 1);
                    }
                } else if (name.endsWith("enabled") || name.endsWith("on-startup") || name.endsWith(".watch")) {
                    s.bool(name);
                } else if (name.endsWith("-zone")) {
                    s.zone(name);
                }
            });
        }
        collect(problems, () -> s.integer("hub.scan.progress-every", 0));
        collect(problems, () -> s.integer("hub.dispatch.window", 1));
        collect(problems, () -> s.integer("hub.dispatch.calls-per-provider", 0));
        collect(problems, s::scanClustered);
        collect(problems, () -> {
            if (s.integer("hub.http.port", 0) > 65535) {
                throw new ConfigException(s.file(), "hub.http.port", "must be a port number up to 65535");
            }
        });
        collect(problems, s::scanFromRoute);
        collect(problems, s::recheckFromRoute);
        collect(problems, s::contactsFromRoute);
        if (!routeFed(s::scanFromRoute)) {
            sqlParams(s, "hub.scan.sql", Set.of("asOf", "dueBy"), null, problems);
        }
        if (!routeFed(s::recheckFromRoute)) {
            sqlParams(s, "hub.recheck.sql", Set.of("installmentIds"), "installmentIds", problems);
        }
        if (!routeFed(s::contactsFromRoute)) {
            sqlParams(s, "hub.contacts.sql", Set.of("borrowerIds"), "borrowerIds", problems);
        }
        for (String optional : List.of("hub.holds.sql", "hub.promises.sql", "hub.optouts.sql")) {
            if (s.isSet(optional)) {
                sqlParams(s, optional, Set.of("borrowerIds"), "borrowerIds", problems);
            }
        }
        if (s.isSet("hub.parties.sql")) {
            sqlParams(s, "hub.parties.sql", Set.of("loanIds"), "loanIds", problems);
        }
        for (String byLoan : List.of("hub.loans.sql", "hub.schedule.sql")) {
            if (s.isSet(byLoan)) {
                sqlParams(s, byLoan, Set.of("loanIds", "asOf"), "loanIds", problems);
            }
        }
        collect(problems, () -> cron(s, "hub.scan.cron"));
        collect(problems, () -> cron(s, "hub.retention.cron"));
        collect(problems, s::evidenceKeys);
        collect(problems, s::retention);
        collect(problems, s::archiveAge);
        collect(problems, s::archiveBatch);
        collect(problems, () -> publicUrl(s, "hub.receipts.public-url"));
        columnMappings(s, "hub.scan.column.", "the scan", InstallmentScanner.COLUMNS, problems);
        columnMappings(s, "hub.contacts.column.", "the contacts query", ContactDirectory.COLUMNS, problems);
        columnMappings(s, "hub.parties.column.", "the parties query", PartyDirectory.COLUMNS, problems);
        collect(problems, s::adminToken);
        collect(problems, s::viewerToken);
        collect(problems, () -> s.integer("hub.console.refresh-seconds", 0));
        collect(problems, s::sendGridReceipts);
        collect(problems, () -> publicUrl(s, "hub.unsubscribe.public-url"));
        collect(problems, s::checkOutcomeKeys);
        collect(problems, () -> s.required("hub.core.url"));
        collect(problems, () -> s.required("hub.ledger.url"));
    }

    /** A cron Quartz can schedule: start-up would otherwise fail deep inside Quartz with its stack trace. */
    static void cron(HubSettings s, String key) {
        String cron = s.get(key);
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException | RuntimeException e) {
            throw new ConfigException(s.file(), key, "'" + cron + "' is not a Quartz cron (seconds minutes hours "
                    + "day-of-month month day-of-week, e.g. 0 0 8 * * ?): " + e.getMessage());
        }
    }

    /** Blank, or an http(s) URL with a host and nothing after the path: providers are told to call it. */
    static void publicUrl(HubSettings s, String key) {
        if (!s.isSet(key)) {
            return;
        }
        String url = s.get(key);
        String problem;
        try {
            URI u = new URI(url);
            problem = u.getScheme() == null || !u.getScheme().matches("(?i)https?") ? "must start with https:// (or http://)"
                    : u.getHost() == null || u.getHost().isBlank() ? "has no host name"
                    : u.getRawQuery() != null || u.getRawFragment() != null ? "must not have a query or a fragment"
                    : u.getRawUserInfo() != null ? "must not carry a user name or password"
                    : null;
        } catch (URISyntaxException e) {
            problem = "is not a URL (" + e.getReason() + ")";
        }
        if (problem != null) {
            throw new ConfigException(s.file(), key, "'" + url + "' " + problem + ", e.g. https://hub.example.com");
        }
    }

    /** {@code hub.scan.column.<name>}: the name must be one of the hub's columns, else the mapping does nothing. */
    private static void columnMappings(HubSettings s, String prefix, String query, List<String> columns,
                                       List<ConfigException> problems) {
        s.below(prefix).forEach((column, label) -> {
            if (!columns.contains(column.toLowerCase(java.util.Locale.ROOT))) {
                problems.add(new ConfigException(s.file(), prefix + column, "'" + column + "' is not a column "
                        + query + " reads (columns: " + String.join(", ", columns) + ")"));
            } else if (label == null || label.isBlank()) {
                problems.add(new ConfigException(s.file(), prefix + column, "needs the label your SQL returns"));
            }
        });
    }

    /** Whether a route stands in for a query; a bad *.source value is reported on its own, and the SQL checked then. */
    private static boolean routeFed(java.util.function.BooleanSupplier fromRoute) {
        try {
            return fromRoute.getAsBoolean();
        } catch (ConfigException e) {
            return false;
        }
    }

    private static void sqlParams(HubSettings s, String key, Set<String> allowed, String required,
                                  List<ConfigException> problems) {
        String sql = s.get(key);
        if (sql == null || sql.isBlank()) {
            problems.add(new ConfigException(s.file(), key, "is required"));
            return;
        }
        List<String> used = NamedSql.parameterNames(sql);
        for (String p : used) {
            if (!allowed.contains(p)) {
                problems.add(new ConfigException(s.file(), key, "unknown parameter :" + p + " (allowed: :"
                        + String.join(", :", allowed) + ")"));
            }
        }
        if (required != null && !used.contains(required)) {
            problems.add(new ConfigException(s.file(), key, "must use :" + required + " (e.g. WHERE id IN (:"
                    + required + "))"));
        }
    }

    // ---- across the live files ---------------------------------------------------------------------------------

    /**
     * Every ladder channel is routed, may reach its audience, and renders in every locale the templates have —
     * against the sample with this lender's details, with the sample's history and with none, as the ladder's
     * debt ({@code per: borrower} has no loan section), and without amounts where the channel hides them. An SMS
     * longer than one segment is a warning: it sends, but each borrower is billed several messages.
     */
    static void ladder(Path configDir, LadderConfig ladders, Set<String> routed, TemplateRenderer renderer,
                       HubSettings settings, ContactPolicy policy, List<ConfigException> problems,
                       List<String> warnings) {
        String file = configDir.resolve("ladder.yaml").toString();
        boolean parties = settings.isSet("hub.parties.sql");
        String defaultLocale = settings.get("hub.render.default-locale") == null ? "en"
                : settings.get("hub.render.default-locale");
        Set<String> reported = new HashSet<>();
        for (int li = 0; li < ladders.ladders().size(); li++) {
            Ladder l = ladders.ladders().get(li);
            for (int si = 0; si < l.steps().size(); si++) {
                LadderStep step = l.steps().get(si);
                for (int ci = 0; ci < step.channels().size(); ci++) {
                    LadderStep.StepChannel ch = step.channels().get(ci);
                    String key = "ladders[" + li + "].steps[" + si + "].channels[" + ci + "]";
                    if (!routed.contains(ch.channel())) {
                        problems.add(new ConfigException(file, key + ".channel", "unknown channel '" + ch.channel()
                                + "' (no route direct:channel." + ch.channel() + " in the routes folder)"));
                    }
                    if (!Audience.BORROWER.equals(ch.audience()) && !parties) {
                        problems.add(new ConfigException(file, key + ".audience", "'" + ch.audience()
                                + "' needs hub.parties.sql (the loan's co-borrowers and guarantors) in application.properties"));
                    }
                    if (renderer == null) {
                        continue;
                    }
                    // the default locale first: a template missing everywhere is reported once, for it
                    List<String> locales = new java.util.ArrayList<>(List.of(defaultLocale));
                    renderer.locales().stream().filter(x -> !x.equals(defaultLocale)).forEach(locales::add);
                    for (String locale : locales) {
                        // one report per template and locale, however many steps use it
                        if (!reported.add(l.per() + "/" + ch.template() + "/" + ch.channel() + "/" + locale)) {
                            continue;
                        }
                        if (!rendersWithSample(file, key, l, step, ch, renderer, locale, locales.size() > 1, settings,
                                policy, problems, warnings)) {
                            break;
                        }
                    }
                }
            }
        }
    }

    /** @return false when the template is missing altogether (reported once, not per locale) */
    private static boolean rendersWithSample(String file, String key, Ladder ladder, LadderStep step,
                                             LadderStep.StepChannel ch, TemplateRenderer renderer, String locale,
                                             boolean severalLocales, HubSettings settings, ContactPolicy policy,
                                             List<ConfigException> problems, List<String> warnings) {
        TemplateModel sample = TemplateModel.sample(locale);
        if (ladder.per() == NoticeScope.BORROWER) {
            sample = sample.withoutLoan();
        }
        boolean hidden = policy == null ? List.of("sms", "push").contains(ch.channel())
                : policy.hidesAmounts(ch.channel());
        String what = "'" + ch.template() + "' for " + ch.channel();
        String where = severalLocales ? " (in the " + locale + " templates)" : "";
        RenderedMessage longest = null;
        for (TemplateModel m : List.of(sample, sample.withHistory(TemplateModel.History.NONE))) {
            try {
                RenderedMessage r = renderer.render(ch.template(), ch.channel(), locale, m);
                if (!locale.equals(r.locale())) {
                    return true; // falls back to another locale's folder, checked there
                }
                if (!hidden || step.showAmount()) {
                    longest = longer(longest, r);
                }
            } catch (TemplateFailure e) {
                boolean missing = "TEMPLATE_MISSING".equals(e.reasonCode());
                problems.add(new ConfigException(file, key + ".template", what + ": " + e.reasonCode() + " "
                        + e.getMessage() + (missing ? "" : where)));
                return !missing;
            }
            if (hidden && !step.showAmount()) {
                try {
                    longest = longer(longest, renderer.render(ch.template(), ch.channel(), locale, m.withoutAmounts()));
                } catch (TemplateFailure e) {
                    problems.add(new ConfigException(file, key + ".template", what + " uses the amount or account "
                            + "number, which " + ch.channel() + " templates only get when the step says "
                            + "show-amount: true (" + e.getMessage() + ")" + where));
                    return true;
                }
            }
        }
        // the same with this lender's details, as the notice will carry them
        TemplateModel configured = sample.toBuilder().lender(settings.lender(locale)).lawFirm(settings.lawFirm(locale))
                .build();
        try {
            RenderedMessage r = renderer.render(ch.template(), ch.channel(), locale,
                    hidden && !step.showAmount() ? configured.withoutAmounts() : configured);
            longest = longest == null ? null : r;
        } catch (TemplateFailure e) {
            problems.add(new ConfigException(settings.file(), settingKey(e), "is empty, but template '" + ch.template()
                    + "' for " + ch.channel() + " (ladder.yaml " + key + where + ") needs it: " + e.getMessage()));
            return true;
        }
        if ("sms".equals(ch.channel()) && longest != null && SmsSegments.count(longest.text()) > 1) {
            String text = longest.text();
            warnings.add(file + ": " + key + ".template: " + what + " in " + locale + " is " + text.length()
                    + " characters (" + (SmsSegments.isGsm7(text) ? "GSM-7, 160" : "UCS-2, 70")
                    + " fit one message) with the sample, " + SmsSegments.count(text)
                    + " segments, plus any signature the provider adds: each segment is billed as a message");
        }
        return true;
    }

    private static final Pattern MODEL_FIELD = Pattern.compile("\\b(lender|lawFirm)\\.([a-zA-Z]+)");

    /** The key of application.properties that sets the lender or law-firm detail a render failed on. */
    private static String settingKey(TemplateFailure e) {
        Matcher m = MODEL_FIELD.matcher(String.valueOf(e.getMessage()));
        if (!m.find()) {
            return "hub.lender.*";
        }
        String field = m.group(2).replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
        return (m.group(1).equals("lender") ? "hub.lender." : "hub.law-firm.") + field;
    }

    private static RenderedMessage longer(RenderedMessage a, RenderedMessage b) {
        return a == null || (b.text() != null && b.text().length() > a.text().length()) ? b : a;
    }

    /**
     * The live ledger is the history ladders and the policy read, so it must hold longer than every window they read
     * it over, by {@link ArchiveAge#MARGIN}: each window shorter than that is reported at its key in ladder.yaml (or
     * policy.yaml), naming {@code hub.retention.archive-after-days}. Nothing to check when nothing is archived, or
     * when the age itself is wrong (reported with application.properties).
     */
    static void archiveAge(Path configDir, LadderConfig ladders, ContactPolicy policy, HubSettings settings,
                           List<ConfigException> problems) {
        ArchiveAge age;
        try {
            age = settings.archiveAge();
        } catch (ConfigException e) {
            return;
        }
        if (!age.archives()) {
            return;
        }
        List<HistoryWindow> windows = new java.util.ArrayList<>();
        String ladderFile = configDir.resolve("ladder.yaml").toString();
        if (ladders != null) {
            ladders.historyWindows().forEach(windows::add);
        }
        if (policy != null && policy.hasCaps()) {
            windows.add(new HistoryWindow("caps", ContactLog.LOOKBACK, "the caps count the contacts of the last "
                    + ContactLog.LOOKBACK.toDays() + " days"));
        }
        for (HistoryWindow w : windows) {
            java.time.Duration needed = w.length().plus(ArchiveAge.MARGIN);
            if (age.age().compareTo(needed) < 0) {
                long days = (needed.toMinutes() + 24 * 60 - 1) / (24 * 60);
                String file = w.key().equals("caps") ? configDir.resolve("policy.yaml").toString() : ladderFile;
                problems.add(new ConfigException(file, w.key(), "reads " + Durations.words(w.length())
                        + " of the ledger's history (" + w.what() + "), but the live ledger keeps "
                        + age.days() + " days (hub.retention.archive-after-days in " + settings.file()
                        + "): set that to at least " + days + " (this window + " + ArchiveAge.MARGIN.toDays()
                        + " days) or 0 to never archive, or shorten the window"));
            }
        }
    }

    /** A channel named in policy.yaml must be one the hub can send on, or a typo would silently lift a cap. */
    static void policy(Path configDir, ContactPolicy policy, Set<String> routed, LadderConfig ladders,
                       List<ConfigException> problems) {
        String file = configDir.resolve("policy.yaml").toString();
        Set<String> known = new TreeSet<>(routed);
        known.addAll(KNOWN_CHANNELS);
        if (ladders != null) {
            ladders.ladders().forEach(l -> l.steps().forEach(st -> st.channels().forEach(c -> known.add(c.channel()))));
        }
        policy.channelKeys().forEach((key, channel) -> {
            if (!known.contains(channel)) {
                problems.add(new ConfigException(file, key, "unknown channel '" + channel + "' (known: "
                        + String.join(", ", known) + ")"));
            }
        });
    }

    /** The channels the routes folder has a {@code direct:channel.<name>} for; each file's YAML is checked. */
    static Set<String> channelRoutes(Path routesDir) {
        Set<String> channels = new HashSet<>();
        if (!Files.isDirectory(routesDir)) {
            throw new ConfigException(routesDir.toString(), "(folder)", "routes folder not found (use --routes DIR)");
        }
        try (Stream<Path> files = Files.list(routesDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                YamlFiles.read(f); // syntax check with file and line
                Matcher m = CHANNEL_ROUTE.matcher(Files.readString(f));
                while (m.find()) {
                    channels.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new ConfigException(routesDir.toString(), "(folder)", "cannot read: " + e.getMessage());
        }
        return channels;
    }
}
