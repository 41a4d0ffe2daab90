package io.dunninghub.contact;

import java.util.Set;

/**
 * How a borrower can be reached, and where they said no. Read from the core banking database with the
 * configured contacts SQL; only the borrower's own addresses are ever read.
 *
 * @param timeZone IANA zone from the borrower's record, or null when the record has none
 * @param optedOut channels the borrower opted out of (sms, email, push, ...)
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
        Set<String> optedOut) {

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
