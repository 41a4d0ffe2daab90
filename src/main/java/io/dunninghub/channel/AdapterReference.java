package io.dunninghub.channel;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The reference's tables of adapters and their options (docs/reference/providers.md, between the markers
 * {@link #BEGIN} and {@link #END}), made from {@link AdapterCatalog}: a test fails when the two disagree.
 */
public final class AdapterReference {

    public static final String BEGIN = "<!-- adapter catalog: generated from the code, do not edit by hand -->";
    public static final String END = "<!-- end of adapter catalog -->";

    private AdapterReference() {
    }

    /** The markdown between the markers, markers included. */
    public static String markdown() {
        StringBuilder md = new StringBuilder(BEGIN).append("\n\n");
        md.append("| adapter | channels | provider |\n|---|---|---|\n");
        for (AdapterType t : AdapterCatalog.ALL) {
            md.append("| [`").append(t.name()).append("`](#adapter-").append(t.name()).append(") | ")
                    .append(t.channels().isEmpty() ? "any" : String.join(", ", t.channels().stream().sorted().toList()))
                    .append(" | ").append(firstSentence(t.summary())).append(" |\n");
        }
        for (AdapterType t : AdapterCatalog.ALL) {
            md.append("\n### adapter `").append(t.name()).append("`\n\n").append(escape(t.summary())).append("\n\n");
            md.append("| option | type | default | |\n|---|---|---|---|\n");
            for (AdapterOption o : t.options()) {
                md.append("| `").append(o.name()).append("` | ").append(type(o)).append(" | ")
                        .append(required(t.options(), o)).append(" | ").append(escape(o.doc())).append(" |\n");
            }
        }
        return md.append("\n").append(END).toString();
    }

    private static String required(List<AdapterOption> all, AdapterOption o) {
        if (AdapterOption.REQUIRED.equals(o.oneOf())) {
            return "required";
        }
        if (!o.oneOf().isEmpty()) {
            String others = all.stream().filter(x -> x != o && x.oneOf().equals(o.oneOf()))
                    .map(x -> "`" + x.name() + "`").collect(Collectors.joining(" or "));
            return "this or " + others + " required";
        }
        return o.defaultValue().isEmpty() ? "none" : code(o.defaultValue());
    }

    private static String type(AdapterOption o) {
        return switch (o.type()) {
            case TEXT -> "text";
            case SECRET -> "secret (use a placeholder)";
            case POSITIVE_INTEGER -> "whole number ≥ 1";
            case COUNT -> "whole number ≥ 0";
            case BOOLEAN -> "true / false";
            case URL -> "http(s) URL";
            case ENUM -> String.join(" / ", o.values());
            case JSON_OBJECT -> "JSON object template";
            case JSON_ARRAY -> "JSON array template";
            case JSON_POINTER -> "JSON pointer";
            case ZONE -> "IANA time zone";
            case READABLE_FILE -> "readable file";
        };
    }

    /** A default that is a value is shown as code; one that is a description ("the key file's …") is not. */
    private static String code(String v) {
        return v.startsWith("the ") || v.contains("'s ") ? escape(v) : "`" + v + "`";
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String firstSentence(String s) {
        int dot = s.indexOf(". ");
        int colon = s.indexOf(": ");
        int end = dot < 0 ? s.length() : dot;
        if (colon >= 0 && colon < end) {
            end = colon;
        }
        return escape(s.substring(0, end).replaceAll("\\.$", ""));
    }
}
