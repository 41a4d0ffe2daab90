package io.dunninghub.policy;

import java.util.Map;

/**
 * Most contacts of one person, per local day and per rolling 7 days, for each channel and across all channels
 * ({@code all}): counted over every debt of the borrower ({@code borrower*}) and for one debt ({@code debt*}).
 * {@code connected-calls} caps call tasks by the calls that reached the person.
 * A missing entry does not limit.
 */
public record Caps(Map<String, Integer> borrowerDay, Map<String, Integer> borrowerWeek,
                   Map<String, Integer> debtDay, Map<String, Integer> debtWeek) {

    public static final String ALL = "all";
    /**
     * Calls in which someone spoke with the person (the dialer's connected, promise-to-pay, dispute, refused
     * results): counted instead of call tasks handed out, as China's rules count them (at most three a day).
     */
    public static final String CONNECTED_CALLS = "connected-calls";
    public static final Caps NONE = new Caps(Map.of(), Map.of(), Map.of(), Map.of());

    public Caps {
        borrowerDay = Map.copyOf(borrowerDay);
        borrowerWeek = Map.copyOf(borrowerWeek);
        debtDay = Map.copyOf(debtDay);
        debtWeek = Map.copyOf(debtWeek);
    }

    public boolean isEmpty() {
        return borrowerDay.isEmpty() && borrowerWeek.isEmpty() && debtDay.isEmpty() && debtWeek.isEmpty();
    }
}
