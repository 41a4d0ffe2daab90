package io.dunninghub.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.dunninghub.common.ConfigException;
import io.dunninghub.common.ConfigProblems;
import io.dunninghub.common.Mask;
import io.dunninghub.common.YamlFiles;
import io.dunninghub.contact.Contact;
import io.dunninghub.ladder.Audience;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contact rules of {@code policy.yaml}, checked when a notice is planned and again right before it is sent.
 * Each rule passes, defers the notice to the next instant it allows, or suppresses it, always with a reason code.
 * Pure: everything it needs (contact record, holds, promises, opt-outs, contacts already made) is passed in.
 */
public final class ContactPolicy {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MAX_STEPS = 400;
    private static final Duration HORIZON = Duration.ofDays(400);
    private static final Set<String> TOP_KEYS = Set.of("contact-windows", "holidays", "caps", "cool-down", "audiences",
            "work-email", "promise-to-pay", "jurisdictions", "time-zone", "phone", "message-data", "opt-out");
    private static final Set<String> JURISDICTION_KEYS = Set.of("regions", "contact-windows", "holidays", "caps",
            "cool-down", "audiences", "work-email", "promise-to-pay");

    private final Jurisdiction defaults;
    private final Map<String, Jurisdiction> byRegion;
    private final Map<String, ZoneId> zoneByPhoneRegion;
    private final String defaultPhoneRegion;
    private final Duration unknownZoneRecheck;
    private final Set<String> amountFreeChannels;
    private final StopKeywords stopKeywords;
    private Map<String, String> channelKeys = Map.of();

    public ContactPolicy(Jurisdiction defaults, List<Jurisdiction> jurisdictions, Map<String, ZoneId> zoneByPhoneRegion,
                         String defaultPhoneRegion, Duration unknownZoneRecheck, Set<String> amountFreeChannels,
                         StopKeywords stopKeywords) {
        this.defaults = defaults;
        Map<String, Jurisdiction> regions = new HashMap<>();
        jurisdictions.forEach(j -> j.regions().forEach(r -> regions.put(r, j)));
        this.byRegion = Map.copyOf(regions);
        this.zoneByPhoneRegion = Map.copyOf(zoneByPhoneRegion);
        this.defaultPhoneRegion = defaultPhoneRegion;
        this.unknownZoneRecheck = unknownZoneRecheck;
        this.amountFreeChannels = Set.copyOf(amountFreeChannels);
        this.stopKeywords = stopKeywords;
    }

    /** Windows only, as the first version of the policy had it: no holidays, caps, holds or third parties. */
    public ContactPolicy(ContactWindow defaultWindow, Map<String, ContactWindow> windows,
                         Map<String, ZoneId> zoneByPhoneRegion, String defaultPhoneRegion) {
        this(new Jurisdiction("default", Set.of(), defaultWindow, windows, Holidays.NONE, Caps.NONE, Duration.ZERO,
                        Set.of(), Audience.ALL, true, 0),
                List.of(), zoneByPhoneRegion, defaultPhoneRegion, Duration.ofHours(6), Set.of("sms", "push"),
                StopKeywords.defaults());
    }

    public ContactWindow windowFor(String channel) {
        return defaults.windowFor(channel);
    }

    public Jurisdiction defaults() {
        return defaults;
    }

    public List<Jurisdiction> jurisdictions() {
        return byRegion.values().stream().distinct().sorted(Comparator.comparing(Jurisdiction::name)).toList();
    }

    public String defaultPhoneRegion() {
        return defaultPhoneRegion;
    }

    public StopKeywords stopKeywords() {
        return stopKeywords;
    }

    /** Every channel the file names, by the key that names it (for validate to check they exist). */
    public Map<String, String> channelKeys() {
        return channelKeys;
    }

    /** Whether any jurisdiction limits how often a person is contacted. */
    public boolean hasCaps() {
        return !defaults.caps().isEmpty() || byRegion.values().stream().anyMatch(j -> !j.caps().isEmpty());
    }

    /** The longest cool-down after a conversation in any jurisdiction. */
    public java.time.Duration longestCoolDown() {
        return byRegion.values().stream().map(Jurisdiction::coolDown).reduce(defaults.coolDown(),
                (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** Whether templates of this channel may see the amount and the account number when the step allows. */
    public boolean hidesAmounts(String channel) {
        return amountFreeChannels.contains(channel);
    }

    /** The borrower-only decision with nothing known beyond the contact record. */
    public Decision decide(String channel, Contact contact, Instant now) {
        return decide(channel, Audience.BORROWER, null, contact, Standing.NONE, now);
    }

    /**
     * The decision for one notice about {@code loanId} on {@code channel} to {@code audience} ({@code borrower},
     * {@code guarantor/P1}, ...) reached through {@code contact}, given the borrower's {@code standing}, at {@code now}.
     */
    public Decision decide(String channel, String audience, String loanId, Contact contact, Standing standing,
                           Instant now) {
        if (contact == null) {
            return new Decision.Suppress(Reason.NO_CONTACT, "no contact record for the " + Audience.role(audience));
        }
        // The phone number is parsed once per decision: libphonenumber is the slow part of deciding.
        Optional<PhoneNumber> phone = contact.phone() == null ? Optional.empty() : parsePhone(contact.phone());
        Jurisdiction j = jurisdictionOf(contact, phone);
        String role = Audience.role(audience);
        if (!Audience.ALL.contains(role) || !j.audiences().contains(role)) {
            return new Decision.Suppress(Reason.THIRD_PARTY, "the " + role + " is not contacted under jurisdiction "
                    + j.name() + " (audiences " + j.audiences() + ")");
        }
        for (Standing.Hold h : standing.holds()) {
            if (h.activeAt(now, loanId)) {
                return new Decision.Suppress(Reason.LEGAL_HOLD, "legal hold " + h.kind() + " (" + h.source()
                        + (h.id() == null ? "" : " #" + h.id()) + ")"
                        + (h.expiresAt() == null ? "" : " until " + h.expiresAt()));
            }
        }
        if (contact.hasOptedOut(channel)) {
            return new Decision.Suppress(Reason.OPTED_OUT, "opted out of " + channel + " (contact record)");
        }
        String address = contact.addressFor(channel);
        if (address == null) {
            return new Decision.Suppress(Reason.NO_ADDRESS, "no " + channel + " address on record");
        }
        boolean byPhone = AddressKey.kind(channel).equals("phone");
        String key = null;
        for (Standing.OptOut o : standing.optOuts()) {
            if (o.addressKey() != null && key == null) {
                key = byPhone && address.equals(contact.phone().strip()) && phone.isPresent()
                        ? AddressKey.ofPhone(PHONES.format(phone.get(), PhoneNumberUtil.PhoneNumberFormat.E164))
                        : AddressKey.of(channel, address, defaultPhoneRegion);
            }
            if (o.applies(channel, audience, key)) {
                return new Decision.Suppress(Reason.OPTED_OUT, "opted out of " + (o.channel() == null ? "every channel" : channel)
                        + (o.addressKey() == null ? "" : " at " + Mask.recipient(channel, address)) + " (" + o.source() + ")");
            }
        }
        if (byPhone && (address.equals(contact.phone().strip()) ? phone.isEmpty() : parsePhone(address).isEmpty())) {
            return new Decision.Suppress(Reason.INVALID_ADDRESS, "phone number is not valid");
        }
        if (channel.equals("email") && contact.emailIsWork() && j.blockWorkEmail()) {
            return new Decision.Suppress(Reason.WORK_EMAIL, "the e-mail address is known to be an employer's");
        }
        String capProblem = zeroCap(j.caps(), channel);
        if (capProblem != null) {
            return new Decision.Suppress(capProblem.startsWith("day") ? Reason.CAP_DAY : Reason.CAP_WEEK,
                    "the " + capProblem + " cap is 0");
        }
        ContactWindow window = j.windowFor(channel);
        Optional<ZoneId> zone = zoneOf(contact, phone);
        if (zone.isEmpty() && !window.isAlways()) {
            // Fail closed: an unknown local hour could be 3 a.m. for the person. Look again later.
            return new Decision.Send(now.plus(unknownZoneRecheck), Reason.UNKNOWN_TIMEZONE, null,
                    "no usable time zone on record or from the phone number's region; checked again at "
                            + now.plus(unknownZoneRecheck));
        }
        ZoneId z = zone.orElse(ZoneOffset.UTC);
        ContactWindow preferred = window.isAlways() ? null : preferredWindow(contact);
        Instant t = now;
        String firstReason = null;
        String firstDetail = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            Blocked b = firstBlocking(j, window, preferred, channel, audience, loanId, standing, z, t);
            if (b == null) {
                return new Decision.Send(t, firstReason, zone.map(ZoneId::getId).orElse(null),
                        firstReason == null ? null : firstDetail + "; not before " + t);
            }
            if (firstReason == null) {
                firstReason = b.reason;
                firstDetail = b.detail;
            }
            t = b.next;
            if (t.isAfter(now.plus(HORIZON))) {
                break;
            }
        }
        return new Decision.Suppress(firstReason, firstDetail + "; no allowed time within " + HORIZON.toDays() + " days");
    }

    private record Blocked(String reason, Instant next, String detail) {
    }

    /** The first rule that does not allow a contact at {@code t}, with the next instant it would allow one. */
    private Blocked firstBlocking(Jurisdiction j, ContactWindow window, ContactWindow preferred, String channel,
                                  String audience, String loanId, Standing st, ZoneId z, Instant t) {
        LocalDate day = t.atZone(z).toLocalDate();
        for (Standing.Promise p : st.promises()) {
            LocalDate last = p.promisedDate().plusDays(j.promiseGraceDays());
            if (p.covers(loanId) && !day.isAfter(last)) {
                return new Blocked(Reason.PROMISE_TO_PAY, startOf(last.plusDays(1), z), "promise to pay by "
                        + p.promisedDate() + " (" + p.source() + "), grace " + j.promiseGraceDays() + " days");
            }
        }
        if (j.coolsDown(channel)) {
            for (Standing.Conversation c : st.conversations()) {
                Instant until = c.at().plus(j.coolDown());
                if (c.audience().equals(audience) && !c.at().isAfter(t) && t.isBefore(until)) {
                    return new Blocked(Reason.COOL_DOWN, until, "conversation at " + c.at() + ", cool-down "
                            + j.coolDown().toDays() + " days");
                }
            }
        }
        List<Standing.Attempt> mine = st.attempts().stream().filter(a -> a.audience().equals(audience)).toList();
        Caps caps = j.caps();
        Blocked cap = dayCap(caps.borrowerDay(), "borrower", mine, channel, day, z);
        if (cap == null) {
            List<Standing.Attempt> debt = mine.stream().filter(a -> a.loanId() != null && a.loanId().equals(loanId)).toList();
            cap = dayCap(caps.debtDay(), "debt", debt, channel, day, z);
            if (cap == null) {
                cap = weekCap(caps.borrowerWeek(), "borrower", mine, channel, t);
            }
            if (cap == null) {
                cap = weekCap(caps.debtWeek(), "debt", debt, channel, t);
            }
        }
        if (cap != null) {
            return cap;
        }
        if (!window.isAlways() && j.holidays().contains(day)) {
            return new Blocked(Reason.HOLIDAY, startOf(day.plusDays(1), z), day + " is a holiday in " + j.name());
        }
        Instant open = window.nextAllowed(t, z);
        if (open.isAfter(t)) {
            return new Blocked(Reason.QUIET_HOURS, open, "outside " + channel + " hours " + window + " in " + z.getId());
        }
        if (preferred != null) {
            Instant mine2 = preferred.nextAllowed(t, z);
            if (mine2.isAfter(t)) {
                return new Blocked(Reason.QUIET_HOURS, mine2, "outside the hours the person asked for (" + preferred
                        + ") in " + z.getId());
            }
        }
        return null;
    }

    private static Blocked dayCap(Map<String, Integer> caps, String scope, List<Standing.Attempt> attempts,
                                  String channel, LocalDate day, ZoneId z) {
        for (String which : List.of(channel, Caps.ALL)) {
            Integer cap = caps.get(which);
            if (cap == null) {
                continue;
            }
            long n = attempts.stream().filter(a -> (which.equals(Caps.ALL) || a.channel().equals(channel))
                    && a.at().atZone(z).toLocalDate().equals(day)).count();
            if (n >= cap) {
                return new Blocked(Reason.CAP_DAY, startOf(day.plusDays(1), z), scope + " " + which + " cap " + cap
                        + " per day reached on " + day + " (" + z.getId() + ")");
            }
        }
        return null;
    }

    private static Blocked weekCap(Map<String, Integer> caps, String scope, List<Standing.Attempt> attempts,
                                   String channel, Instant t) {
        for (String which : List.of(channel, Caps.ALL)) {
            Integer cap = caps.get(which);
            if (cap == null) {
                continue;
            }
            Instant from = t.minus(Duration.ofDays(7));
            List<Instant> inWindow = attempts.stream()
                    .filter(a -> (which.equals(Caps.ALL) || a.channel().equals(channel))
                            && a.at().isAfter(from) && !a.at().isAfter(t))
                    .map(Standing.Attempt::at).sorted().toList();
            if (inWindow.size() >= cap) {
                // Wait until enough of the oldest contacts have left the rolling window to leave room for one more.
                Instant next = inWindow.get(inWindow.size() - cap).plus(Duration.ofDays(7));
                return new Blocked(Reason.CAP_WEEK, next.isAfter(t) ? next : t.plusSeconds(1), scope + " " + which
                        + " cap " + cap + " per 7 days reached");
            }
        }
        return null;
    }

    private static String zeroCap(Caps caps, String channel) {
        for (String which : List.of(channel, Caps.ALL)) {
            if (Integer.valueOf(0).equals(caps.borrowerDay().get(which)) || Integer.valueOf(0).equals(caps.debtDay().get(which))) {
                return "day " + which;
            }
            if (Integer.valueOf(0).equals(caps.borrowerWeek().get(which)) || Integer.valueOf(0).equals(caps.debtWeek().get(which))) {
                return "7-day " + which;
            }
        }
        return null;
    }

    private static Instant startOf(LocalDate day, ZoneId z) {
        return day.atStartOfDay(z).toInstant();
    }

    private static ContactWindow preferredWindow(Contact c) {
        if (c.preferredHours() == null || c.preferredHours().isBlank()) {
            return null;
        }
        try {
            ContactWindow w = ContactWindow.parse(c.preferredHours());
            return w.isAlways() ? null : w;
        } catch (IllegalArgumentException e) {
            return null; // unreadable preference in the core data: the jurisdiction's window still applies
        }
    }

    /** The jurisdiction of a person: their country on record, else their phone number's region, else the default. */
    public Jurisdiction jurisdictionOf(Contact contact) {
        return jurisdictionOf(contact, contact.phone() == null ? Optional.empty() : parsePhone(contact.phone()));
    }

    private Jurisdiction jurisdictionOf(Contact contact, Optional<PhoneNumber> phone) {
        if (contact.country() != null && !contact.country().isBlank()) {
            Jurisdiction j = byRegion.get(contact.country().strip().toUpperCase(Locale.ROOT));
            if (j != null) {
                return j;
            }
        }
        if (!byRegion.isEmpty()) {
            Optional<String> region = phone.map(PHONES::getRegionCodeForNumber);
            if (region.isPresent() && byRegion.containsKey(region.get())) {
                return byRegion.get(region.get());
            }
        }
        return defaults;
    }

    /** The person's zone: from their record, else from the phone number's region when it maps to one zone. */
    public Optional<ZoneId> zoneOf(Contact contact) {
        return zoneOf(contact, contact.phone() == null ? Optional.empty() : parsePhone(contact.phone()));
    }

    private Optional<ZoneId> zoneOf(Contact contact, Optional<PhoneNumber> phone) {
        if (contact.timeZone() != null && !contact.timeZone().isBlank()) {
            try {
                return Optional.of(ZoneId.of(contact.timeZone().strip()));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return phone.map(PHONES::getRegionCodeForNumber).map(zoneByPhoneRegion::get);
    }

    private Optional<PhoneNumber> parsePhone(String text) {
        // A borrower's notices are decided one after another (several channels, several debts): parse once.
        return phones.computeIfAbsent(text, t -> {
            try {
                PhoneNumber n = PHONES.parse(t, defaultPhoneRegion);
                return PHONES.isValidNumber(n) ? Optional.of(n) : Optional.empty();
            } catch (NumberParseException e) {
                return Optional.empty();
            }
        });
    }

    private final Map<String, Optional<PhoneNumber>> phones = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<PhoneNumber>> eldest) {
                    return size() > 4096;
                }
            });

    // ---- loading policy.yaml ------------------------------------------------------------------------------------

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
            p.channelKeys = Map.copyOf(named);
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
                if (!e.getKey().equals(Caps.ALL)) {
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
