package io.dunninghub.config;

import io.dunninghub.channel.ProvidersConfig;
import io.dunninghub.common.ConfigException;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.PolicyFile;
import io.dunninghub.render.LetterPdfWriter;
import io.dunninghub.render.TemplateCheck;
import io.dunninghub.render.TemplateModel;
import io.dunninghub.render.TemplateRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The configuration that changes without a restart — ladder, contact policy, templates, providers and the
 * routes folder — read and checked together. Immutable: a planning pass or a dispatch batch works with one
 * snapshot from start to end, and a reload replaces the whole snapshot or nothing.
 *
 * @param routes      the text of every {@code routes/*.yaml} by absolute path, to tell which files changed
 * @param fingerprint SHA-256 of ladder.yaml, policy.yaml and the templates of this snapshot, kept with every notice
 *                    sent under it (the rules that applied)
 */
public record LiveConfig(LadderConfig ladders, ContactPolicy policy, TemplateRenderer renderer,
                         ProvidersConfig providers, Map<Path, String> routes, String fingerprint) {

    public LiveConfig {
        routes = Map.copyOf(routes);
    }

    /**
     * SHA-256 over {@code name NUL sha256 LF} of ladder.yaml, policy.yaml (as on disk when the snapshot was read)
     * and {@code templates} (the renderer's own snapshot of them, {@link TemplateRenderer#snapshotSha256}).
     */
    static String fingerprint(Path configDir, TemplateRenderer renderer) {
        StringBuilder lines = new StringBuilder();
        for (String name : List.of("ladder.yaml", "policy.yaml")) {
            String sha;
            try {
                sha = io.dunninghub.ledger.NoticeContent.sha256(Files.readAllBytes(configDir.resolve(name)));
            } catch (IOException e) {
                sha = "unreadable";
            }
            lines.append(name).append('\0').append(sha).append('\n');
        }
        lines.append("templates").append('\0').append(renderer.snapshotSha256()).append('\n');
        return io.dunninghub.ledger.NoticeContent.sha256(lines.toString());
    }

    /** What reading the live files gave: a snapshot when there is no problem. */
    public record Read(LiveConfig config, List<ConfigException> issues, List<String> warnings) {

        public Read {
            issues = List.copyOf(issues);
            warnings = List.copyOf(warnings);
        }

        public boolean ok() {
            return issues.isEmpty() && config != null;
        }

        /** Each problem as {@code file: key: problem}. */
        public List<String> problems() {
            return issues.stream().map(ConfigException::getMessage).toList();
        }
    }

    /**
     * Reads and checks the live files as {@code validate} does: each file on its own, then across them (every
     * ladder channel has a route and renders against a sample, SMS and push without the amount unless allowed,
     * every channel the policy names exists, every template renders).
     *
     * @param placeholders resolves {@code {{…}}} in providers.yaml
     * @param letterPdf    the letter layout (a start-up setting); null when it is broken, templates are then not read
     */
    public static Read read(Path configDir, Path routesDir, HubSettings settings, UnaryOperator<String> placeholders,
                            LetterPdfWriter letterPdf) {
        List<ConfigException> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        LadderConfig[] ladder = new LadderConfig[1];
        ConfigChecks.collect(problems, () -> ladder[0] = LadderConfig.load(configDir.resolve("ladder.yaml")));
        ContactPolicy[] policy = new ContactPolicy[1];
        ConfigChecks.collect(problems, () -> policy[0] = PolicyFile.load(configDir.resolve("policy.yaml")));
        ProvidersConfig[] providers = new ProvidersConfig[1];
        ConfigChecks.collect(problems, () -> providers[0] = ProvidersConfig.load(configDir.resolve("providers.yaml"),
                placeholders));
        Set<String> routed = new HashSet<>();
        ConfigChecks.collect(problems, () -> routed.addAll(ConfigChecks.channelRoutes(routesDir)));
        Map<Path, String> routes = new TreeMap<>();
        ConfigChecks.collect(problems, () -> routes.putAll(routeFiles(routesDir)));
        TemplateRenderer[] renderer = new TemplateRenderer[1];
        if (letterPdf != null) {
            ConfigChecks.collect(problems, () -> renderer[0] = TemplateRenderer.snapshot(configDir.resolve("templates"),
                    settings.get("hub.render.default-locale"), letterPdf));
        }
        if (ladder[0] != null) {
            ConfigChecks.ladder(configDir, ladder[0], routed, renderer[0], settings, policy[0], problems, warnings);
        }
        if (policy[0] != null) {
            ConfigChecks.policy(configDir, policy[0], routed, ladder[0], problems);
        }
        ConfigChecks.archiveAge(configDir, ladder[0], policy[0], settings, problems);
        if (renderer[0] != null) {
            // every template, in use or not, must render; what a ladder's templates need of hub.lender.* is
            // checked with the ladder, so here a detail not set keeps the sample's
            problems.addAll(TemplateCheck.all(renderer[0], locale -> {
                TemplateModel sample = TemplateModel.sample(locale);
                return sample.toBuilder().lender(settings.lender(locale).orElse(sample.lender())).build();
            }));
        }
        boolean complete = ladder[0] != null && policy[0] != null && providers[0] != null && renderer[0] != null;
        return new Read(problems.isEmpty() && complete
                ? new LiveConfig(ladder[0], policy[0], renderer[0], providers[0], routes,
                        fingerprint(configDir, renderer[0])) : null, problems, warnings);
    }

    /** The text of every {@code *.yaml} in the routes folder, by absolute path. */
    static Map<Path, String> routeFiles(Path routesDir) {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(routesDir)) {
            for (Path f : list.filter(p -> p.toString().endsWith(".yaml") && Files.isRegularFile(p)).toList()) {
                files.put(f.toAbsolutePath().normalize(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new ConfigException(routesDir.toString(), "(folder)", "cannot read: " + e.getMessage());
        }
        return files;
    }
}
