package io.dunninghub.channel;

import io.dunninghub.policy.CallWindow;
import io.dunninghub.policy.ContactWindow;
import java.util.HashMap;
import java.util.Map;

/**
 * How and when the person may be reached, for the providers that work a notice later: a dialer's call task, an
 * agency's case. The contact details on record (any of them may be missing: an agency traces) and the call window.
 * {@link #NONE} for every other channel.
 */
public record Reach(String phone, String email, String postalAddress, CallWindow window) {

    public static final Reach NONE = new Reach(null, null, null, CallWindow.NONE);

    /**
     * As request templates see it ({@code ${reach.zone}}): {@code phone}, {@code email}, {@code address},
     * {@code zone}, {@code from} and {@code until} (the window's local hours, null when there is none),
     * {@code askedFrom} and {@code askedUntil} (the hours the person asked for), {@code notAfter} (ISO instant).
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new HashMap<>();
        m.put("phone", phone);
        m.put("email", email);
        m.put("address", postalAddress);
        m.put("zone", window.zone());
        m.put("from", start(window.window()));
        m.put("until", end(window.window()));
        m.put("askedFrom", start(window.askedFor()));
        m.put("askedUntil", end(window.askedFor()));
        m.put("notAfter", window.notAfter() == null ? null : window.notAfter().toString());
        return m;
    }

    private static String start(ContactWindow w) {
        return w == null || w.isAlways() ? null : w.start().toString();
    }

    private static String end(ContactWindow w) {
        return w == null || w.isAlways() ? null : w.end().toString();
    }
}
