package io.dunninghub.channel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * providers.yaml: the provider instances per channel. Everything wrong in the file is reported as
 * {@code <file>: <key path>: <problem>} so ops can fix it without reading code.
 */
public record ProvidersConfig(String file, List<ProviderSettings> providers) {

    // a typo such as "enabeld: false" must stop start-up, not leave a provider silently enabled
    private static final Set<String> PROVIDER_KEYS = Set.of("name", "channel", "adapter", "priority", "enabled", "options",
            "rate", "burst", "circuit-breaker");
    private static final Set<String> CIRCUIT_KEYS = Set.of("enabled", "failure-rate", "window", "minimum-calls",
            "open-seconds", "half-open-calls");
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public ProvidersConfig {
        providers = List.copyOf(providers);
    }

    public static List<String> knownAdapters() {
        return AdapterCatalog.names();
    }

    public static ProvidersConfig load(Path file, UnaryOperator<String> placeholderResolver) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProvidersConfigException(file.toString(), "-", "cannot read file: " + e);
        }
        return parse(file.toString(), yaml, placeholderResolver);
    }

    /** @param file name used in error messages */
    public static ProvidersConfig parse(String file, String yaml, UnaryOperator<String> placeholderResolver) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "-" : "line " + e.getLocation().getLineNr();
            throw new ProvidersConfigException(file, where, io.dunninghub.common.YamlFiles.problem(e));
        }
        if (root == null || root.isMissingNode() || !root.isObject() || !root.has("providers")) {
            throw new ProvidersConfigException(file, "providers", "missing: the file must hold a 'providers' list");
        }
        JsonNode list = root.get("providers");
        if (list.isNull()) {
            return new ProvidersConfig(file, List.of());
        }
        if (!list.isArray()) {
            throw new ProvidersConfigException(file, "providers", "must be a list");
        }
        List<ProviderSettings> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ProviderSettings p = provider(file, "providers[" + i + "]", list.get(i), placeholderResolver);
            if (!names.add(p.name())) {
                throw new ProvidersConfigException(file, "providers[" + i + "].name", "duplicate name '" + p.name() + "'");
            }
            result.add(p);
        }
        return new ProvidersConfig(file, result);
    }

    public List<ProviderSettings> enabled() {
        return providers.stream().filter(ProviderSettings::enabled).toList();
    }

    private static ProviderSettings provider(String file, String at, JsonNode node, UnaryOperator<String> resolver) {
        if (node == null || !node.isObject()) {
            throw new ProvidersConfigException(file, at, "must be a mapping with name, channel, adapter");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!PROVIDER_KEYS.contains(key)) {
                throw new ProvidersConfigException(file, at + "." + key, "unknown key (known: name, channel, adapter, priority, enabled, options, rate, burst, circuit-breaker)");
            }
        }
        String name = text(file, at, node, "name");
        String channel = text(file, at, node, "channel");
        String adapter = text(file, at, node, "adapter");
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            throw new ProvidersConfigException(file, at + ".channel", "'" + channel + "' is not a channel name (lower case letters, digits, - and _)");
        }
        AdapterType kind = AdapterCatalog.find(adapter).orElseThrow(() -> new ProvidersConfigException(file,
                at + ".adapter", "unknown adapter '" + adapter + "' (known: " + String.join(", ", knownAdapters()) + ")"));
        if (!kind.serves(channel)) {
            throw new ProvidersConfigException(file, at + ".channel", "adapter '" + adapter + "' delivers only "
                    + String.join(", ", kind.channels().stream().sorted().toList()) + ", not '" + channel + "'");
        }
        int priority = 0;
        JsonNode pr = node.get("priority");
        if (pr != null && !pr.isNull()) {
            if (!pr.canConvertToInt() || !pr.isIntegralNumber()) {
                throw new ProvidersConfigException(file, at + ".priority", "must be a whole number, not '" + pr.asText() + "'");
            }
            priority = pr.intValue();
            if (priority < 0) {
                throw new ProvidersConfigException(file, at + ".priority", "must be 0 or more, not " + priority);
            }
        }
        boolean enabled = true;
        JsonNode en = node.get("enabled");
        if (en != null && !en.isNull()) {
            if (!en.isBoolean()) {
                throw new ProvidersConfigException(file, at + ".enabled", "must be true or false, not '" + en.asText() + "'");
            }
            enabled = en.booleanValue();
        }
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode opts = node.get("options");
        if (opts != null && !opts.isNull()) {
            if (!opts.isObject()) {
                throw new ProvidersConfigException(file, at + ".options", "must be a mapping of option: value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = opts.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = at + ".options." + e.getKey();
                if (e.getValue().isContainerNode()) {
                    throw new ProvidersConfigException(file, key, "must be a single value");
                }
                String value = e.getValue().isNull() ? "" : e.getValue().asText();
                if (enabled) {
                    try {
                        value = resolver.apply(value);
                    } catch (RuntimeException ex) {
                        throw new ProvidersConfigException(file, key, "cannot resolve placeholder: " + ex.getMessage());
                    }
                }
                options.put(e.getKey(), value == null ? "" : value);
            }
        }
        if (enabled) {
            checkOptions(file, at, adapter, kind, options);
        }
        return new ProviderSettings(name, channel, adapter, priority, enabled, options, limits(file, at, node));
    }

    private static ProviderLimits limits(String file, String at, JsonNode node) {
        ProviderLimits.Rate rate = null;
        JsonNode r = node.get("rate");
        if (r != null && !r.isNull()) {
            if (!r.isValueNode()) {
                throw new ProvidersConfigException(file, at + ".rate", "must be a rate like 50/s, 3000/min or 100/h");
            }
            try {
                rate = ProviderLimits.Rate.parse(r.asText());
            } catch (IllegalArgumentException e) {
                throw new ProvidersConfigException(file, at + ".rate", e.getMessage());
            }
        }
        int burst = 1;
        JsonNode b = node.get("burst");
        if (b != null && !b.isNull()) {
            burst = positive(file, at + ".burst", b, 1);
            if (rate == null) {
                throw new ProvidersConfigException(file, at + ".burst", "has no effect without a rate");
            }
        }
        ProviderLimits.Circuit circuit = ProviderLimits.Circuit.DEFAULT;
        JsonNode cb = node.get("circuit-breaker");
        if (cb != null && !cb.isNull()) {
            String cat = at + ".circuit-breaker";
            if (!cb.isObject()) {
                throw new ProvidersConfigException(file, cat, "must be a mapping (enabled, failure-rate, window, minimum-calls, open-seconds, half-open-calls)");
            }
            for (Iterator<String> it = cb.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!CIRCUIT_KEYS.contains(key)) {
                    throw new ProvidersConfigException(file, cat + "." + key,
                            "unknown key (known: enabled, failure-rate, window, minimum-calls, open-seconds, half-open-calls)");
                }
            }
            ProviderLimits.Circuit d = ProviderLimits.Circuit.DEFAULT;
            boolean on = true;
            JsonNode en = cb.get("enabled");
            if (en != null && !en.isNull()) {
                if (!en.isBoolean()) {
                    throw new ProvidersConfigException(file, cat + ".enabled", "must be true or false, not '" + en.asText() + "'");
                }
                on = en.booleanValue();
            }
            int failureRate = cb.has("failure-rate") ? positive(file, cat + ".failure-rate", cb.get("failure-rate"), 1) : d.failureRatePercent();
            if (failureRate > 100) {
                throw new ProvidersConfigException(file, cat + ".failure-rate", "is a percentage: 1 to 100, not " + failureRate);
            }
            int window = cb.has("window") ? positive(file, cat + ".window", cb.get("window"), 1) : d.window();
            int minimumCalls = cb.has("minimum-calls") ? positive(file, cat + ".minimum-calls", cb.get("minimum-calls"), 1)
                    : Math.min(d.minimumCalls(), window);
            int openSeconds = cb.has("open-seconds") ? positive(file, cat + ".open-seconds", cb.get("open-seconds"), 1)
                    : (int) d.openFor().toSeconds();
            int halfOpen = cb.has("half-open-calls") ? positive(file, cat + ".half-open-calls", cb.get("half-open-calls"), 1)
                    : d.halfOpenCalls();
            circuit = new ProviderLimits.Circuit(on, failureRate, window, minimumCalls,
                    java.time.Duration.ofSeconds(openSeconds), halfOpen);
        }
        return new ProviderLimits(rate, burst, circuit);
    }

    private static int positive(String file, String key, JsonNode v, int min) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
            throw new ProvidersConfigException(file, key, "must be a whole number of at least " + min + ", not '"
                    + (v == null ? "" : v.asText()) + "'");
        }
        return v.intValue();
    }

    /** Every option known to the adapter, of its type, the required ones present, and the adapter's own check. */
    private static void checkOptions(String file, String at, String adapter, AdapterType kind,
                                     Map<String, String> options) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            AdapterOption o = kind.option(e.getKey()).orElseThrow(() -> new ProvidersConfigException(file,
                    at + ".options." + e.getKey(), "unknown option for adapter '" + adapter + "' (known: "
                    + String.join(", ", kind.options().stream().map(AdapterOption::name).toList()) + ")"));
            String problem = blank(e.getValue()) ? null : o.problem(e.getValue());
            if (problem != null) {
                throw new ProvidersConfigException(file, at + ".options." + e.getKey(), problem);
            }
        }
        // the adapter's own check first: it names what is missing in its own words
        AdapterType.Problem p = kind.check().check(options);
        if (p != null) {
            throw new ProvidersConfigException(file, at + ".options." + p.option(), p.problem());
        }
        Map<String, List<AdapterOption>> groups = new LinkedHashMap<>();
        kind.options().stream().filter(o -> !o.oneOf().isEmpty())
                .forEach(o -> groups.computeIfAbsent(o.oneOf().equals(AdapterOption.REQUIRED) ? o.name() : o.oneOf(),
                        g -> new ArrayList<>()).add(o));
        for (List<AdapterOption> anyOf : groups.values()) {
            boolean present = anyOf.stream().anyMatch(o -> options.entrySet().stream()
                    .anyMatch(e -> o.matches(e.getKey()) && !blank(e.getValue())));
            if (!present) {
                String first = anyOf.get(0).name();
                String alternatives = anyOf.size() > 1 ? " (or " + String.join(", ",
                        anyOf.subList(1, anyOf.size()).stream().map(AdapterOption::name).toList()) + ")" : "";
                String empty = options.containsKey(first) ? ", empty after resolving placeholders" : "";
                throw new ProvidersConfigException(file, at + ".options." + first,
                        "missing required option for adapter '" + adapter + "'" + alternatives + empty);
            }
        }
    }

    private static String text(String file, String at, JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new ProvidersConfigException(file, at + "." + key, "missing");
        }
        return v.asText().strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
