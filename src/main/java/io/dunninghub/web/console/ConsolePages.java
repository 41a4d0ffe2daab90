package io.dunninghub.web.console;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * The console's pages: FreeMarker templates under {@code /console/} (HTML auto-escaped), with the UI strings of
 * one language from {@code console/strings*.properties} as {@code t}. English and Chinese; the language comes
 * from {@code ?lang=}, then the language cookie, then Accept-Language.
 */
public final class ConsolePages {

    /** The UI languages, the first the fallback. */
    public static final List<String> LANGUAGES = List.of("en", "zh");

    private final Configuration freemarker = new Configuration(Configuration.VERSION_2_3_34);
    private final Map<String, Map<String, String>> strings = new HashMap<>();

    public ConsolePages() {
        freemarker.setTemplateLoader(new ClassTemplateLoader(ConsolePages.class, "/console"));
        freemarker.setOutputFormat(HTMLOutputFormat.INSTANCE);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setURLEscapingCharset("UTF-8");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        freemarker.setNumberFormat("computer");
        for (String lang : LANGUAGES) {
            strings.put(lang, strings(lang));
        }
    }

    /** The strings of a language, key → text (the bundle files are UTF-8). */
    public static Map<String, String> strings(String lang) {
        ResourceBundle b = ResourceBundle.getBundle("console.strings", Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> m = new TreeMap<>();
        for (String k : Collections.list(b.getKeys())) {
            m.put(k, b.getString(k));
        }
        return m;
    }

    /** One UI string. */
    public String text(String lang, String key) {
        return strings.get(lang).getOrDefault(key, key);
    }

    /** The language of a request: an explicit choice, else the first of Accept-Language the console speaks. */
    public static String language(String query, String cookie, String acceptLanguage) {
        if (query != null && LANGUAGES.contains(query)) {
            return query;
        }
        if (cookie != null && LANGUAGES.contains(cookie)) {
            return cookie;
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
                    String primary = r.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (LANGUAGES.contains(primary)) {
                        return primary;
                    }
                }
            } catch (IllegalArgumentException e) {
                // a malformed header is no preference
            }
        }
        return LANGUAGES.get(0);
    }

    /** Renders {@code <page>.ftlh} with the model, the language's strings as {@code t} and {@code lang}. */
    public String render(String page, String lang, Map<String, Object> model) {
        Map<String, Object> m = new HashMap<>(model);
        m.put("t", strings.get(lang));
        m.put("lang", lang);
        try {
            Template template = freemarker.getTemplate(page + ".ftlh");
            StringWriter out = new StringWriter();
            template.process(m, out);
            return out.toString();
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("console page " + page + " could not be rendered: " + e.getMessage(), e);
        }
    }
}
