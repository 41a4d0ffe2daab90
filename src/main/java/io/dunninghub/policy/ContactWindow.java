package io.dunninghub.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Local hours in which a borrower may be contacted, e.g. 08:00–21:00, evaluated in the borrower's own zone.
 * The end is exclusive: a window to 21:00 allows 20:59 and not 21:00.
 */
public record ContactWindow(LocalTime start, LocalTime end) {

    public static final ContactWindow ALWAYS = new ContactWindow(LocalTime.MIN, LocalTime.MIN);

    /** Parses {@code 08:00-21:00} or {@code always}. */
    public static ContactWindow parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("always")) {
            return ALWAYS;
        }
        String[] parts = t.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a window like 08:00-21:00 or 'always'");
        }
        try {
            LocalTime s = LocalTime.parse(parts[0].strip());
            LocalTime e = LocalTime.parse(parts[1].strip());
            if (s.equals(e)) {
                throw new IllegalArgumentException("'" + text + "' starts and ends at the same time; use 'always'");
            }
            return new ContactWindow(s, e);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' has a bad time: " + e.getParsedString(), e);
        }
    }

    public boolean isAlways() {
        return start.equals(end);
    }

    public boolean allows(LocalTime t) {
        if (isAlways()) {
            return true;
        }
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end);
        }
        return !t.isBefore(start) || t.isBefore(end); // a window across midnight
    }

    /** {@code at} itself when allowed, else the next instant the window opens in {@code zone}. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        if (allows(local.toLocalTime())) {
            return at;
        }
        LocalDate day = local.toLocalDate();
        // Before today's opening: open today; otherwise tomorrow. atZone shifts a DST gap forward.
        ZonedDateTime opening = ZonedDateTime.of(day, start, zone);
        if (!opening.toInstant().isAfter(at)) {
            opening = ZonedDateTime.of(day.plusDays(1), start, zone);
        }
        return opening.toInstant();
    }

    @Override
    public String toString() {
        return isAlways() ? "always" : start + "-" + end;
    }
}
