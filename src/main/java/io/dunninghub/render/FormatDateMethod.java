package io.dunninghub.render;

import freemarker.core.Environment;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code formatDate(iso, pattern)} in every template: a {@code yyyy-MM-dd} date of the model written with a
 * {@link DateTimeFormatter} pattern in the message's locale ({@code formatDate(debt.oldestDueDate, "MMMM d, yyyy")}
 * → {@code October 3, 2026}; {@code "yyyy年M月d日"} → {@code 2026年10月3日}). It gives what
 * {@code iso?date("yyyy-MM-dd")?string(pattern)} gives for these patterns, without parsing and formatting through
 * {@code java.text} for every date printed: that was a quarter of the rendering time. Formatters are kept per
 * pattern and locale (they are immutable and thread-safe).
 */
final class FormatDateMethod implements TemplateMethodModelEx {

    static final String NAME = "formatDate";

    private final Map<String, DateTimeFormatter> formatters = new ConcurrentHashMap<>();

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.size() != 2) {
            throw new TemplateModelException(NAME + " takes 2 arguments (a yyyy-MM-dd date and a pattern), not "
                    + arguments.size());
        }
        String iso = text(arguments.get(0), "its first argument, the date");
        String pattern = text(arguments.get(1), "its second argument, the pattern");
        Environment env = Environment.getCurrentEnvironment();
        Locale locale = env == null ? Locale.ROOT : env.getLocale();
        DateTimeFormatter formatter;
        try {
            formatter = formatters.computeIfAbsent(pattern + '\u0000' + locale.toLanguageTag(),
                    k -> DateTimeFormatter.ofPattern(pattern, locale));
        } catch (IllegalArgumentException e) {
            throw new TemplateModelException(NAME + ": not a date pattern: " + e.getMessage());
        }
        try {
            return formatter.format(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            // the value is personal data: the message names what was expected, not what came
            throw new TemplateModelException(NAME + ": its first argument is not a yyyy-MM-dd date");
        }
    }

    private static String text(Object argument, String what) throws TemplateModelException {
        if (argument instanceof TemplateScalarModel s) {
            String v = s.getAsString();
            if (v != null) {
                return v.strip();
            }
        }
        throw new TemplateModelException(NAME + ": " + what + " is missing or not a string");
    }
}
