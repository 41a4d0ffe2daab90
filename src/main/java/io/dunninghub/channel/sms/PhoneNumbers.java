package io.dunninghub.channel.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Recipient numbers for SMS and call adapters, checked with libphonenumber before any provider is called.
 * Error messages never hold any part of the number.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The number in E.164 if it is valid and not a sure landline (SMS).
     *
     * @throws IllegalArgumentException with a reason that holds no part of the number
     */
    public static String sms(String recipient, String defaultRegion) {
        PhoneNumber number = parse(recipient, defaultRegion);
        // FIXED_LINE_OR_MOBILE (e.g. all of +1) may well be a mobile: only a sure landline is refused
        if (PHONES.getNumberType(number) == PhoneNumberType.FIXED_LINE) {
            throw new IllegalArgumentException("landline number, not SMS-capable");
        }
        return PHONES.format(number, PhoneNumberFormat.E164);
    }

    /** Any valid number (a dialer may call a landline), in E.164. */
    public static String voice(String recipient, String defaultRegion) {
        return PHONES.format(parse(recipient, defaultRegion), PhoneNumberFormat.E164);
    }

    /**
     * Alibaba's format for an E.164 number: mainland numbers as the 11 national digits, others as country
     * code and number without '+'.
     */
    public static String aliyun(String e164) {
        PhoneNumber n = parse(e164, "ZZ");
        if (n.getCountryCode() == 86) {
            return PHONES.getNationalSignificantNumber(n);
        }
        return n.getCountryCode() + PHONES.getNationalSignificantNumber(n);
    }

    /** Whether an E.164 number is a mainland China number (domestic for Chinese SMS providers). */
    public static boolean isMainlandChina(String e164) {
        return parse(e164, "ZZ").getCountryCode() == 86;
    }

    private static PhoneNumber parse(String recipient, String defaultRegion) {
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("no phone number");
        }
        PhoneNumber number;
        try {
            number = PHONES.parse(recipient, defaultRegion == null ? "ZZ" : defaultRegion.toUpperCase(java.util.Locale.ROOT));
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("not a phone number (" + e.getErrorType() + ")");
        }
        if (!PHONES.isValidNumber(number)) {
            throw new IllegalArgumentException("not a valid phone number");
        }
        return number;
    }
}
