package io.dunninghub.policy;

import io.dunninghub.ledger.ContactAttempt;
import com.fasterxml.jackson.databind.JsonNode;
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

    /** Set once by {@link PolicyFile} when it has read the file. */
    void namedChannels(Map<String, String> byKey) {
        this.channelKeys = Map.copyOf(byKey);
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
        if (contact.refused() != null) {
            return new Decision.Suppress(Reason.INVALID_CONTACT_DATA, contact.refused());
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
        // an agency hand-off goes with whatever contact exists, an integrator channel keyed on the person's id
        // needs no phone: only an address that is the phone number is checked as one
        boolean byPhone = AddressKey.kind(channel).equals("phone") && !"agency".equals(channel)
                && contact.phone() != null && address.equals(contact.phone().strip());
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
        if (byPhone && phone.isEmpty()) {
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
                if (c.reached() && c.audience().equals(audience) && !c.at().isAfter(t) && t.isBefore(until)) {
                    return new Blocked(Reason.COOL_DOWN, until, "conversation at " + c.at() + ", cool-down "
                            + j.coolDown().toDays() + " days");
                }
            }
        }
        List<ContactAttempt> mine = st.attempts().stream().filter(a -> a.audience().equals(audience)).toList();
        Caps caps = j.caps();
        Blocked cap = dayCap(caps.borrowerDay(), "borrower", mine, channel, day, z);
        if (cap == null) {
            List<ContactAttempt> debt = mine.stream().filter(a -> a.loanId() != null && a.loanId().equals(loanId)).toList();
            cap = dayCap(caps.debtDay(), "debt", debt, channel, day, z);
            if (cap == null) {
                cap = weekCap(caps.borrowerWeek(), "borrower", mine, channel, t);
            }
            if (cap == null) {
                cap = weekCap(caps.debtWeek(), "debt", debt, channel, t);
            }
        }
        if (cap == null && "call".equals(channel)) {
            cap = connectedCalls(caps, st, audience, loanId, day, z, t);
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

    /**
     * No new call task once the calls that reached the person today (or in 7 days) are at the cap. A call task
     * handed out counts until its result says it did not reach the person, so tasks out at the same time cannot
     * together go over the cap.
     */
    private static Blocked connectedCalls(Caps caps, Standing st, String audience, String loanId, LocalDate day,
                                          ZoneId z, Instant t) {
        List<Standing.Conversation> results = st.conversations().stream()
                .filter(c -> c.audience().equals(audience) && !c.at().isAfter(t)).toList();
        List<ContactAttempt> calls = st.attempts().stream()
                .filter(a -> a.audience().equals(audience) && "call".equals(a.channel()) && !a.at().isAfter(t)).toList();
        Blocked b = connectedCap(caps.borrowerDay().get(Caps.CONNECTED_CALLS), "borrower", results, calls, null, true,
                day, z, t);
        if (b == null) {
            b = connectedCap(caps.debtDay().get(Caps.CONNECTED_CALLS), "debt", results, calls, loanId, true, day, z, t);
        }
        if (b == null) {
            b = connectedCap(caps.borrowerWeek().get(Caps.CONNECTED_CALLS), "borrower", results, calls, null, false,
                    day, z, t);
        }
        if (b == null) {
            b = connectedCap(caps.debtWeek().get(Caps.CONNECTED_CALLS), "debt", results, calls, loanId, false, day, z, t);
        }
        return b;
    }

    private static Blocked connectedCap(Integer cap, String scope, List<Standing.Conversation> results,
                                        List<ContactAttempt> calls, String loanId, boolean perDay, LocalDate day,
                                        ZoneId z, Instant t) {
        if (cap == null) {
            return null;
        }
        java.util.function.Predicate<Instant> counted = a -> perDay ? a.atZone(z).toLocalDate().equals(day)
                : a.isAfter(t.minus(Duration.ofDays(7)));
        java.util.function.Predicate<String> loan = l -> loanId == null || loanId.equals(l);
        long reached = results.stream().filter(c -> c.reached() && loan.test(c.loanId()) && counted.test(c.at())).count();
        long unreached = results.stream().filter(c -> !c.reached() && loan.test(c.loanId()) && counted.test(c.at())).count();
        long handed = calls.stream().filter(a -> loan.test(a.loanId()) && counted.test(a.at())).count();
        long open = Math.max(reached, handed - unreached);
        if (open < cap) {
            return null;
        }
        if (perDay) {
            return new Blocked(Reason.CAP_DAY, startOf(day.plusDays(1), z), scope + " connected-calls cap " + cap
                    + " per day reached on " + day + " (" + z.getId() + "): " + reached + " connected, "
                    + (open - reached) + " call tasks still out");
        }
        // the oldest of the counted results or tasks leaving the 7-day window makes room
        Instant next = java.util.stream.Stream.concat(
                results.stream().filter(c -> loan.test(c.loanId()) && counted.test(c.at())).map(Standing.Conversation::at),
                calls.stream().filter(a -> loan.test(a.loanId()) && counted.test(a.at())).map(ContactAttempt::at))
                .min(Instant::compareTo).orElse(t).plus(Duration.ofDays(7));
        return new Blocked(Reason.CAP_WEEK, next.isAfter(t) ? next : t.plusSeconds(1), scope
                + " connected-calls cap " + cap + " per 7 days reached");
    }

    private static Blocked dayCap(Map<String, Integer> caps, String scope, List<ContactAttempt> attempts,
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

    private static Blocked weekCap(Map<String, Integer> caps, String scope, List<ContactAttempt> attempts,
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
                    .map(ContactAttempt::at).sorted().toList();
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

    /**
     * When a task sent now on {@code channel} may be worked: the person's zone, the channel's window in their
     * jurisdiction, the hours they asked for, and when the current opening closes (the task's expiry).
     */
    public CallWindow callWindow(String channel, Contact contact, Instant now) {
        Optional<PhoneNumber> phone = contact.phone() == null ? Optional.empty() : parsePhone(contact.phone());
        ContactWindow window = jurisdictionOf(contact, phone).windowFor(channel);
        ContactWindow asked = window.isAlways() ? null : preferredWindow(contact);
        Optional<ZoneId> zone = zoneOf(contact, phone);
        Instant notAfter = now.plus(Duration.ofDays(1));
        if (zone.isPresent() && !window.isAlways()) {
            notAfter = closing(window, now, zone.get());
            if (asked != null) {
                Instant askedEnd = closing(asked, now, zone.get());
                notAfter = askedEnd.isBefore(notAfter) ? askedEnd : notAfter;
            }
        }
        return new CallWindow(zone.map(ZoneId::getId).orElse(null), window, asked, notAfter);
    }

    /** The next time the window closes after {@code at} in {@code zone} (its end is exclusive). */
    private static Instant closing(ContactWindow w, Instant at, ZoneId zone) {
        java.time.ZonedDateTime local = at.atZone(zone);
        java.time.ZonedDateTime end = java.time.ZonedDateTime.of(local.toLocalDate(), w.end(), zone);
        if (!end.toInstant().isAfter(at)) {
            end = java.time.ZonedDateTime.of(local.toLocalDate().plusDays(1), w.end(), zone);
        }
        return end.toInstant();
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
        return phones.computeIfAbsent(text, t -> ParsedPhones.parse(t, defaultPhoneRegion).filter(PHONES::isValidNumber));
    }

    private final Map<String, Optional<PhoneNumber>> phones = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<PhoneNumber>> eldest) {
                    return size() > 4096;
                }
            });
}
