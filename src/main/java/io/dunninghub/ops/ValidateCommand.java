package io.dunninghub.ops;

import io.dunninghub.Main;
import io.dunninghub.common.ConfigException;
import io.dunninghub.common.NamedSql;
import io.dunninghub.common.YamlFiles;
import io.dunninghub.dispatch.TemplateModel;
import io.dunninghub.ladder.Audience;
import io.dunninghub.ladder.Ladder;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ladder.LadderStep;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.render.LetterPdfWriter;
import io.dunninghub.render.TemplateFailure;
import io.dunninghub.render.TemplateRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code validate}: checks every config file; exit 0, or exit 2 listing file, key and problem. */
@Command(name = "validate", description = "Check every configuration file; exit 2 naming file, key and problem.")
public final class ValidateCommand implements Callable<Integer> {

    private static final Pattern CHANNEL_ROUTE = Pattern.compile("direct:channel\\.([A-Za-z0-9_-]+)");

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        List<String> problems = check(options.configDir, options.routesDir, options.overrides);
        if (problems.isEmpty()) {
            System.out.println("config OK: " + options.configDir + " and " + options.routesDir);
            return 0;
        }
        problems.forEach(p -> System.err.println("config error: " + p));
        return Main.EXIT_CONFIG;
    }

    /** Every problem found, each as {@code file: key: problem}; empty when the configuration is sound. */
    public static List<String> check(Path configDir, Path routesDir, Map<String, String> overrides) {
        List<String> problems = new ArrayList<>();
        CamelContext context;
        try {
            context = ConfigProperties.readOnlyContext(configDir, overrides);
        } catch (ConfigException e) {
            return List.of(e.getMessage());
        }
        try {
            HubSettings settings = ConfigProperties.settings(context, configDir);
            Set<String> keys = ConfigProperties.keys(context, overrides);
            collect(problems, () -> settingsProblems(settings, keys, problems));
            LetterPdfWriter[] letterPdf = new LetterPdfWriter[1];
            collect(problems, () -> letterPdf[0] = HubRuntime.letterPdf(settings));
            problems.addAll(LiveConfig.read(configDir, routesDir, settings, context::resolvePropertyPlaceholders,
                    letterPdf[0]).problems());
        } finally {
            closeQuietly(context);
        }
        return problems;
    }

    private static void settingsProblems(HubSettings s, Set<String> keys, List<String> problems) {
        Set<String> known = new HashSet<>();
        HubSettings.KEYS.forEach(k -> known.add(k.name()));
        for (String key : keys) {
            boolean prefixed = key.startsWith("hub.scan.column.") || key.startsWith("hub.contacts.column.")
                    || key.startsWith("hub.parties.column.");
            if (key.startsWith("hub.") && !known.contains(key) && !prefixed && !key.equals("hub.scheduler.enabled")
                    && !key.equals("hub.admin.served")) {
                problems.add(s.file() + ": " + key + ": unknown key (see the README's configuration keys)");
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
        collect(problems, () -> ScanCluster.clustered(s));
        collect(problems, () -> {
            if (s.integer("hub.http.port", 0) > 65535) {
                throw new ConfigException(s.file(), "hub.http.port", "must be a port number up to 65535");
            }
        });
        sqlParams(s, "hub.scan.sql", Set.of("asOf", "dueBy"), null, problems);
        sqlParams(s, "hub.recheck.sql", Set.of("installmentIds"), "installmentIds", problems);
        sqlParams(s, "hub.contacts.sql", Set.of("borrowerIds"), "borrowerIds", problems);
        for (String optional : List.of("hub.holds.sql", "hub.promises.sql", "hub.optouts.sql")) {
            if (s.get(optional) != null && !s.get(optional).isBlank()) {
                sqlParams(s, optional, Set.of("borrowerIds"), "borrowerIds", problems);
            }
        }
        if (s.get("hub.parties.sql") != null && !s.get("hub.parties.sql").isBlank()) {
            sqlParams(s, "hub.parties.sql", Set.of("loanIds"), "loanIds", problems);
        }
        collect(problems, () -> HubApplication.adminToken(s));
        collect(problems, () -> s.required("hub.core.url"));
        collect(problems, () -> s.required("hub.ledger.url"));
    }

    private static void sqlParams(HubSettings s, String key, Set<String> allowed, String required, List<String> problems) {
        String sql = s.get(key);
        if (sql == null || sql.isBlank()) {
            problems.add(s.file() + ": " + key + ": is required");
            return;
        }
        List<String> used = NamedSql.parameterNames(sql);
        for (String p : used) {
            if (!allowed.contains(p)) {
                problems.add(s.file() + ": " + key + ": unknown parameter :" + p + " (allowed: :" + String.join(", :", allowed) + ")");
            }
        }
        if (required != null && !used.contains(required)) {
            problems.add(s.file() + ": " + key + ": must use :" + required + " (e.g. WHERE id IN (:" + required + "))");
        }
    }

    static void ladderProblems(Path configDir, LadderConfig ladders, Set<String> routed, TemplateRenderer renderer,
                                       HubSettings settings, ContactPolicy policy, List<String> problems) {
        String file = configDir.resolve("ladder.yaml").toString();
        String parties = settings.get("hub.parties.sql");
        for (int li = 0; li < ladders.ladders().size(); li++) {
            Ladder l = ladders.ladders().get(li);
            for (int si = 0; si < l.steps().size(); si++) {
                LadderStep step = l.steps().get(si);
                for (int ci = 0; ci < step.channels().size(); ci++) {
                    LadderStep.StepChannel ch = step.channels().get(ci);
                    String key = "ladders[" + li + "].steps[" + si + "].channels[" + ci + "]";
                    if (!routed.contains(ch.channel())) {
                        problems.add(file + ": " + key + ".channel: unknown channel '" + ch.channel()
                                + "' (no route direct:channel." + ch.channel() + " in the routes folder)");
                    }
                    if (!Audience.BORROWER.equals(ch.audience()) && (parties == null || parties.isBlank())) {
                        problems.add(file + ": " + key + ".audience: '" + ch.audience() + "' needs hub.parties.sql "
                                + "(the loan's co-borrowers and guarantors) in application.properties");
                    }
                    if (renderer != null) {
                        String locale = settings.get("hub.render.default-locale");
                        try {
                            renderer.render(ch.template(), ch.channel(), locale, TemplateRenderer.sampleModel());
                            boolean hidden = policy == null ? List.of("sms", "push").contains(ch.channel())
                                    : policy.hidesAmounts(ch.channel());
                            if (hidden && !step.showAmount()) {
                                try {
                                    renderer.render(ch.template(), ch.channel(), locale, amountFreeSample());
                                } catch (TemplateFailure e) {
                                    problems.add(file + ": " + key + ".template: '" + ch.template() + "' for " + ch.channel()
                                            + " uses the amount or account number, which " + ch.channel() + " templates only "
                                            + "get when the step says show-amount: true (" + e.getMessage() + ")");
                                }
                            }
                        } catch (TemplateFailure e) {
                            problems.add(file + ": " + key + ".template: '" + ch.template() + "' for " + ch.channel()
                                    + ": " + e.reasonCode() + " " + e.getMessage());
                        }
                    }
                }
            }
        }
    }

    /** The sample model as an SMS or push template sees it when its step does not allow amounts. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> amountFreeSample() {
        Map<String, Object> model = TemplateRenderer.sampleModel();
        TemplateModel.withoutAmounts((Map<String, Object>) model.get("installment"));
        return model;
    }

    /** A channel named in policy.yaml must be one the hub can send on, or a typo would silently lift a cap. */
    static void policyProblems(Path configDir, ContactPolicy policy, Set<String> routed, LadderConfig ladders,
                                       List<String> problems) {
        String file = configDir.resolve("policy.yaml").toString();
        Set<String> known = new java.util.TreeSet<>(routed);
        known.addAll(KNOWN_CHANNELS);
        if (ladders != null) {
            ladders.ladders().forEach(l -> l.steps().forEach(st -> st.channels().forEach(c -> known.add(c.channel()))));
        }
        policy.channelKeys().forEach((key, channel) -> {
            if (!known.contains(channel)) {
                problems.add(file + ": " + key + ": unknown channel '" + channel + "' (known: " + String.join(", ", known) + ")");
            }
        });
    }

    private static final List<String> KNOWN_CHANNELS = List.of("sms", "email", "push", "letter", "call");

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

    private static void collect(List<String> problems, Runnable check) {
        LiveConfig.collect(problems, check);
    }

    static void closeQuietly(CamelContext context) {
        try {
            context.close();
        } catch (Exception e) {
            // only a configuration reader; nothing to release that matters
        }
    }
}
