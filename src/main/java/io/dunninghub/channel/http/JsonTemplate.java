package io.dunninghub.channel.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON request body written in providers.yaml with {@code ${name}} placeholders in its string values, e.g.
 * {@code {"to": "${to}", "text": "${text}", "amount": "${installment.amountDue}"}}. The template is parsed as
 * JSON once and values are put into the tree, never pasted into text, so a quote or newline in a message
 * cannot break the JSON. A string that is one placeholder alone takes the value's own type (number, null).
 */
public final class JsonTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)*)}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** A placeholder without a value: fails that one notice. */
    public static final class MissingValue extends Exception {
        public MissingValue(String message) {
            super(message);
        }
    }

    private final JsonNode tree;
    private final Set<String> placeholders;

    private JsonTemplate(JsonNode tree, Set<String> placeholders) {
        this.tree = tree;
        this.placeholders = Set.copyOf(placeholders);
    }

    /**
     * @param allowedRoots the first name of every placeholder must be one of these
     * @throws IllegalArgumentException naming what is wrong (not JSON, unknown variable)
     */
    public static JsonTemplate parse(String json, Set<String> allowedRoots) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || !tree.isContainerNode()) {
            throw new IllegalArgumentException("must be a JSON object or array");
        }
        Set<String> found = new LinkedHashSet<>();
        collect(tree, found);
        for (String p : found) {
            String root = p.split("\\.")[0];
            if (!allowedRoots.contains(root)) {
                throw new IllegalArgumentException("unknown variable ${" + p + "} (known: " + String.join(", ", new java.util.TreeSet<>(allowedRoots)) + ")");
            }
        }
        return new JsonTemplate(tree, found);
    }

    public boolean isArray() {
        return tree.isArray();
    }

    public Set<String> placeholders() {
        return placeholders;
    }

    public JsonNode render(Map<String, ?> values) throws MissingValue {
        return fill(tree, values);
    }

    public String renderString(Map<String, ?> values) throws MissingValue {
        try {
            return JSON.writeValueAsString(render(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(node.textValue());
            while (m.find()) {
                out.add(m.group(1));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                collect(e.getValue(), out);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }

    private static JsonNode fill(JsonNode node, Map<String, ?> values) throws MissingValue {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), fill(e.getValue(), values));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode n : node) {
                out.add(fill(n, values));
            }
            return out;
        }
        if (!node.isTextual()) {
            return node;
        }
        String text = node.textValue();
        Matcher m = PLACEHOLDER.matcher(text);
        if (m.matches()) {
            return JSON.valueToTree(lookup(values, m.group(1)));
        }
        StringBuilder out = new StringBuilder();
        m.reset();
        while (m.find()) {
            Object v = lookup(values, m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : plain(v)));
        }
        m.appendTail(out);
        return JSON.getNodeFactory().textNode(out.toString());
    }

    private static String plain(Object v) {
        return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }

    /** Dotted path through nested maps; a present key with a null value is null, an absent key is an error. */
    static Object lookup(Map<String, ?> values, String path) throws MissingValue {
        Object v = values;
        for (String key : path.split("\\.")) {
            if (!(v instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new MissingValue("no value for ${" + path + "}");
            }
            v = map.get(key);
        }
        return v;
    }
}
