package io.dunninghub.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.dunninghub.common.ConfigException;
import io.dunninghub.common.ConfigProblems;
import io.dunninghub.common.YamlFiles;
import io.dunninghub.ladder.Audience;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * policy.yaml read into a {@link ContactPolicy}: the default rules at the top level, jurisdictions by region that
 * replace the rules they name, the phone and time-zone defaults, what SMS and push may show, extra stop words.
 * Unknown keys and wrong values are reported all at once, each as {@code policy.yaml: <key>: <problem>}.
 */
public final class PolicyFile {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<String> TOP_KEYS = Set.of("contact-windows", "holidays", "caps", "cool-down", "audiences",
            "work-email", "promise-to-pay", "jurisdictions", "time-zone", "phone", "message-data", "opt-out");
    private static final Set<String> JURISDICTION_KEYS = Set.of("regions", "contact-windows", "holidays", "caps",
            "cool-down", "audiences", "work-email", "promise-to-pay");

    private PolicyFile() {
    }

    /** Reads and checks policy.yaml; every problem found is reported, each with file and key. */
    public static ContactPolicy load(Path file) {
        return new Loader(file.toString()).load(file);
    }

    /** Reads one policy file, remembering every channel it names and under which key. */
    private static final class Loader {

        private final String f;
        private final Map<String, String> named = new LinkedHashMap<>();
        private final List<ConfigException> problems = new ArrayList<>();

        Loader(String f) {
            this.f = f;
        }

        ContactPolicy load(Path file) {
            try {
                return read(file);
            } catch (ConfigProblems e) {
                throw e;
            } catch (ConfigException e) {
                if (problems.isEmpty()) {
                    throw e;
                }
                problems.add(e); // a problem that stops reading, after the ones found so far
                throw new ConfigProblems(problems);
            }
        }

        private ContactPolicy read(Path file) {
            JsonNode root = YamlFiles.read(file);
            if (!root.isObject()) {
                throw new ConfigException(f, "(file)", "must be a map of contact-windows, caps, jurisdictions, ...");
            }
            knownKeys(f, root, "", TOP_KEYS);
            Jurisdiction defaults = jurisdiction(f, "default", root, "", null);
            List<Jurisdiction> jurisdictions = new ArrayList<>();
            JsonNode js = root.path("jurisdictions");
            Set<String> claimed = new HashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = js.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = "jurisdictions." + e.getKey() + ".";
                if (!e.getValue().isObject()) {
                    throw new ConfigException(f, "jurisdictions." + e.getKey(), "must be a map of rules");
                }
                knownKeys(f, e.getValue(), key, JURISDICTION_KEYS);
                Jurisdiction j = jurisdiction(f, e.getKey(), e.getValue(), key, defaults);
                for (String r : j.regions()) {
                    if (!claimed.add(r)) {
                        throw new ConfigException(f, key + "regions", "region " + r + " belongs to two jurisdictions");
                    }
                }
                jurisdictions.add(j);
            }
            JsonNode tz = root.path("time-zone");
            knownKeys(f, tz, "time-zone.", Set.of("by-phone-region", "unknown-recheck"));
            Map<String, ZoneId> zones = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = tz.path("by-phone-region").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    zones.put(e.getKey().toUpperCase(Locale.ROOT), ZoneId.of(e.getValue().asText()));
                } catch (DateTimeException ex) {
                    throw new ConfigException(f, "time-zone.by-phone-region." + e.getKey(),
                            "'" + e.getValue().asText() + "' is not an IANA time zone");
                }
            }
            Duration recheck = duration(f, "time-zone.unknown-recheck", YamlFiles.optionalText(tz, "unknown-recheck", "6h"), false);
            knownKeys(f, root.path("phone"), "phone.", Set.of("default-region"));
            String region = YamlFiles.optionalText(root.path("phone"), "default-region", "CN").toUpperCase(Locale.ROOT);
            if (!PHONES.getSupportedRegions().contains(region)) {
                throw new ConfigException(f, "phone.default-region", "'" + region + "' is not a region code like CN or US");
            }
            knownKeys(f, root.path("message-data"), "message-data.", Set.of("hide-amounts-on"));
            Set<String> hidden = new TreeSet<>(channels(f, root.path("message-data").get("hide-amounts-on"),
                    "message-data.hide-amounts-on", List.of("sms", "push")));
            knownKeys(f, root.path("opt-out"), "opt-out.", Set.of("stop-keywords"));
            List<String> stops = new ArrayList<>();
            root.path("opt-out").path("stop-keywords").forEach(n -> stops.add(n.asText()));
            if (!problems.isEmpty()) {
                throw new ConfigProblems(problems);
            }
            ContactPolicy p = new ContactPolicy(defaults, jurisdictions, zones, region, recheck, hidden, new StopKeywords(stops));
            p.namedChannels(named);
            return p;
        }

        /** Rules given in a jurisdiction replace the default's; rules it leaves out are the default's. */
        private Jurisdiction jurisdiction(String f, String name, JsonNode n, String key, Jurisdiction parent) {
            Set<String> regions = new TreeSet<>();
            if (parent != null) {
                JsonNode r = n.get("regions");
                if (r == null) {
                    regions.add(name.toUpperCase(Locale.ROOT));
                } else {
                    r.forEach(x -> regions.add(x.asText().strip().toUpperCase(Locale.ROOT)));
                }
                for (String region : regions) {
                    if (!PHONES.getSupportedRegions().contains(region)) {
                        throw new ConfigException(f, key + (r == null ? "(name)" : "regions"), "'" + region
                                + "' is not a region code like CN or US (name the jurisdiction by one, or list them under regions)");
                    }
                }
            }
            Windows inherited = parent == null ? new Windows(ContactWindow.parse("08:00-21:00"), Map.of())
                    : new Windows(parent.defaultWindow(), parent.windows());
            Windows windows = section(() -> windows(f, n.get("contact-windows"), key), inherited);
            Holidays holidays = section(() -> holidays(f, n.get("holidays"), key), parent == null ? Holidays.NONE : parent.holidays());
            Caps caps = section(() -> caps(f, n.get("caps"), key), parent == null ? Caps.NONE : parent.caps());
            CoolDown cool = section(() -> coolDown(f, n.get("cool-down"), key), parent == null
                    ? new CoolDown(Duration.ZERO, Set.of()) : new CoolDown(parent.coolDown(), parent.coolDownChannels()));
            List<String> audiences = section(() -> audiences(f, n.get("audiences"), key), parent == null ? Audience.ALL : parent.audiences());
            boolean blockWork = section(() -> workEmail(f, n, key), parent == null || parent.blockWorkEmail());
            int grace = section(() -> {
                JsonNode ptp = n.get("promise-to-pay");
                if (ptp == null) {
                    return null;
                }
                knownKeys(f, ptp, key + "promise-to-pay.", Set.of("grace-days"));
                return wholeNumber(f, ptp.get("grace-days"), key + "promise-to-pay.grace-days", 2);
            }, parent == null ? 2 : parent.promiseGraceDays());
            return new Jurisdiction(name, regions, windows.fallback(), windows.byChannel(), holidays, caps, cool.after(),
                    cool.channels(), audiences, blockWork, grace);
        }

        private record Windows(ContactWindow fallback, Map<String, ContactWindow> byChannel) {
        }

        private record CoolDown(Duration after, Set<String> channels) {
        }

        /** A section's value, or the inherited one when the section is absent (null) or wrong (the problem is kept). */
        private <T> T section(java.util.function.Supplier<T> read, T inherited) {
            try {
                T v = read.get();
                return v == null ? inherited : v;
            } catch (ConfigException e) {
                problems.add(e);
                return inherited;
            }
        }

        private Windows windows(String f, JsonNode w, String key) {
            if (w == null) {
                return null;
            }
            if (!w.isObject()) {
                throw new ConfigException(f, key + "contact-windows", "must be a map of channel: \"08:00-21:00\"");
            }
            ContactWindow def = section(() -> window(f, key + "contact-windows.default",
                    YamlFiles.optionalText(w, "default", "08:00-21:00")), ContactWindow.parse("08:00-21:00"));
            Map<String, ContactWindow> ws = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = w.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("default")) {
                    String k = key + "contact-windows." + e.getKey();
                    section(() -> {
                        channelName(f, k, e.getKey());
                        return ws.put(e.getKey(), window(f, k, e.getValue().asText()));
                    }, null);
                }
            }
            return new Windows(def, ws);
        }

        private Holidays holidays(String f, JsonNode h, String key) {
            if (h == null) {
                return null;
            }
            if (!h.isArray()) {
                throw new ConfigException(f, key + "holidays", "must be a list of dates (2026-10-01) or ranges (2026-10-01..2026-10-07)");
            }
            Set<LocalDate> dates = new HashSet<>();
            for (int i = 0; i < h.size(); i++) {
                try {
                    Holidays.parse(h.get(i).asText(), dates);
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigException(f, key + "holidays[" + i + "]", e.getMessage()));
                }
            }
            return new Holidays(dates);
        }

        private Caps caps(String f, JsonNode c, String key) {
            if (c == null) {
                return null;
            }
            knownKeys(f, c, key + "caps.", Set.of("borrower", "debt"));
            knownKeys(f, c.path("borrower"), key + "caps.borrower.", Set.of("day", "7-days"));
            knownKeys(f, c.path("debt"), key + "caps.debt.", Set.of("day", "7-days"));
            return new Caps(capMap(f, c.path("borrower").get("day"), key + "caps.borrower.day"),
                    capMap(f, c.path("borrower").get("7-days"), key + "caps.borrower.7-days"),
                    capMap(f, c.path("debt").get("day"), key + "caps.debt.day"),
                    capMap(f, c.path("debt").get("7-days"), key + "caps.debt.7-days"));
        }

        private CoolDown coolDown(String f, JsonNode cd, String key) {
            if (cd == null) {
                return null;
            }
            knownKeys(f, cd, key + "cool-down.", Set.of("after-conversation", "channels"));
            return new CoolDown(duration(f, key + "cool-down.after-conversation",
                    YamlFiles.optionalText(cd, "after-conversation", "0d"), true),
                    new TreeSet<>(channels(f, cd.get("channels"), key + "cool-down.channels", List.of())));
        }

        private List<String> audiences(String f, JsonNode a, String key) {
            if (a == null) {
                return null;
            }
            List<String> as = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                String v = a.get(i).asText();
                if (!Audience.ALL.contains(v)) {
                    throw new ConfigException(f, key + "audiences[" + i + "]", "'" + v + "' is not allowed; only "
                            + Audience.ALL + " may ever be contacted");
                }
                as.add(v);
            }
            if (!as.contains(Audience.BORROWER)) {
                throw new ConfigException(f, key + "audiences", "must include borrower");
            }
            return as;
        }

        private Boolean workEmail(String f, JsonNode n, String key) {
            String work = YamlFiles.optionalText(n, "work-email", null);
            if (work == null) {
                return null;
            }
            if (!work.equals("block") && !work.equals("allow")) {
                throw new ConfigException(f, key + "work-email", "must be block or allow, got '" + work + "'");
            }
            return work.equals("block");
        }

        private Map<String, Integer> capMap(String f, JsonNode n, String key) {
            Map<String, Integer> out = new HashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                throw new ConfigException(f, key, "must be a map of channel (or all): most contacts");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals(Caps.ALL) && !e.getKey().equals(Caps.CONNECTED_CALLS)) {
                    channelName(f, key + "." + e.getKey(), e.getKey());
                }
                section(() -> out.put(e.getKey(), wholeNumber(f, e.getValue(), key + "." + e.getKey(), 0)), null);
            }
            return out;
        }

        private static int wholeNumber(String f, JsonNode n, String key, int fallback) {
            if (n == null || n.isNull()) {
                return fallback;
            }
            String t = n.asText().strip();
            if (!t.matches("-?[0-9]+")) {
                throw new ConfigException(f, key, "must be a whole number, got '" + t + "'");
            }
            int v = Integer.parseInt(t);
            if (v < 0) {
                throw new ConfigException(f, key, "must be 0 or more, got " + v);
            }
            return v;
        }

        private List<String> channels(String f, JsonNode n, String key, List<String> fallback) {
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isArray()) {
                throw new ConfigException(f, key, "must be a list of channels like [sms, push]");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                out.add(channelName(f, key + "[" + i + "]", n.get(i).asText()));
            }
            return out;
        }

        private String channelName(String f, String key, String name) {
            if (!name.matches("[a-z][a-z0-9_-]*")) {
                throw new ConfigException(f, key, "'" + name + "' is not a channel name like sms or wechat");
            }
            named.put(key, name);
            return name;
        }

        /** {@code 7d}, {@code 6h} or {@code 30m}. */
        private static Duration duration(String f, String key, String text, boolean zeroAllowed) {
            String t = text.strip();
            if (!t.matches("[0-9]+[dhm]")) {
                throw new ConfigException(f, key, "must be a duration like 7d, 6h or 30m, got '" + text + "'");
            }
            long v = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(v);
                case 'h' -> Duration.ofHours(v);
                default -> Duration.ofMinutes(v);
            };
            if (d.isZero() && !zeroAllowed) {
                throw new ConfigException(f, key, "must be more than 0");
            }
            return d;
        }

        private static ContactWindow window(String file, String key, String text) {
            try {
                return ContactWindow.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, key, e.getMessage());
            }
        }

        private static void knownKeys(String f, JsonNode node, String prefix, Set<String> known) {
            if (node == null || !node.isObject()) {
                return;
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) {
                    throw new ConfigException(f, prefix + name, "unknown key (known: "
                            + String.join(", ", new TreeSet<>(known)) + ")");
                }
            }
        }
    }
}
