package io.dunninghub.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.dunninghub.common.ConfigException;
import io.dunninghub.common.YamlFiles;
import io.dunninghub.contact.Contact;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The contact rules checked when a notice is planned and again right before it is sent: the borrower's
 * own-time-zone contact window per channel, channel opt-outs, and a usable address.
 */
public final class ContactPolicy {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final ContactWindow defaultWindow;
    private final Map<String, ContactWindow> windows;
    private final Map<String, ZoneId> zoneByPhoneRegion;
    private final String defaultPhoneRegion;

    public ContactPolicy(ContactWindow defaultWindow, Map<String, ContactWindow> windows,
                         Map<String, ZoneId> zoneByPhoneRegion, String defaultPhoneRegion) {
        this.defaultWindow = defaultWindow;
        this.windows = Map.copyOf(windows);
        this.zoneByPhoneRegion = Map.copyOf(zoneByPhoneRegion);
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    public ContactWindow windowFor(String channel) {
        return windows.getOrDefault(channel, defaultWindow);
    }

    public Decision decide(String channel, Contact contact, Instant now) {
        if (contact == null) {
            return new Decision.Suppress(Reason.NO_CONTACT, "no contact record for borrower");
        }
        if (contact.hasOptedOut(channel)) {
            return new Decision.Suppress(Reason.OPTED_OUT, "borrower opted out of " + channel);
        }
        String address = contact.addressFor(channel);
        if (address == null) {
            return new Decision.Suppress(Reason.NO_ADDRESS, "no " + channel + " address on record");
        }
        if (usesPhone(channel) && parsePhone(address).isEmpty()) {
            return new Decision.Suppress(Reason.INVALID_ADDRESS, "phone number is not valid");
        }
        ContactWindow window = windowFor(channel);
        Optional<ZoneId> zone = zoneOf(contact);
        if (zone.isEmpty()) {
            if (window.isAlways()) {
                return new Decision.Send(now, null, null);
            }
            // Fail closed: contacting at an unknown local hour could be 3 a.m. for the borrower.
            return new Decision.Suppress(Reason.UNKNOWN_TIMEZONE, "no time zone on record or from phone region");
        }
        Instant allowed = window.nextAllowed(now, zone.get());
        return new Decision.Send(allowed, allowed.equals(now) ? null : Reason.QUIET_HOURS, zone.get().getId());
    }

    /** The borrower's zone: from their record, else from the phone number's region when it maps to one zone. */
    public Optional<ZoneId> zoneOf(Contact contact) {
        if (contact.timeZone() != null && !contact.timeZone().isBlank()) {
            try {
                return Optional.of(ZoneId.of(contact.timeZone().strip()));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        if (contact.phone() == null) {
            return Optional.empty();
        }
        return parsePhone(contact.phone())
                .map(PHONES::getRegionCodeForNumber)
                .map(zoneByPhoneRegion::get);
    }

    private static boolean usesPhone(String channel) {
        return channel.equals("sms") || channel.equals("call");
    }

    private Optional<PhoneNumber> parsePhone(String text) {
        try {
            PhoneNumber n = PHONES.parse(text, defaultPhoneRegion);
            return PHONES.isValidNumber(n) ? Optional.of(n) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public static ContactPolicy load(Path file) {
        String f = file.toString();
        JsonNode root = YamlFiles.read(file);
        JsonNode w = root.path("contact-windows");
        ContactWindow def = window(f, "contact-windows.default", YamlFiles.optionalText(w, "default", "08:00-21:00"));
        Map<String, ContactWindow> windows = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = w.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("default")) {
                windows.put(e.getKey(), window(f, "contact-windows." + e.getKey(), e.getValue().asText()));
            }
        }
        JsonNode tz = root.path("time-zone");
        Map<String, ZoneId> zones = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tz.path("by-phone-region").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                zones.put(e.getKey().toUpperCase(java.util.Locale.ROOT), ZoneId.of(e.getValue().asText()));
            } catch (DateTimeException ex) {
                throw new ConfigException(f, "time-zone.by-phone-region." + e.getKey(),
                        "'" + e.getValue().asText() + "' is not an IANA time zone");
            }
        }
        String region = YamlFiles.optionalText(root.path("phone"), "default-region", "CN").toUpperCase(java.util.Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new ConfigException(f, "phone.default-region", "'" + region + "' is not a region code like CN or US");
        }
        return new ContactPolicy(def, windows, zones, region);
    }

    private static ContactWindow window(String file, String key, String text) {
        try {
            return ContactWindow.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, key, e.getMessage());
        }
    }
}
