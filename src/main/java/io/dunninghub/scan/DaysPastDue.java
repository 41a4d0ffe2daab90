package io.dunninghub.scan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Days past due are counted in calendar days of the lender's business time zone. */
public final class DaysPastDue {

    private DaysPastDue() {
    }

    public static int between(LocalDate dueDate, LocalDate businessDate) {
        return Math.toIntExact(ChronoUnit.DAYS.between(dueDate, businessDate));
    }

    /** The business date an instant falls on; a scan at 23:30 UTC is already tomorrow in Shanghai. */
    public static LocalDate businessDate(Instant at, ZoneId businessZone) {
        return at.atZone(businessZone).toLocalDate();
    }
}
