package io.dunninghub.render;

import io.dunninghub.common.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * validate's check of the templates folder: every file renders in its folder's locale against a model, every
 * template has the parts its channel needs, and no file is a part its channel does not have.
 */
public final class TemplateCheck {

    private TemplateCheck() {
    }

    /** {@link #all(TemplateRenderer, Function)} against {@link TemplateModel#sample(String)}. */
    public static List<ConfigException> all(TemplateRenderer renderer) {
        return all(renderer, TemplateModel::sample);
    }

    /**
     * One problem per file, naming the file; empty when all is well. Each file renders against its folder's
     * sample twice: with the sample's history and with none, since a first notice has nothing to refer back to.
     */
    public static List<ConfigException> all(TemplateRenderer renderer, Function<String, TemplateModel> samples) {
        Path dir = renderer.templatesDir();
        List<ConfigException> problems = new ArrayList<>();
        List<String> files;
        try {
            files = renderer.files();
        } catch (IOException e) {
            return List.of(ConfigException.of(dir + ": cannot read: " + e.getMessage()));
        }
        // locale/template.channel → the part suffixes present
        Map<String, Set<String>> groups = new TreeMap<>();
        for (String name : files) {
            Path file = dir.resolve(name);
            Path rel = Path.of(name);
            if (rel.getNameCount() != 2) {
                problems.add(ConfigException.of(file + ": not in a <locale>/ folder"));
                continue;
            }
            String locale = rel.getName(0).toString();
            String[] bits = rel.getFileName().toString().split("\\.");
            if (bits.length < 3) {
                problems.add(ConfigException.of(file + ": name is not <template>.<channel>[.<part>].ftl"));
                continue;
            }
            groups.computeIfAbsent(locale + "/" + bits[0] + "." + bits[1], k -> new LinkedHashSet<>())
                    .add(String.join(".", List.of(bits).subList(1, bits.length - 1)));
            TemplateModel sample = samples.apply(locale);
            try {
                renderer.check(name, locale, sample.asMap());
                renderer.check(name, locale, sample.withHistory(TemplateModel.History.NONE).asMap());
            } catch (TemplateFailure e) {
                problems.add(ConfigException.of(file + ": " + e.getMessage()));
            }
        }
        groups.forEach((group, present) -> {
            String template = group.substring(0, group.lastIndexOf('.'));
            String channel = group.substring(group.lastIndexOf('.') + 1);
            List<TemplateParts.Part> parts = TemplateParts.of(channel);
            for (TemplateParts.Part part : parts) {
                if (part.required() && !present.contains(part.suffix())) {
                    problems.add(ConfigException.of(dir.resolve(part.file(template)) + ": missing (" + channel
                            + " needs it)"));
                }
            }
            present.stream()
                    .filter(s -> parts.stream().noneMatch(p -> p.suffix().equals(s)))
                    .forEach(s -> problems.add(ConfigException.of(dir.resolve(template + "." + s + ".ftl")
                            + ": unknown part for channel " + channel)));
        });
        return problems;
    }
}
