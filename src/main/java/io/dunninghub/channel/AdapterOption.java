package io.dunninghub.channel;

import io.dunninghub.channel.http.JsonTemplate;
import io.dunninghub.channel.http.MessageValues;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * One option an adapter takes in providers.yaml: its name, what kind of value it is, its default and what it
 * does. {@code providers.yaml} is checked against these, and the reference's option tables are made from them.
 *
 * @param name     the option's key; {@code header.*} stands for every key starting with {@code header.}
 * @param type     what the value must be
 * @param defaultValue what the adapter uses when the option is absent, as the reference shows it ("" = none)
 * @param oneOf    options with the same non-empty group are alternatives of which one is required;
 *                 {@link #REQUIRED} alone means this option is required
 * @param values   the allowed values of an {@link Type#ENUM}, in lower case
 * @param doc      what it does, for the reference
 */
public record AdapterOption(String name, Type type, String defaultValue, String oneOf, List<String> values,
                            String doc) {

    /** The group of an option that is required on its own. */
    public static final String REQUIRED = "required";

    public enum Type {
        TEXT, SECRET, POSITIVE_INTEGER, COUNT, BOOLEAN, URL, ENUM, JSON_OBJECT, JSON_ARRAY, JSON_POINTER, ZONE,
        READABLE_FILE
    }

    public AdapterOption {
        values = List.copyOf(values);
    }

    public static AdapterOption of(String name, Type type, String doc) {
        return new AdapterOption(name, type, "", "", List.of(), doc);
    }

    public static AdapterOption choice(String name, String defaultValue, List<String> values, String doc) {
        return new AdapterOption(name, Type.ENUM, defaultValue, "", values, doc);
    }

    public AdapterOption required() {
        return new AdapterOption(name, type, defaultValue, REQUIRED, values, doc);
    }

    /** One of the options of {@code group} is required. */
    public AdapterOption oneOf(String group) {
        return new AdapterOption(name, type, defaultValue, group, values, doc);
    }

    public AdapterOption defaultsTo(String value) {
        return new AdapterOption(name, type, value, oneOf, values, doc);
    }

    public boolean isPattern() {
        return name.endsWith(".*");
    }

    /** Whether {@code key} is this option (or, for a pattern, one of its keys). */
    public boolean matches(String key) {
        return isPattern() ? key.startsWith(name.substring(0, name.length() - 1)) && key.length() > name.length() - 1
                : key.equals(name);
    }

    /** Why {@code value} is not a value of this option, or null when it is. */
    String problem(String value) {
        String v = value.strip();
        switch (type) {
            case POSITIVE_INTEGER, COUNT -> {
                try {
                    int i = Integer.parseInt(v);
                    if (i < (type == Type.COUNT ? 0 : 1)) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    return "must be a " + (type == Type.COUNT ? "whole number of 0 or more" : "positive whole number")
                            + ", not '" + value + "'";
                }
            }
            case BOOLEAN -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    return "must be true or false, not '" + value + "'";
                }
            }
            case URL -> {
                try {
                    URI u = URI.create(v);
                    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    return "'" + value + "' is not an http(s) URL";
                }
            }
            case ENUM -> {
                if (!values.contains(v.toLowerCase(Locale.ROOT))) {
                    return "must be one of " + String.join(", ", values.stream().sorted().toList()) + ", not '" + value
                            + "'";
                }
            }
            case JSON_OBJECT, JSON_ARRAY -> {
                try {
                    JsonTemplate t = JsonTemplate.parse(v, MessageValues.ROOTS);
                    if ((type == Type.JSON_ARRAY) != t.isArray()) {
                        return type == Type.JSON_ARRAY ? "must be a JSON array of parameters" : "must be a JSON object";
                    }
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
            case JSON_POINTER -> {
                if (!v.startsWith("/")) {
                    return "must be a JSON pointer like /data/id, not '" + value + "'";
                }
            }
            case ZONE -> {
                try {
                    ZoneId.of(v);
                } catch (DateTimeException e) {
                    return "'" + value + "' is not an IANA time zone";
                }
            }
            case READABLE_FILE -> {
                if (!Files.isReadable(Path.of(v))) {
                    return "cannot read " + value;
                }
            }
            default -> {
                // text and secrets: any value
            }
        }
        return null;
    }
}
