package io.dunninghub.config;

import io.dunninghub.common.ConfigException;
import io.dunninghub.common.ConfigProblems;
import io.dunninghub.render.LetterPdfWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;

/**
 * The whole configuration, read and checked once: application.properties as resolved ({@link HubSettings}) and
 * the live files ({@link LiveConfig}). {@code validate} prints the problems of a {@link #read}; the daemon,
 * {@code run --once} and {@code preview} start only from a read without problems, before any database is
 * touched; a live reload checks the live files the same way.
 */
public record HubConfig(HubSettings settings, LiveConfig live, Path routesDir) {

    /** What reading the configuration gave: a snapshot when there is no problem. */
    public record Read(HubConfig config, List<ConfigException> issues, List<String> warnings) {

        public Read {
            issues = List.copyOf(issues);
            warnings = List.copyOf(warnings);
        }

        public Read(HubConfig config, List<ConfigException> issues) {
            this(config, issues, List.of());
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
     * Reads everything through {@code context}'s properties (which resolve placeholders in application.properties
     * and providers.yaml) and runs every check.
     */
    public static Read read(CamelContext context, Path configDir, Path routesDir, Map<String, String> overrides) {
        ConfigProperties.Resolved resolved = ConfigProperties.resolve(context, configDir, overrides);
        List<ConfigException> problems = new ArrayList<>(resolved.problems());
        HubSettings settings = resolved.settings();
        ConfigChecks.collect(problems, () -> ConfigChecks.settings(settings, problems));
        LetterPdfWriter[] letterPdf = new LetterPdfWriter[1];
        ConfigChecks.collect(problems, () -> letterPdf[0] = settings.letterPdf());
        LiveConfig.Read live = LiveConfig.read(configDir, routesDir, settings, context::resolvePropertyPlaceholders,
                letterPdf[0]);
        problems.addAll(live.issues());
        return new Read(problems.isEmpty() && live.ok() ? new HubConfig(settings, live.config(), routesDir) : null,
                problems, live.warnings());
    }

    /**
     * Reads the configuration without a running Camel (validate, preview): a context that only resolves
     * properties, closed again once every value is read.
     */
    public static Read read(Path configDir, Path routesDir, Map<String, String> overrides) {
        CamelContext context;
        try {
            context = ConfigProperties.readOnlyContext(configDir, overrides);
        } catch (ConfigException e) {
            return new Read(null, List.of(e));
        }
        try {
            return read(context, configDir, routesDir, overrides);
        } finally {
            ConfigProperties.closeQuietly(context);
        }
    }

    /**
     * application.properties alone, for the commands that need only the databases (status, replay, hold …): a
     * broken ladder does not stop an operator from looking at the ledger.
     */
    public static HubSettings settingsOnly(Path configDir, Map<String, String> overrides) {
        CamelContext context = ConfigProperties.readOnlyContext(configDir, overrides);
        try {
            ConfigProperties.Resolved resolved = ConfigProperties.resolve(context, configDir, overrides);
            if (!resolved.problems().isEmpty()) {
                throw new ConfigProblems(resolved.problems());
            }
            return resolved.settings();
        } finally {
            ConfigProperties.closeQuietly(context);
        }
    }

    /**
     * Every channel a notice can go out on: the built-in ones and each {@code direct:channel.<name>} in the routes
     * folder (what an opt-out or a policy rule may name).
     */
    public static java.util.Set<String> channels(Path routesDir) {
        java.util.Set<String> all = new java.util.TreeSet<>(ConfigChecks.KNOWN_CHANNELS);
        all.addAll(ConfigChecks.channelRoutes(routesDir));
        return all;
    }

    public Path configDir() {
        return settings.configDir();
    }
}
