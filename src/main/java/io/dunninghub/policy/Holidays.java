package io.dunninghub.policy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/** Dates on which a jurisdiction's borrowers are not contacted (in their own calendar). */
public record Holidays(Set<LocalDate> dates) {

    public static final Holidays NONE = new Holidays(Set.of());

    public Holidays {
        dates = Set.copyOf(dates);
    }

    public boolean contains(LocalDate day) {
        return dates.contains(day);
    }

    public boolean isEmpty() {
        return dates.isEmpty();
    }

    /** Adds {@code 2026-10-01} or the inclusive range {@code 2026-10-01..2026-10-07} to {@code into}. */
    static void parse(String text, Set<LocalDate> into) {
        String t = text.strip();
        int dots = t.indexOf("..");
        try {
            if (dots < 0) {
                into.add(LocalDate.parse(t));
                return;
            }
            LocalDate from = LocalDate.parse(t.substring(0, dots).strip());
            LocalDate to = LocalDate.parse(t.substring(dots + 2).strip());
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("'" + text + "' ends before it starts");
            }
            if (from.plusDays(366).isBefore(to)) {
                throw new IllegalArgumentException("'" + text + "' is longer than a year");
            }
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                into.add(d);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date like 2026-10-01 or a range like "
                    + "2026-10-01..2026-10-07", e);
        }
    }

    @Override
    public String toString() {
        return new TreeSet<>(dates).toString();
    }
}
