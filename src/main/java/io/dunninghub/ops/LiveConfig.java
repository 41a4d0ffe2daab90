package io.dunninghub.ops;

import io.dunninghub.channel.ProvidersConfig;
import io.dunninghub.common.ConfigException;
import io.dunninghub.common.ConfigProblems;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.render.LetterPdfWriter;
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
 * @param providers the providers as configured, or null where none are used (preview)
 * @param routes    the text of every {@code routes/*.yaml} by absolute path, to tell which files changed
 */
public record LiveConfig(LadderConfig ladders, ContactPolicy policy, TemplateRenderer renderer,
                         ProvidersConfig providers, Map<Path, String> routes) {

    public LiveConfig {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }

    /** What reading the live files gave: a snapshot when {@code problems} is empty. */
    public record Read(LiveConfig config, List<String> problems) {

        public boolean ok() {
            return problems.isEmpty() && config != null;
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
        List<String> problems = new ArrayList<>();
        LadderConfig[] ladder = new LadderConfig[1];
        collect(problems, () -> ladder[0] = LadderConfig.load(configDir.resolve("ladder.yaml")));
        ContactPolicy[] policy = new ContactPolicy[1];
        collect(problems, () -> policy[0] = ContactPolicy.load(configDir.resolve("policy.yaml")));
        ProvidersConfig[] providers = new ProvidersConfig[1];
        collect(problems, () -> providers[0] = ProvidersConfig.load(configDir.resolve("providers.yaml"), placeholders));
        Set<String> routed = new HashSet<>();
        collect(problems, () -> routed.addAll(ValidateCommand.channelRoutes(routesDir)));
        Map<Path, String> routes = new TreeMap<>();
        collect(problems, () -> routes.putAll(routeFiles(routesDir)));
        TemplateRenderer[] renderer = new TemplateRenderer[1];
        if (letterPdf != null) {
            collect(problems, () -> renderer[0] = TemplateRenderer.snapshot(configDir.resolve("templates"),
                    settings.get("hub.render.default-locale"), letterPdf));
        }
        if (ladder[0] != null) {
            ValidateCommand.ladderProblems(configDir, ladder[0], routed, renderer[0], settings, policy[0], problems);
        }
        if (policy[0] != null) {
            ValidateCommand.policyProblems(configDir, policy[0], routed, ladder[0], problems);
        }
        if (renderer[0] != null) {
            problems.addAll(renderer[0].checkAll(TemplateRenderer.sampleModel()));
        }
        boolean complete = ladder[0] != null && policy[0] != null && providers[0] != null && renderer[0] != null;
        return new Read(problems.isEmpty() && complete
                ? new LiveConfig(ladder[0], policy[0], renderer[0], providers[0], routes) : null, List.copyOf(problems));
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

    static void collect(List<String> problems, Runnable check) {
        try {
            check.run();
        } catch (ConfigException e) {
            problems.addAll(ConfigProblems.messages(e));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The renderer and font loader report a missing folder or unusable font this way.
            problems.add(e.getMessage());
        }
    }
}
