package io.dunninghub.ops;

import io.dunninghub.common.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * application.properties as Camel resolves it (placeholders such as {{env:NAME}}, the optional secrets file,
 * JVM system properties and overrides), turned into {@link HubSettings}.
 */
public final class ConfigProperties {

    public static final String SECRETS_ENV = "DUNNING_HUB_SECRETS";
    public static final String DEFAULT_SECRETS = "/run/secrets/dunning-hub.properties";

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

    public static HubSettings settings(CamelContext context, Path configDir) {
        PropertiesComponent pc = context.getPropertiesComponent();
        String file = applicationFile(configDir).toString();
        return new HubSettings(key -> {
            try {
                return pc.resolveProperty(key).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, key, "cannot resolve its value: " + e.getMessage());
            }
        }, file, configDir);
    }

    public static Set<String> keys(CamelContext context, Map<String, String> overrides) {
        Set<String> keys = new TreeSet<>();
        Properties loaded = context.getPropertiesComponent().loadProperties();
        keys.addAll(loaded.stringPropertyNames());
        keys.addAll(overrides.keySet());
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("hub.")).forEach(keys::add);
        return keys;
    }

    /** A context that is never started: only used to read configuration (validate, preview). */
    public static CamelContext readOnlyContext(Path configDir, Map<String, String> overrides) {
        CamelContext context = new org.apache.camel.impl.DefaultCamelContext(false);
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.setLocation(locations(configDir));
        Properties o = new Properties();
        o.putAll(overrides);
        pc.setOverrideProperties(o);
        context.build();
        return context;
    }
}
