package io.dunninghub.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dunninghub.support.ProcessCpu;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The benchmark: one embedded PostgreSQL (core banking and ledger databases), loopback HTTP and SMTP
 * sinks, and for every size N the hub and the bare baseline run one after the other, each in its own
 * JVM, on the same generated rows. Prints a markdown table and writes it to bench/results/latest.md.
 */
public final class BenchMain {

    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    private final Path repo = Path.of("").toAbsolutePath();
    private final Path results = repo.resolve("bench/results");
    private final Path work = repo.resolve("target/bench");
    private final List<Long> sizes = new ArrayList<>();
    private final List<String> sides = new ArrayList<>(List.of("hub", "baseline"));
    private String smtpKind = "sink";
    private String heap = "1g";
    private String output = "latest.md";
    private boolean pdfAttachments;
    private final List<String> overrides = new ArrayList<>();
    private double slowFraction = 0.02;
    private long slowMs = 5000;
    private long history;
    private EmbeddedPostgres pg;
    private HttpSink http;
    private SmtpSink smtp;
    private GreenMail greenMail;

    public static void main(String[] args) throws Exception {
        BenchMain bench = new BenchMain();
        bench.parse(args);
        try {
            bench.run();
        } finally {
            bench.stop();
        }
        System.exit(0);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> {
                    for (String s : args[++i].split(",")) {
                        sizes.add(parseSize(s));
                    }
                }
                case "--sides" -> {
                    sides.clear();
                    sides.addAll(List.of(args[++i].split(",")));
                }
                case "--smtp" -> smtpKind = args[++i];
                case "--heap" -> heap = args[++i];
                case "--out" -> output = args[++i];
                case "--set" -> overrides.add(args[++i]);
                case "--pdf" -> pdfAttachments = true;
                case "--slow-fraction" -> slowFraction = Double.parseDouble(args[++i]);
                case "--slow-ms" -> slowMs = Long.parseLong(args[++i]);
                case "--history" -> history = parseSize(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --n N[,N...], --sides hub,baseline,limit[,<side>-slow,<side>-history], --smtp sink|greenmail, "
                        + "--heap 1g, --out FILE, --set key=value, --pdf, --slow-fraction 0.02, --slow-ms 5000, --history N)");
            }
        }
        if (sizes.isEmpty()) {
            sizes.addAll(List.of(100_000L, 1_000_000L));
        }
        for (String side : sides) {
            if (!List.of("hub", "baseline", "limit").contains(kind(side))) {
                throw new IllegalArgumentException("unknown side " + side + " (hub, baseline, limit, each optionally -slow or -history)");
            }
            if (side.endsWith("-history") && history <= 0) {
                throw new IllegalArgumentException("side " + side + " needs --history N");
            }
        }
    }

    /** hub, baseline or limit: what runs, whatever the variant ({@code -slow}: slow answers; {@code -history}: a filled ledger). */
    static String kind(String side) {
        return side.replaceFirst("-(slow|history)$", "");
    }

    static long parseSize(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT).replace("_", "");
        if (t.endsWith("k")) {
            return Long.parseLong(t.substring(0, t.length() - 1)) * 1_000;
        }
        if (t.endsWith("m")) {
            return Long.parseLong(t.substring(0, t.length() - 1)) * 1_000_000;
        }
        return Long.parseLong(t);
    }

    private void run() throws Exception {
        Files.createDirectories(results);
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        pg = EmbeddedPostgres.builder()
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .start();
        http = new HttpSink();
        LongSupplier mails;
        int smtpPort;
        if (smtpKind.equals("greenmail")) {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            greenMail.start();
            smtpPort = greenMail.getSmtp().getPort();
            mails = () -> greenMail.getReceivedMessages().length;
        } else {
            smtp = new SmtpSink();
            smtpPort = smtp.port();
            mails = smtp.messages::get;
        }
        log("PostgreSQL on port %d, HTTP sink %s, SMTP %s on port %d", pg.getPort(), http.baseUrl(), smtpKind, smtpPort);
        List<Map<String, String>> rows = new ArrayList<>();
        for (long n : sizes) {
            String coreDb = "core_" + n;
            recreate(coreDb);
            LocalDate businessDate = LocalDate.now(BUSINESS_ZONE);
            long g = System.nanoTime();
            CoreBankGenerator.generate(pg.getDatabase("postgres", coreDb), n, businessDate);
            long expected = CoreBankGenerator.expectedNotices(n);
            log("N=%,d: generated %,d installments for %,d borrowers in %.1f s; the ladder gives %,d notices (%.2f per installment)",
                    n, n, (n + 1) / 2, (System.nanoTime() - g) / 1e9, expected, expected / (double) n);
            for (String side : sides) {
                String ledgerDb = "ledger_" + side.replace('-', '_') + "_" + n;
                recreate(ledgerDb);
                Path dir = prepare(side, n, coreDb, ledgerDb, smtpPort);
                Map<String, String> archived = Map.of();
                if (side.endsWith("-history")) {
                    long h = System.nanoTime();
                    HistoryFill.fill(pg.getDatabase("postgres", ledgerDb), history, n, businessDate);
                    log("N=%,d: %s ledger filled with %,d final notices of earlier months in %.1f s", n, side, history,
                            (System.nanoTime() - h) / 1e9);
                    archived = HistoryFill.archive(pg.getDatabase("postgres", ledgerDb), dir.resolve("config"),
                            BenchMain::log);
                }
                http.slow(side.endsWith("-slow") ? slowFraction : 0, slowMs);
                long sms0 = http.sms.get(), push0 = http.push.get(), mail0 = mails.getAsLong();
                long slow0 = http.slowAnswered.get();
                long pg0 = postgresCpuMillis();
                long sinkCpu0 = ownCpuMillis();
                long machine0 = machineBusyMillis();
                log("N=%,d: %s side starting (log: %s)", n, side, results.resolve(side + "-" + n + ".log"));
                Map<String, String> r = runSide(side, n, dir);
                r.putAll(archived);
                r.put("pg.cpu-ms", Long.toString(postgresCpuMillis() - pg0));
                r.put("sinks.cpu-ms", Long.toString(ownCpuMillis() - sinkCpu0));
                r.put("machine.cpu-ms", Long.toString(machineBusyMillis() - machine0));
                long sinkSms = http.sms.get() - sms0, sinkPush = http.push.get() - push0, sinkMail = mails.getAsLong() - mail0;
                r.put("sink.sms", Long.toString(sinkSms));
                r.put("sink.push", Long.toString(sinkPush));
                r.put("sink.email", Long.toString(sinkMail));
                r.put("sink.slow", Long.toString(http.slowAnswered.get() - slow0));
                // when the last answer that was not made slow went out: the others' rate ends there
                long lastFast = Math.max(http.lastFastMillis.get(), smtp == null ? 0 : smtp.lastMillis.get());
                r.put("sink.last-fast-epoch-ms", Long.toString(lastFast));
                r.put("expected", Long.toString(expected));
                // the -history sides' pre-filled notices (provider 'history') are not this run's
                r.put("ledger.sent", Long.toString(count(ledgerDb, "SELECT COUNT(*) FROM notice WHERE status = 'SENT' "
                        + "AND provider IS DISTINCT FROM 'history'")));
                r.put("ledger.events", Long.toString(count(ledgerDb, "SELECT COUNT(*) FROM notice_event")));
                r.put("side", side);
                r.put("n", Long.toString(n));
                rows.add(r);
                log("N=%,d: %s done: plan %.1f s, dispatch %.1f s; sinks took sms %,d push %,d e-mail %,d; ledger SENT %,d of %,d",
                        n, side, ms(r, "plan.ms") / 1e3, ms(r, "dispatch.ms") / 1e3, sinkSms, sinkPush, sinkMail,
                        ms(r, "ledger.sent"), expected);
                drop(ledgerDb);
                // a long run leaves its figures so far behind, should it be stopped before the end
                Files.writeString(results.resolve(output), Report.markdown(rows, sides, smtpKind, heap, overrides,
                        (System.nanoTime() - t0) / 1e9) + "\n(partial: the run was still going)\n");
            }
            drop(coreDb);
        }
        if (pdfAttachments) {
            overrides.add("formal e-mails carry the PDF notice (--pdf)");
        }
        if (sides.stream().anyMatch(x -> x.endsWith("-slow"))) {
            overrides.add(String.format(Locale.ROOT, "-slow sides: %.3f of HTTP answers after %d ms", slowFraction, slowMs));
        }
        if (history > 0) {
            overrides.add(String.format(Locale.ROOT, "-history sides: ledger pre-filled with %,d final notices", history));
        }
        String report = Report.markdown(rows, sides, smtpKind, heap, overrides, (System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println(report);
        Files.writeString(results.resolve(output), report);
        log("written %s", results.resolve(output));
    }

    /** The side's config folder: bench/config + the shipped templates and fonts + this run's addresses. */
    private Path prepare(String side, long n, String coreDb, String ledgerDb, int smtpPort) throws IOException {
        Path dir = work.resolve(side + "-" + n);
        deleteTree(dir);
        Path config = Files.createDirectories(dir.resolve("config"));
        Path routes = Files.createDirectories(dir.resolve("routes"));
        copyTree(repo.resolve("bench/config"), config);
        copyTree(repo.resolve("config/templates"), config.resolve("templates"));
        copyTree(repo.resolve("config/fonts"), config.resolve("fonts"));
        if (!pdfAttachments) {
            // the formal e-mail's PDF notice is a letter's work, which the baseline does not do: left out unless --pdf
            try (Stream<Path> files = Files.walk(config.resolve("templates"))) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".email.attachment.ftl")).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.copy(repo.resolve("routes/hub.yaml"), routes.resolve("hub.yaml"));
        Files.copy(repo.resolve("bench/routes/channels.yaml"), routes.resolve("channels.yaml"));
        StringBuilder extra = new StringBuilder("\n# ---- this run (appended by the benchmark) ----\n");
        extra.append("hub.core.url = ").append(pg.getJdbcUrl("postgres", coreDb)).append('\n');
        extra.append("hub.ledger.url = ").append(pg.getJdbcUrl("postgres", ledgerDb)).append('\n');
        extra.append("bench.sink.http = ").append(http.baseUrl()).append('\n');
        extra.append("bench.sink.smtp-port = ").append(smtpPort).append('\n');
        java.util.Set<String> overridden = new java.util.HashSet<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            overridden.add(o.substring(0, eq).strip());
            extra.append(o, 0, eq).append(" = ").append(o.substring(eq + 1)).append('\n');
        }
        // a key set twice is refused at start-up: an overridden key's own line goes
        Path properties = config.resolve("application.properties");
        List<String> kept = Files.readAllLines(properties).stream()
                .filter(line -> line.indexOf('=') < 0 || !overridden.contains(line.substring(0, line.indexOf('=')).strip()))
                .toList();
        Files.write(properties, kept);
        Files.writeString(properties, extra.toString(), java.nio.file.StandardOpenOption.APPEND);
        return dir;
    }

    private Map<String, String> runSide(String side, long n, Path dir) throws Exception {
        Path out = dir.resolve("result.properties");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseG1GC"));
        String extraOpts = System.getenv("BENCH_JVM_OPTS"); // e.g. a JFR recording for profiling
        if (extraOpts != null && !extraOpts.isBlank()) {
            cmd.addAll(List.of(extraOpts.replace("{side}", side + "-" + n).strip().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        if (kind(side).equals("hub")) {
            cmd.addAll(List.of(HubSide.class.getName(), dir.resolve("config").toString(), dir.resolve("routes").toString(),
                    out.toString()));
        } else {
            cmd.addAll(List.of((kind(side).equals("limit") ? LimitSide.class : BaselineSide.class).getName(),
                    dir.resolve("config/application.properties").toString(), out.toString()));
        }
        File log = results.resolve(side + "-" + n + ".log").toFile();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log).start();
        int exit = p.waitFor();
        if (exit != 0 || !Files.exists(out)) {
            throw new IllegalStateException(side + " side exited " + exit + "; see " + log);
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(out)) {
            props.load(r);
        }
        Map<String, String> m = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> m.put(k, props.getProperty(k)));
        return m;
    }

    /**
     * CPU used by the PostgreSQL server so far: every live postgres process plus what the postmaster's
     * exited backends used (its cutime/cstime), in milliseconds.
     */
    static long postgresCpuMillis() {
        List<ProcessCpu> all = ProcessCpu.all();
        if (all == null) {
            return -1;
        }
        return all.stream().filter(p -> p.command().equals("postgres"))
                .mapToLong(p -> p.ownTicks() + p.childTicks()).sum() * ProcessCpu.MILLIS_PER_TICK;
    }

    /** CPU time all cores spent busy (not idle or waiting for I/O) since boot, from /proc/stat. */
    static long machineBusyMillis() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This process's CPU: during a side's run it is almost all the sinks answering it. */
    static long ownCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    }

    private void recreate(String db) throws SQLException {
        drop(db);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
    }

    private void drop(String db) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
        }
    }

    private long count(String db, String sql) throws SQLException {
        try (Connection c = pg.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void stop() throws IOException {
        if (http != null) {
            http.close();
        }
        if (smtp != null) {
            smtp.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    static long ms(Map<String, String> r, String key) {
        return Long.parseLong(r.getOrDefault(key, "0"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("%s bench: %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
    }
}
