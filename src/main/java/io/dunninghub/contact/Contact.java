package io.dunninghub.contact;

import java.util.Map;
import java.util.Set;

/**
 * How a person the hub may contact about a debt can be reached, and where they said no: the borrower, or a
 * co-borrower or guarantor of the loan. Read from the core banking database with the configured SQL.
 *
 * @param timeZone       IANA zone from the record, or null when the record has none
 * @param optedOut       channels the person opted out of in the core database (sms, email, push, ...)
 * @param country        ISO 3166 region of the person's residence (picks the jurisdiction), or null
 * @param emailIsWork    the e-mail address is known to be an employer's
 * @param preferredHours local hours the person asked to be contacted in (e.g. 18:00-21:00), or null
 * @param role           {@code borrower}, {@code co-borrower} or {@code guarantor}
 * @param partyId        the co-borrower's or guarantor's id in the core database; null for the borrower
 * @param refused        why the core record cannot be used (a field with control characters, left out), or null;
 *                       no notice goes to a refused contact
 * @param extra          the contacts query's other columns by label, passed to templates ({@code borrower.x})
 */
public record Contact(
        String borrowerId,
        String name,
        String locale,
        String timeZone,
        String phone,
        String email,
        String pushToken,
        String postalAddress,
        Set<String> optedOut,
        String country,
        boolean emailIsWork,
        String preferredHours,
        String role,
        String partyId,
        String refused,
        Map<String, Object> extra) {

    public Contact {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    /** A usable contact record. */
    public Contact(String borrowerId, String name, String locale, String timeZone, String phone, String email,
                   String pushToken, String postalAddress, Set<String> optedOut, String country, boolean emailIsWork,
                   String preferredHours, String role, String partyId) {
        this(borrowerId, name, locale, timeZone, phone, email, pushToken, postalAddress, optedOut, country, emailIsWork,
                preferredHours, role, partyId, null, Map.of());
    }

    /** A usable contact record with the contacts query's other columns. */
    public Contact(String borrowerId, String name, String locale, String timeZone, String phone, String email,
                   String pushToken, String postalAddress, Set<String> optedOut, String country, boolean emailIsWork,
                   String preferredHours, String role, String partyId, Map<String, Object> extra) {
        this(borrowerId, name, locale, timeZone, phone, email, pushToken, postalAddress, optedOut, country, emailIsWork,
                preferredHours, role, partyId, null, extra);
    }

    /**
     * The record as read from the core database, or refused when a field holds control characters: those fields are
     * left out, so they reach no message, ledger row or log line, and {@link #refused} says which.
     */
    public static Contact read(String borrowerId, String name, String locale, String timeZone, String phone,
                               String email, String pushToken, String postalAddress, Set<String> optedOut,
                               String country, boolean emailIsWork, String preferredHours, String role, String partyId,
                               Map<String, Object> extra) {
        java.util.List<String> bad = new java.util.ArrayList<>();
        String[] fields = {borrowerId, name, locale, timeZone, phone, email, pushToken, postalAddress, country,
                preferredHours, partyId};
        String[] names = {"borrower_id", "name", "locale", "time_zone", "phone", "email", "push_token",
                "postal_address", "country", "contact_hours", "party_id"};
        for (int i = 0; i < fields.length; i++) {
            // a postal address may run over several lines
            if (io.dunninghub.common.CoreText.hasControlCharacters(fields[i], names[i].equals("postal_address"))) {
                bad.add(names[i]);
                fields[i] = null;
            }
        }
        Map<String, Object> clean = new java.util.LinkedHashMap<>();
        (extra == null ? Map.<String, Object>of() : extra).forEach((k, v) -> {
            if (v instanceof String text && io.dunninghub.common.CoreText.hasControlCharacters(text, false)) {
                bad.add(k);
            } else {
                clean.put(k, v);
            }
        });
        return new Contact(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7],
                optedOut, fields[8], emailIsWork, fields[9], role, fields[10], bad.isEmpty() ? null
                : "control characters in the core record's " + String.join(", ", bad) + " (left out; fix the record)",
                clean);
    }

    /** The recipient of an agency hand-off for a person with no phone, e-mail or postal address on record. */
    public static final String NO_DETAILS = "(no contact details on record)";

    /**
     * The address this contact has for a channel, or null when there is none. An agency is handed the case with
     * whatever exists (phone, else e-mail, else postal address, else none): tracing is its job.
     */
    public String addressFor(String channel) {
        if ("agency".equals(channel)) {
            for (String a : new String[] {phone, email, postalAddress}) {
                if (a != null && !a.isBlank()) {
                    return a.strip();
                }
            }
            return NO_DETAILS;
        }
        String a = switch (channel) {
            case "sms", "call" -> phone;
            case "email" -> email;
            case "push" -> pushToken;
            case "letter" -> postalAddress;
            // the app's own inbox reaches the borrower by their id: no phone needed
            case "inbox" -> borrowerId;
            // integrator channels (chat apps) key on the mobile number, or on the person's id when there is none
            default -> phone != null && !phone.isBlank() ? phone : borrowerId != null ? borrowerId : partyId;
        };
        return a == null || a.isBlank() ? null : a.strip();
    }

    public boolean hasOptedOut(String channel) {
        return optedOut.contains(channel);
    }
}
