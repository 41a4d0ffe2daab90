package io.dunninghub.render;

import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.cache.StringTemplateLoader;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.utility.NullWriter;
import freemarker.template.utility.StringUtil;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a notice's template for its channel and the borrower's locale from
 * {@code <templatesDir>/<locale>/<template>.<channel>[.<part>].ftl} ({@link TemplateParts} says which parts a
 * channel has); {@code <locale>/*.ftli} files hold pieces the templates of a locale include. A letter, and an e-mail's attachment part, are laid out as a PDF by {@link LetterLayout} and
 * {@link LetterPdfWriter}; {@link TemplateCheck} renders every file against the sample model for validate.
 * Thread-safe: FreeMarker's configuration and template cache are shared by all dispatch threads.
 */
public class TemplateRenderer {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final Path templatesDir;
    private final String defaultLocale;
    private final LetterPdfWriter letterPdf;
    private final Configuration freemarker;
    // the frame a message's parts are rendered in: it only calls EACH_PART
    private final Template message;
    private static final String EACH_PART = "hub_each_part";
    // the template files as read at construction (a snapshot), or null when FreeMarker reads the folder itself
    private final Map<String, String> snapshot;

    public TemplateRenderer(Path templatesDir, String defaultLocale, LetterPdfWriter letterPdf) {
        this(templatesDir, defaultLocale, letterPdf, null);
    }

    private TemplateRenderer(Path templatesDir, String defaultLocale, LetterPdfWriter letterPdf,
                             Map<String, String> snapshot) {
        if (!Files.isDirectory(templatesDir)) {
            throw new IllegalArgumentException("templates directory not found: " + templatesDir);
        }
        this.templatesDir = templatesDir;
        this.defaultLocale = languageTag(defaultLocale);
        this.letterPdf = Objects.requireNonNull(letterPdf, "letterPdf");
        this.snapshot = snapshot;
        this.freemarker = configure(templatesDir, snapshot);
        try {
            this.message = new Template("(message)", new java.io.StringReader("<@" + EACH_PART + "/>"), freemarker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A renderer of the templates as they are now: every file is read into memory, so later edits on disk
     * change nothing until a new snapshot is taken (the live reload validates the new one first).
     */
    public static TemplateRenderer snapshot(Path templatesDir, String defaultLocale, LetterPdfWriter letterPdf) {
        if (!Files.isDirectory(templatesDir)) {
            throw new IllegalArgumentException("templates directory not found: " + templatesDir);
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(templatesDir)) {
            // .ftli files are shared pieces (date and money formats, the salutation) that templates include
            for (Path p : walk.filter(f -> Files.isRegularFile(f)
                    && (f.toString().endsWith(".ftl") || f.toString().endsWith(".ftli"))).toList()) {
                files.put(templatesDir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("templates directory " + templatesDir + ": cannot read: " + e.getMessage());
        }
        return new TemplateRenderer(templatesDir, defaultLocale, letterPdf, Map.copyOf(files));
    }

    /** Lays out letters; its font and paper are start-up settings, so every snapshot shares it. */
    public LetterPdfWriter letterPdf() {
        return letterPdf;
    }

    private static Configuration configure(Path dir, Map<String, String> snapshot) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        if (snapshot == null) {
            try {
                cfg.setDirectoryForTemplateLoading(dir.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            StringTemplateLoader loader = new StringTemplateLoader();
            snapshot.forEach(loader::putTemplate);
            cfg.setTemplateLoader(loader);
        }
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocalizedLookup(false); // the locale is the folder, not a file-name suffix
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("computer"); // days past due print as 5; money is formatted explicitly as 0.00
        cfg.setTimeZone(TimeZone.getTimeZone("UTC")); // dates in the model are plain yyyy-MM-dd strings
        // Templates are ops-edited config: no Java object creation or API access from them.
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        cfg.setSharedVariable(FormatDateMethod.NAME, new FormatDateMethod());
        TemplateConfiguration html = new TemplateConfiguration();
        html.setOutputFormat(HTMLOutputFormat.INSTANCE);
        // HTML parts, and the HTML pieces they include, escape every value
        cfg.setTemplateConfigurations(new ConditionalTemplateConfigurationFactory(new freemarker.cache.OrMatcher(
                new FileNameGlobMatcher("*.html.ftl"), new FileNameGlobMatcher("*.html.ftli")), html));
        return cfg;
    }

    public RenderedMessage render(String template, String channel, String locale, TemplateModel model)
            throws TemplateFailure {
        return render(template, channel, locale, model, true);
    }

    /** As {@link #render}, without laying a letter out as a PDF: for readings of the words only. */
    RenderedMessage renderWords(String template, String channel, String locale, TemplateModel model)
            throws TemplateFailure {
        return render(template, channel, locale, model, false);
    }

    private RenderedMessage render(String template, String channel, String locale, TemplateModel model, boolean layOut)
            throws TemplateFailure {
        if (template == null || channel == null || !NAME.matcher(template).matches() || !NAME.matcher(channel).matches()) {
            throw new TemplateFailure("TEMPLATE_MISSING", "invalid template or channel name: " + template + "/" + channel, null);
        }
        List<TemplateParts.Part> parts = TemplateParts.of(channel);
        String mainFile = parts.get(0).file(template);
        String resolved = candidateLocales(locale).stream()
                .filter(l -> exists(l + "/" + mainFile))
                .findFirst()
                .orElseThrow(() -> new TemplateFailure("TEMPLATE_MISSING",
                        "no template " + mainFile + " for locale " + locale + " or its fallbacks in " + templatesDir, null));

        Map<TemplateParts.Role, Template> found = new LinkedHashMap<>();
        for (TemplateParts.Part part : parts) {
            Template t = load(resolved + "/" + part.file(template), part.required());
            if (t != null) {
                found.put(part.role(), t);
            }
        }
        Map<TemplateParts.Role, String> out = processParts(found, resolved, model.asMap());
        String subject = out.get(TemplateParts.Role.SUBJECT);
        String text = out.get(TemplateParts.Role.TEXT);
        byte[] pdf = null;
        // a letter is laid out as a PDF; so is an e-mail's attachment part (the formal notice as a letter)
        String document = "letter".equals(channel) ? text : out.get(TemplateParts.Role.ATTACHMENT);
        if ("letter".equals(channel)) {
            subject = text.lines().filter(l -> !l.isBlank()).findFirst().map(String::strip).orElse("");
        }
        if (layOut && document != null && !document.isBlank()) {
            try {
                pdf = letterPdf.write(LetterLayout.letter(model, resolved, document));
            } catch (IllegalStateException e) { // layout problems fail this notice only
                throw new TemplateFailure("TEMPLATE_ERROR", e.getMessage(), e);
            }
        }
        return new RenderedMessage(template, channel, resolved, subject, text, out.get(TemplateParts.Role.HTML), pdf);
    }

    /** Exact locale, then its language alone, then the default; {@code zh_CN} is read as {@code zh-CN}. */
    List<String> candidateLocales(String locale) {
        Set<String> candidates = new LinkedHashSet<>();
        if (locale != null && !locale.isBlank()) {
            Locale l = Locale.forLanguageTag(locale.strip().replace('_', '-'));
            if (!l.getLanguage().isEmpty()) {
                candidates.add(l.toLanguageTag());
                if (!l.getScript().isEmpty() && !l.getCountry().isEmpty()) {
                    candidates.add(l.getLanguage() + "-" + l.getCountry()); // zh-Hant-TW → zh-TW
                }
                candidates.add(l.getLanguage());
            }
        }
        candidates.add(defaultLocale);
        return List.copyOf(candidates);
    }

    private static String languageTag(String locale) {
        return Locale.forLanguageTag(locale.strip().replace('_', '-')).toLanguageTag();
    }

    private boolean exists(String name) {
        try {
            return freemarker.getTemplate(name, null, null, true, true) != null;
        } catch (IOException e) {
            return true; // present but broken: let load() report it as TEMPLATE_ERROR
        }
    }

    private Template load(String name, boolean required) throws TemplateFailure {
        try {
            Template t = freemarker.getTemplate(name, null, null, true, true);
            if (t == null && required) {
                throw new TemplateFailure("TEMPLATE_MISSING", "missing template part " + name + " in " + templatesDir, null);
            }
            return t;
        } catch (ParseException e) {
            throw new TemplateFailure("TEMPLATE_ERROR", "Syntax error: " + oneLine(e.getEditorMessage())
                    + where(e.getTemplateName(), e.getLineNumber(), e.getColumnNumber()), e);
        } catch (IOException e) {
            throw new TemplateFailure("TEMPLATE_ERROR", "cannot read template " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renders a message's parts in one FreeMarker environment, each into its own text: what the parts share (the
     * {@code _lib.ftli} a part includes, the date formats it parses and prints with) is set up once per message,
     * not once per part. A {@code _lib.ftli} that guards its assignments with {@code <#if !libDone??>} runs them
     * once; the parts see one namespace, as the pieces of one message.
     */
    private Map<TemplateParts.Role, String> processParts(Map<TemplateParts.Role, Template> parts, String locale,
                                                         Map<String, Object> model) throws TemplateFailure {
        Map<TemplateParts.Role, String> out = new LinkedHashMap<>();
        TemplateDirectiveModel eachPart = (env, params, loopVars, body) -> {
            for (Map.Entry<TemplateParts.Role, Template> part : parts.entrySet()) {
                StringWriter text = new StringWriter();
                env.setOut(text);
                env.include(part.getValue());
                out.put(part.getKey(), text.toString().strip());
            }
        };
        try {
            Environment env = message.createProcessingEnvironment(model, NullWriter.INSTANCE);
            env.setLocale(Locale.forLanguageTag(locale));
            env.setGlobalVariable(EACH_PART, eachPart);
            env.process();
        } catch (TemplateException e) {
            // No cause: FreeMarker's exceptions can quote model values, and a logged stack trace would show them.
            throw new TemplateFailure("TEMPLATE_ERROR", redact(describe(e), model), null);
        } catch (IOException e) {
            throw new TemplateFailure("TEMPLATE_ERROR", "cannot write a part of " + parts.values().iterator().next()
                    .getName() + ": " + e.getMessage(), null);
        }
        return out;
    }

    private void process(Template t, String locale, Map<String, Object> model, Writer out) throws TemplateFailure {
        try {
            Environment env = t.createProcessingEnvironment(model, out);
            env.setLocale(Locale.forLanguageTag(locale));
            env.process();
        } catch (TemplateException e) {
            // No cause: FreeMarker's exceptions can quote model values, and a logged stack trace would show them.
            throw new TemplateFailure("TEMPLATE_ERROR", redact(describe(e), model), null);
        } catch (IOException e) {
            throw new TemplateFailure("TEMPLATE_ERROR", "cannot write " + t.getName() + ": " + e.getMessage(), null);
        }
    }

    /** FreeMarker's description without its tips, then the failing expression and where it is. */
    private static String describe(TemplateException e) {
        String message = oneLine(e.getMessageWithoutStackTop());
        if (!message.contains("==>")) {
            String failedAt = e.getBlamedExpressionString();
            String stack = e.getFTLInstructionStack();
            if (failedAt == null && stack != null && stack.contains("Failed at: ")) {
                failedAt = stack.substring(stack.indexOf("Failed at: ") + 11).split(" {2}\\[in template|\\R")[0];
            }
            if (failedAt != null) {
                message += " ==> " + failedAt.strip();
            }
        }
        if (!message.contains("[in template")) {
            message += where(e.getTemplateSourceName(), e.getLineNumber(), e.getColumnNumber());
        }
        return message;
    }

    private static String where(String template, Integer line, Integer column) {
        return " [in template \"" + template + "\" at line " + line + ", column " + column + "]";
    }

    private static String oneLine(String message) {
        String m = message == null ? "" : message;
        int tips = m.indexOf("\n----");
        return (tips >= 0 ? m.substring(0, tips) : m).replaceAll("\\s+", " ").strip();
    }

    /**
     * FreeMarker quotes the failing expression, which is fine, but some built-ins (?number, ?date) also quote
     * the value they failed on, and model values are personal data: blank out every quoted model value.
     */
    private static String redact(String message, Map<String, Object> model) {
        List<String> values = new ArrayList<>();
        collectValues(model, values);
        String m = message;
        for (String v : values) {
            m = m.replace(StringUtil.jQuote(v), "\"***\"");
        }
        return m;
    }

    private static void collectValues(Object v, List<String> values) {
        if (v instanceof Map<?, ?> m) {
            m.values().forEach(x -> collectValues(x, values));
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> collectValues(x, values));
        } else if (v instanceof BigDecimal d) {
            values.add(d.toPlainString());
        } else if (v instanceof CharSequence || v instanceof Number) {
            values.add(v.toString());
        }
    }

    /** Renders one template file in a locale against a model, writing nothing; for {@link TemplateCheck}. */
    void check(String name, String locale, Map<String, Object> model) throws TemplateFailure {
        process(load(name, true), locale, model, NullWriter.INSTANCE);
    }

    /** Every template file, relative to the templates folder ({@code en/overdue_early.sms.ftl}), sorted. */
    List<String> files() throws IOException {
        if (snapshot != null) {
            return snapshot.keySet().stream().filter(n -> n.endsWith(".ftl")).sorted().toList();
        }
        try (Stream<Path> walk = Files.walk(templatesDir)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".ftl"))
                    .map(p -> templatesDir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** The locale folders templates exist in ({@code en}, {@code zh-CN} …), sorted; the default among them. */
    public List<String> locales() {
        try {
            return files().stream().filter(f -> f.indexOf('/') > 0).map(f -> f.substring(0, f.indexOf('/')))
                    .distinct().sorted().toList();
        } catch (IOException e) {
            return List.of(defaultLocale);
        }
    }

    Path templatesDir() {
        return templatesDir;
    }

    /**
     * SHA-256 of the template files a message of {@code template} for {@code channel} in {@code locale} (the
     * resolved folder, {@link RenderedMessage#locale()}) is rendered from: its parts and the locale's shared
     * {@code .ftli} pieces, each as {@code name NUL text NUL}, by name. The same files give the same hash, so a
     * complaint can be answered with the template version that was in force.
     */
    public String templateSha256(String template, String channel, String locale) {
        return templateHashes.computeIfAbsent(locale + "/" + template + "." + channel, k -> {
            Set<String> parts = new java.util.HashSet<>();
            TemplateParts.of(channel).forEach(p -> parts.add(locale + "/" + p.file(template)));
            java.util.SortedMap<String, String> used = new TreeMap<>();
            templateFiles().forEach((name, text) -> {
                if (parts.contains(name) || name.startsWith(locale + "/") && name.endsWith(".ftli")) {
                    used.put(name, text);
                }
            });
            return sha256(used);
        });
    }

    /** SHA-256 of every template file of this snapshot, as {@link #templateSha256} hashes a template's. */
    public String snapshotSha256() {
        return sha256(new TreeMap<>(templateFiles()));
    }

    private final Map<String, String> templateHashes = new java.util.concurrent.ConcurrentHashMap<>();

    private Map<String, String> templateFiles() {
        if (snapshot != null) {
            return snapshot;
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(templatesDir)) {
            for (Path p : walk.filter(f -> Files.isRegularFile(f)
                    && (f.toString().endsWith(".ftl") || f.toString().endsWith(".ftli"))).toList()) {
                files.put(templatesDir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String sha256(java.util.SortedMap<String, String> files) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            files.forEach((name, text) -> {
                d.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update((byte) 0);
            });
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
