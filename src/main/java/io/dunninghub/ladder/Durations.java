package io.dunninghub.ladder;

import java.time.Duration;

/** The durations ladder.yaml writes: {@code 30d}, {@code 2h}, {@code 15m}. */
public final class Durations {

    private Durations() {
    }

    /** Parses {@code 30d}, {@code 2h} or {@code 15m}; null when the text is not one of them. */
    public static Duration parse(String text) {
        if (text == null || !text.strip().matches("[1-9][0-9]{0,5}[dhm]")) {
            return null;
        }
        String t = text.strip();
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** {@code 1 day}, {@code 2 hours}, {@code 90 minutes}. */
    public static String words(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) {
            long days = d.toDays();
            return days + (days == 1 ? " day" : " days");
        }
        if (d.toMinutes() % 60 == 0) {
            long h = d.toHours();
            return h + (h == 1 ? " hour" : " hours");
        }
        return d.toMinutes() + " minutes";
    }
}
