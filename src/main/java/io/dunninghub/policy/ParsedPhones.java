package io.dunninghub.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Phone numbers as libphonenumber parses them, each text and region parsed once: a borrower's notices are decided
 * one after another (several channels, several debts), and both the address key and the policy read the number.
 * Bounded (the most recent 8,192), shared by all threads.
 */
final class ParsedPhones {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int KEPT = 8192;
    private static final Map<String, Optional<PhoneNumber>> CACHE = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<PhoneNumber>> eldest) {
                    return size() > KEPT;
                }
            });

    private ParsedPhones() {
    }

    /** The number as parsed in {@code region} when it has no country code; empty when it does not parse. */
    static Optional<PhoneNumber> parse(String text, String region) {
        String key = region + '\u0000' + text;
        Optional<PhoneNumber> found = CACHE.get(key);
        if (found == null) {
            try {
                found = Optional.of(PHONES.parse(text, region));
            } catch (NumberParseException e) {
                found = Optional.empty();
            }
            CACHE.put(key, found);
        }
        return found;
    }
}
