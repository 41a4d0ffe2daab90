package io.dunninghub.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an ops config file into a tree; a malformed file is a {@link ConfigException} with its line. */
public final class YamlFiles {

    // a key given twice would otherwise silently take the last value (a second step id changes the dedupe keys)
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private YamlFiles() {
    }

    public static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), "(file)", "file not found");
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                throw new ConfigException(file.toString(), "(file)", "file is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "(file)" : "line " + e.getLocation().getLineNr();
            throw new ConfigException(file.toString(), where, problem(e));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "(file)", "cannot read: " + e.getMessage());
        }
    }

    /** What is wrong with a YAML text, in one line: a duplicate key by name, else the parser's own words. */
    public static String problem(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        java.util.regex.Matcher duplicate = java.util.regex.Pattern.compile("Duplicate field '([^']*)'").matcher(message);
        if (duplicate.find()) {
            return "duplicate key '" + duplicate.group(1) + "' (given twice in the same block; the hub does not pick one)";
        }
        return "not valid YAML: " + message;
    }

    /** A required text field; {@code key} is the path used in error messages, e.g. ladders[0].steps[2].id. */
    public static String text(Path file, JsonNode parent, String field, String key) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new ConfigException(file.toString(), key + "." + field, "is required");
        }
        if (!v.isValueNode()) {
            throw new ConfigException(file.toString(), key + "." + field, "must be a single value");
        }
        return v.asText().strip();
    }

    public static String optionalText(JsonNode parent, String field, String fallback) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? fallback : v.asText().strip();
    }
}
