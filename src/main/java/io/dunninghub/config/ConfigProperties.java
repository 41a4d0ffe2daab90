package io.dunninghub.config;

import io.dunninghub.common.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * application.properties as Camel resolves it (placeholders such as {{env:NAME}}, the optional secrets file,
 * JVM system properties and overrides), read once into {@link HubSettings}.
 */
public final class ConfigProperties {

    public static final String SECRETS_ENV = "DUNNING_HUB_SECRETS";
    public static final String DEFAULT_SECRETS = "/run/secrets/dunning-hub.properties";

    /**
     * How application.properties and the secrets file are read. Camel's properties component reads ISO-8859-1 unless
     * told otherwise, which garbles every non-ASCII value (a lender's name in Chinese); the encoding has to be set on
     * the component before it loads its locations, so it cannot come from the file itself.
     */
    public static final String ENCODING = "UTF-8";

    /** Keys the daemon sets for its own routes; never in application.properties. */
    static final Set<String> INTERNAL_KEYS = Set.of("hub.scheduler.enabled", "hub.admin.served",
            "hub.console.served");

    private ConfigProperties() {
    }

    public static Path applicationFile(Path configDir) {
        return configDir.resolve("application.properties");
    }

    /** Comma-separated Camel property locations: the config file, then the optional secrets file. */
    public static String locations(Path configDir) {
        Path app = applicationFile(configDir);
        if (!Files.isRegularFile(app)) {
            throw new ConfigException(app.toString(), "(file)", "file not found (use --config DIR)");
        }
        String secrets = System.getenv().getOrDefault(SECRETS_ENV, DEFAULT_SECRETS);
        return "file:" + app.toAbsolutePath() + ",optional:file:" + secrets;
    }

    /** The settings, and every key whose value could not be resolved (a placeholder naming nothing). */
    public record Resolved(HubSettings settings, List<ConfigException> problems) {
    }

    /**
     * Resolves every {@code hub.*} key once: those set in the files, the overrides, JVM system properties and
     * every documented key (so a default that is a placeholder resolves too).
     */
    public static Resolved resolve(CamelContext context, Path configDir, Map<String, String> overrides) {
        PropertiesComponent pc = context.getPropertiesComponent();
        String file = applicationFile(configDir).toString();
        Set<String> keys = new TreeSet<>();
        Properties loaded = pc.loadProperties();
        loaded.stringPropertyNames().stream().filter(k -> k.startsWith("hub.")).forEach(keys::add);
        overrides.keySet().stream().filter(k -> k.startsWith("hub.")).forEach(keys::add);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("hub.")).forEach(keys::add);
        keys.removeAll(INTERNAL_KEYS);
        Map<String, String> values = new LinkedHashMap<>();
        List<ConfigException> problems = new ArrayList<>(PropertiesFileCheck.check(applicationFile(configDir)));
        for (String key : keys) {
            try {
                pc.resolveProperty(key).ifPresent(v -> values.put(key, v));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigException(file, key, "cannot resolve its value: " + e.getMessage()));
            }
        }
        return new Resolved(new HubSettings(values, file, configDir), problems);
    }

    /** A context that is never started: only used to read configuration (validate, preview, the commands). */
    public static CamelContext readOnlyContext(Path configDir, Map<String, String> overrides) {
        CamelContext context = new org.apache.camel.impl.DefaultCamelContext(false);
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.setEncoding(ENCODING);
        pc.setLocation(locations(configDir));
        Properties o = new Properties();
        o.putAll(overrides);
        pc.setOverrideProperties(o);
        context.build();
        return context;
    }

    /** Closes a read-only context; nothing it holds matters once the values are read. */
    public static void closeQuietly(CamelContext context) {
        try {
            context.close();
        } catch (Exception e) {
            // only a configuration reader
        }
    }
}
