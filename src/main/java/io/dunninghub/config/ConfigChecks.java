package io.dunninghub.config;

import io.dunninghub.common.ConfigException;
import io.dunninghub.common.ConfigProblems;
import io.dunninghub.common.NamedSql;
import io.dunninghub.common.YamlFiles;
import io.dunninghub.ladder.Audience;
import io.dunninghub.ladder.Ladder;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ladder.LadderStep;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.render.TemplateFailure;
import io.dunninghub.render.TemplateModel;
import io.dunninghub.render.TemplateRenderer;
import java.io.IOException;
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
    private static final List<String> KNOWN_CHANNELS = List.of("sms", "email", "push", "letter", "call");

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
            boolean prefixed = HubSettings.COLUMN_PREFIXES.stream().anyMatch(key::startsWith);
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
                    s.integer(name, name.endsWith("progress-every") || name.equals("hub.health.scan-stuck-seconds") ? 0 : 1);
                } else if (name.endsWith("enabled") || name.endsWith("on-startup") || name.endsWith(".watch")) {
                    s.bool(name);
                } else if (name.endsWith("-zone")) {
                    s.zone(name);
                }
            });
        }
        collect(problems, () -> s.integer("hub.scan.progress-every", 0));
        collect(problems, s::scanClustered);
        collect(problems, () -> {
            if (s.integer("hub.http.port", 0) > 65535) {
                throw new ConfigException(s.file(), "hub.http.port", "must be a port number up to 65535");
            }
        });
        sqlParams(s, "hub.scan.sql", Set.of("asOf", "dueBy"), null, problems);
        sqlParams(s, "hub.recheck.sql", Set.of("installmentIds"), "installmentIds", problems);
        sqlParams(s, "hub.contacts.sql", Set.of("borrowerIds"), "borrowerIds", problems);
        for (String optional : List.of("hub.holds.sql", "hub.promises.sql", "hub.optouts.sql")) {
            if (s.isSet(optional)) {
                sqlParams(s, optional, Set.of("borrowerIds"), "borrowerIds", problems);
            }
        }
        if (s.isSet("hub.parties.sql")) {
            sqlParams(s, "hub.parties.sql", Set.of("loanIds"), "loanIds", problems);
        }
        collect(problems, s::adminToken);
        collect(problems, s::sendGridReceipts);
        collect(problems, () -> s.required("hub.core.url"));
        collect(problems, () -> s.required("hub.ledger.url"));
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

    /** Every ladder channel is routed, may reach its audience, and renders (without amounts where hidden). */
    static void ladder(Path configDir, LadderConfig ladders, Set<String> routed, TemplateRenderer renderer,
                       HubSettings settings, ContactPolicy policy, List<ConfigException> problems) {
        String file = configDir.resolve("ladder.yaml").toString();
        boolean parties = settings.isSet("hub.parties.sql");
        String locale = settings.get("hub.render.default-locale");
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
                    if (renderer != null) {
                        rendersWithSample(file, key, step, ch, renderer, locale, policy, problems);
                    }
                }
            }
        }
    }

    private static void rendersWithSample(String file, String key, LadderStep step, LadderStep.StepChannel ch,
                                          TemplateRenderer renderer, String locale, ContactPolicy policy,
                                          List<ConfigException> problems) {
        try {
            renderer.render(ch.template(), ch.channel(), locale, TemplateModel.sample());
            boolean hidden = policy == null ? List.of("sms", "push").contains(ch.channel())
                    : policy.hidesAmounts(ch.channel());
            if (hidden && !step.showAmount()) {
                try {
                    renderer.render(ch.template(), ch.channel(), locale, TemplateModel.sample().withoutAmounts());
                } catch (TemplateFailure e) {
                    problems.add(new ConfigException(file, key + ".template", "'" + ch.template() + "' for "
                            + ch.channel() + " uses the amount or account number, which " + ch.channel()
                            + " templates only get when the step says show-amount: true (" + e.getMessage() + ")"));
                }
            }
        } catch (TemplateFailure e) {
            problems.add(new ConfigException(file, key + ".template", "'" + ch.template() + "' for " + ch.channel()
                    + ": " + e.reasonCode() + " " + e.getMessage()));
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
