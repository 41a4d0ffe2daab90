package io.dunninghub.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text-format page read back into samples, to compare metrics with the ledger. */
public final class Scrape {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final List<Sample> samples = new ArrayList<>();
    private final String text;

    public Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            samples.add(new Sample(m.group(1), labels, parse(m.group(3))));
        }
    }

    private static double parse(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }

    public String text() {
        return text;
    }

    /** Every sample of a metric whose labels include {@code labelPairs} (name, value, name, value …). */
    public List<Sample> samples(String name, String... labelPairs) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s.labels(), labelPairs)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The one sample of a metric with exactly these labels among its own; fails when there is none or several. */
    public double value(String name, String... labelPairs) {
        List<Sample> found = samples(name, labelPairs);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labelPairs));
        }
        return found.get(0).value();
    }

    /** Sum over every sample of a metric whose labels include the pairs (0 when none). */
    public double sum(String name, String... labelPairs) {
        return samples(name, labelPairs).stream().mapToDouble(Sample::value).sum();
    }

    /**
     * A metric's samples keyed by the values of {@code labels}, joined with '/', e.g. {@code sms/twilio-test}.
     * Series with a value of 0 are left out, as a ledger GROUP BY would.
     */
    public Map<String, Long> series(String name, String... labels) {
        Map<String, Long> out = new TreeMap<>();
        for (Sample s : samples(name)) {
            if (s.value() == 0) {
                continue;
            }
            List<String> key = new ArrayList<>();
            for (String l : labels) {
                key.add(s.labels().get(l));
            }
            out.merge(String.join("/", key), (long) s.value(), Long::sum);
        }
        return out;
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private static boolean matches(Map<String, String> labels, String[] pairs) {
        Map<String, String> want = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            want.put(pairs[i], pairs[i + 1]);
        }
        return want.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
