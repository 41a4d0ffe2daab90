package io.dunninghub.bench;

import static io.dunninghub.bench.BenchMain.ms;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The benchmark's summary as markdown: one row per size and side, hub ÷ baseline, and the targets. */
final class Report {

    private static final double MB = 1024 * 1024;

    private Report() {
    }

    static String markdown(List<Map<String, String>> rows, List<String> sides, String smtpKind, String heap,
                           List<String> overrides, double seconds) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s; Java %s; JVM under test -Xmx%s; SMTP peer: %s%s; whole run %.0f s.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), heap, smtpKind,
                overrides.isEmpty() ? "" : "; overrides " + String.join(", ", overrides), seconds));
        md.append("| N | side | startup s | scan+plan s | scan+plan installments/s | dispatch s | dispatch notices/s | end-to-end s | CPU s (JVM) | CPU s (PostgreSQL) | CPU s (sinks) | CPU s (other processes) | peak heap MB | retained heap MB | peak RSS MB | delivered |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (long n : rows.stream().map(r -> ms(r, "n")).distinct().toList()) {
            Optional<Map<String, String>> hub = find(rows, n, "hub");
            for (String side : sides) {
                find(rows, n, side).ifPresent(r -> md.append(row(r)));
            }
            for (String other : List.of("baseline", "limit")) {
                Optional<Map<String, String>> base = find(rows, n, other);
                if (hub.isPresent() && base.isPresent()) {
                    double[] h = figures(hub.get());
                    double[] b = figures(base.get());
                    md.append(String.format(Locale.ROOT, "| %,d | **hub ÷ %s** |", n, other));
                    for (int k = 0; k < h.length; k++) {
                        md.append(b[k] == 0 ? " – |" : String.format(Locale.ROOT, " %.2f |", h[k] / b[k]));
                    }
                    md.append(" |\n");
                }
            }
        }
        md.append("\nRates are per wall-clock second of the phase; scan+plan = scan, ladder, contacts, policy and ledger writes; ")
                .append("dispatch = claim, re-check, render, send, record. End-to-end = start-up + scan+plan + dispatch. ")
                .append("CPU s (JVM) is the side's own process; CPU s (PostgreSQL) is the server's and CPU s (sinks) the loopback sinks', during that side; ")
                .append("CPU s (other processes) is whatever else kept the machine's cores busy meanwhile (builds and tests ")
                .append("of other work trees on a shared machine): when it is large, the side ran on fewer than 2 cores. ")
                .append("Peak heap is the heap used just before any collection (or sampled every 20 ms); it depends on when G1 ")
                .append("chooses to collect the old generation, so it grows with the length of a run. Retained heap is what is ")
                .append("still reachable after a full collection at the end of scan+plan and of dispatch (the larger of the two; ")
                .append("the collection's time is counted in neither phase): what the side really keeps. In hub ÷ baseline rows a rate above 1 or a time or ")
                .append("memory figure below 1 favours the hub.\n\n");
        md.append(scenarios(rows));
        md.append(targets(rows));
        return md.toString();
    }

    private static Optional<Map<String, String>> find(List<Map<String, String>> rows, long n, String side) {
        return rows.stream().filter(r -> ms(r, "n") == n && side.equals(r.get("side"))).findFirst();
    }

    /** startup, plan, plan rate, dispatch, dispatch rate, e2e, cpu, pg cpu, sinks cpu, other cpu, peak heap, retained heap, rss */
    static double[] figures(Map<String, String> r) {
        double plan = ms(r, "plan.ms") / 1e3;
        double dispatch = ms(r, "dispatch.ms") / 1e3;
        double startup = ms(r, "startup.ms") / 1e3;
        return new double[] {startup, plan, ms(r, "scanned") / plan, dispatch, ms(r, "handled") / dispatch,
                startup + plan + dispatch, ms(r, "total.cpu-ms") / 1e3, ms(r, "pg.cpu-ms") / 1e3, ms(r, "sinks.cpu-ms") / 1e3,
                Math.max(0, ms(r, "machine.cpu-ms") - ms(r, "total.cpu-ms") - ms(r, "pg.cpu-ms") - ms(r, "sinks.cpu-ms")) / 1e3,
                ms(r, "heap.peak-used") / MB, ms(r, "heap.retained") / MB, ms(r, "rss.peak") / MB};
    }

    /**
     * Notices other than those the sink answered slowly, per second from the start of dispatch to the last answer
     * that was not held back (the others' rate, which a slow tail must not drag down).
     */
    static double othersRate(Map<String, String> r) {
        double seconds = (ms(r, "sink.last-fast-epoch-ms") - ms(r, "dispatch.start-epoch-ms")) / 1e3;
        return seconds <= 0 ? 0 : (ms(r, "handled") - ms(r, "sink.slow")) / seconds;
    }

    /** The -slow and -history variants against their plain side, same size, same run. */
    private static String scenarios(List<Map<String, String>> rows) {
        StringBuilder md = new StringBuilder();
        for (Map<String, String> r : rows) {
            String side = r.get("side");
            if (!side.endsWith("-slow") && !side.endsWith("-history")) {
                continue;
            }
            Optional<Map<String, String>> plain = find(rows, ms(r, "n"), BenchMain.kind(side));
            if (plain.isEmpty()) {
                continue;
            }
            if (md.length() == 0) {
                md.append("## Scenarios\n\n| N | side | figure | variant | plain side | ratio |\n|---:|---|---|---:|---:|---:|\n");
            }
            if (side.endsWith("-slow")) {
                md.append(String.format(Locale.ROOT, "| %,d | %s | other notices/s (%,d answers slow) | %,.0f | %,.0f | %.2f |%n",
                        ms(r, "n"), side, ms(r, "sink.slow"), othersRate(r), othersRate(plain.get()),
                        othersRate(r) / othersRate(plain.get())));
            } else {
                double v = figures(r)[4];
                double p = figures(plain.get())[4];
                md.append(String.format(Locale.ROOT, "| %,d | %s | dispatch notices/s | %,.0f | %,.0f | %.2f |%n",
                        ms(r, "n"), side, v, p, v / p));
                if (r.containsKey("archive.notices")) {
                    double seconds = ms(r, "archive.ms") / 1e3;
                    md.append(String.format(Locale.ROOT, "| %,d | %s | archived before the side (older than %d days): "
                                    + "notices, with %,d events, in %.1f s | %,d | – | – |%n",
                            ms(r, "n"), side, ms(r, "archive.days"), ms(r, "archive.events"), seconds,
                            ms(r, "archive.notices")));
                    md.append(String.format(Locale.ROOT, "| %,d | %s | archive rate, notices/s | %,.0f | – | – |%n",
                            ms(r, "n"), side, seconds <= 0 ? 0 : ms(r, "archive.notices") / seconds));
                }
            }
        }
        return md.length() == 0 ? "" : md.append('\n').toString();
    }

    private static String row(Map<String, String> r) {
        double[] f = figures(r);
        long sinks = ms(r, "sink.sms") + ms(r, "sink.push") + ms(r, "sink.email");
        long expected = ms(r, "expected");
        String delivered = (sinks == expected && ms(r, "ledger.sent") == expected ? "✅ " : "❌ ")
                + String.format(Locale.ROOT, "%,d at sinks, %,d SENT in ledger, %,d expected", sinks, ms(r, "ledger.sent"), expected);
        return String.format(Locale.ROOT, "| %,d | %s | %.1f | %.1f | %,.0f | %.1f | %,.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f | %s |%n",
                ms(r, "n"), r.get("side"), f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], delivered);
    }

    private static String targets(List<Map<String, String>> rows) {
        StringBuilder md = new StringBuilder("## Targets (2 cores)\n\n| N | target | reached | met |\n|---:|---|---:|---|\n");
        List<Map<String, String>> hubs = rows.stream().filter(r -> "hub".equals(r.get("side"))).toList();
        for (Map<String, String> h : hubs) {
            long n = ms(h, "n");
            double[] f = figures(h);
            line(md, n, "scan+plan ≥ 30,000 installments/s", String.format(Locale.ROOT, "%,.0f", f[2]), f[2] >= 30_000);
            line(md, n, "dispatch ≥ 5,000 notices/s", String.format(Locale.ROOT, "%,.0f", f[4]), f[4] >= 5_000);
            find(rows, n, "limit").ifPresent(b -> {
                double[] g = figures(b);
                line(md, n, "scan+plan ≥ 0.8 × limit", String.format(Locale.ROOT, "%.2f ×", f[2] / g[2]), f[2] / g[2] >= 0.8);
                line(md, n, "dispatch ≥ 0.8 × limit", String.format(Locale.ROOT, "%.2f ×", f[4] / g[4]), f[4] / g[4] >= 0.8);
            });
            find(rows, n, "hub-slow").ifPresent(b -> {
                double ratio = othersRate(b) / othersRate(h);
                line(md, n, "with slow answers, the others ≥ 0.8 × the all-fast rate", String.format(Locale.ROOT, "%.2f ×", ratio), ratio >= 0.8);
            });
            find(rows, n, "hub-history").ifPresent(b -> {
                double ratio = figures(b)[4] / f[4];
                line(md, n, "dispatch on a filled ledger ≥ 0.9 × on an empty one", String.format(Locale.ROOT, "%.2f ×", ratio), ratio >= 0.9);
            });
            find(rows, n, "baseline").ifPresent(b -> {
                double[] g = figures(b);
                line(md, n, "scan+plan ≥ 0.7 × baseline", String.format(Locale.ROOT, "%.2f ×", f[2] / g[2]), f[2] / g[2] >= 0.7);
                line(md, n, "dispatch ≥ 0.7 × baseline", String.format(Locale.ROOT, "%.2f ×", f[4] / g[4]), f[4] / g[4] >= 0.7);
            });
            line(md, n, "peak heap < 512 MB", String.format(Locale.ROOT, "%.0f MB", f[10]), f[10] < 512);
        }
        if (hubs.size() >= 2) {
            Map<String, String> small = hubs.get(0);
            Map<String, String> large = hubs.get(hubs.size() - 1);
            double used = figures(large)[10] / figures(small)[10];
            double retained = figures(large)[11] / figures(small)[11];
            double rate = figures(large)[4] / figures(small)[4];
            md.append(String.format(Locale.ROOT, "| %,d → %,d | dispatch at the larger size ≥ 0.9 × the smaller | %.2f × | %s |%n",
                    ms(small, "n"), ms(large, "n"), rate, rate >= 0.9 ? "✅" : "❌"));
            md.append(String.format(Locale.ROOT, "| %,d → %,d | heap flat (retained heap grows < 1.5× for %.0f× the rows) | retained %.2f × (peak %.2f ×) | %s |%n",
                    ms(small, "n"), ms(large, "n"), ms(large, "n") / (double) ms(small, "n"), retained, used,
                    retained < 1.5 ? "✅" : "❌"));
        }
        return md.toString();
    }

    private static void line(StringBuilder md, long n, String target, String reached, boolean met) {
        md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s |%n", n, target, reached, met ? "✅" : "❌"));
    }
}
