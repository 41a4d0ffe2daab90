package io.dunninghub.ladder;

/**
 * A days-past-due range written {@code 1..3}, {@code 30..} (open end) or {@code -3..-1} (before the due date).
 */
public record DpdRange(int from, Integer to) {

    public static DpdRange parse(String text) {
        String t = text.strip();
        int dots = t.indexOf("..");
        if (dots < 0) {
            int day = Integer.parseInt(t);
            return new DpdRange(day, day);
        }
        int from = Integer.parseInt(t.substring(0, dots).strip());
        String end = t.substring(dots + 2).strip();
        Integer to = end.isEmpty() ? null : Integer.valueOf(end);
        if (to != null && to < from) {
            throw new IllegalArgumentException("range end " + to + " is before its start " + from);
        }
        return new DpdRange(from, to);
    }

    public boolean contains(int dpd) {
        return dpd >= from && (to == null || dpd <= to);
    }

    public boolean overlaps(DpdRange other) {
        int thisEnd = to == null ? Integer.MAX_VALUE : to;
        int otherEnd = other.to == null ? Integer.MAX_VALUE : other.to;
        return from <= otherEnd && other.from <= thisEnd;
    }

    @Override
    public String toString() {
        return from + ".." + (to == null ? "" : to);
    }
}
