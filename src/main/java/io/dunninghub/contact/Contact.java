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
        Map<String, Object> extra) {

    public Contact {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    /** The address this contact has for a channel, or null when there is none. */
    public String addressFor(String channel) {
        String a = switch (channel) {
            case "sms", "call" -> phone;
            case "email" -> email;
            case "push" -> pushToken;
            case "letter" -> postalAddress;
            default -> phone; // integrator channels (chat apps) key on the mobile number by default
        };
        return a == null || a.isBlank() ? null : a.strip();
    }

    public boolean hasOptedOut(String channel) {
        return optedOut.contains(channel);
    }
}
