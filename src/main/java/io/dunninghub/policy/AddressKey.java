package io.dunninghub.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An address as a one-way key, so per-address opt-outs can be stored and matched without keeping the phone
 * number or e-mail address itself: SHA-256 of the normalised address ({@code phone:+8613800138000},
 * {@code email:zhang.wei@example.com}). A phone number's hash can be found by trying every number, so the
 * opt-out table is still personal data to protect; it is just not readable at a glance.
 */
public final class AddressKey {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private AddressKey() {
    }

    /** The key of {@code address} as used on {@code channel}, or null when there is no address. */
    public static String of(String channel, String address, String defaultRegion) {
        if (address == null || address.isBlank()) {
            return null;
        }
        return sha256(normalised(channel, address, defaultRegion));
    }

    /** The address as it is compared (a phone number in E.164), for masking in listings. */
    public static String normalisedAddress(String channel, String address, String defaultRegion) {
        String n = normalised(channel, address, defaultRegion);
        return n.substring(n.indexOf(':') + 1);
    }

    /**
     * Why {@code address} cannot be an address of {@code channel}'s kind (a phone number that does not parse, an
     * e-mail address without a domain), or null when it can.
     */
    public static String problem(String channel, String address, String defaultRegion) {
        if (address == null || address.isBlank()) {
            return "no address given";
        }
        String a = address.strip();
        return switch (kind(channel)) {
            case "email" -> a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") ? null
                    : "'" + a + "' is not an e-mail address like name@example.com";
            case "push" -> a.matches("\\S+") ? null : "a device token has no spaces";
            case "letter" -> null;
            default -> {
                try {
                    PhoneNumber n = PHONES.parse(a, defaultRegion);
                    yield PHONES.isPossibleNumber(n) ? null : "'" + a + "' is not a phone number";
                } catch (NumberParseException e) {
                    yield "'" + a + "' is not a phone number (give it with its country code, e.g. +86 138 0013 8000)";
                }
            }
        };
    }

    /** The key of a phone number already in E.164 form. */
    public static String ofPhone(String e164) {
        return sha256("phone:" + e164);
    }

    static String normalised(String channel, String address, String defaultRegion) {
        String a = address.strip();
        return switch (kind(channel)) {
            case "email" -> "email:" + a.toLowerCase(Locale.ROOT);
            case "push" -> "push:" + a;
            case "letter" -> "letter:" + a.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            default -> "phone:" + e164(a, defaultRegion);
        };
    }

    /** Which address a channel uses: channels other than e-mail, push and letter use the mobile number. */
    public static String kind(String channel) {
        return switch (channel) {
            case "email", "push", "letter" -> channel;
            default -> "phone";
        };
    }

    private static String e164(String phone, String region) {
        return ParsedPhones.parse(phone, region).map(n -> PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164))
                .orElseGet(() -> phone.replaceAll("[^0-9+]", ""));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
