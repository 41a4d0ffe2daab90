package io.dunninghub.web.console;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ladder would do for one borrower over the coming days: the simulator's decisions (daemon/Simulator,
 * on a scratch ledger, nothing sent), laid out by the console as a calendar of weeks. The daemon supplies the
 * implementation; {@link #NONE} when it cannot simulate.
 */
@FunctionalInterface
public interface LadderCalendar {

    /** One decision of a simulated day, as the scratch ledger recorded it. */
    record Decision(Instant at, String debt, String step, String channel, String template, String event,
                    String reason, String detail) {
    }

    /** Every decision about {@code borrowerId} from {@code from} for {@code days} days, in time order. */
    List<Decision> simulate(String borrowerId, LocalDate from, int days) throws Exception;

    LadderCalendar NONE = (borrower, from, days) -> {
        throw new IllegalStateException("the ladder cannot be simulated here");
    };

    /** One day of the grid: its decisions without the PLANNED events (a plan is not yet a decision to contact). */
    record Day(LocalDate date, boolean inRange, List<Decision> decisions) {

        public boolean weekend() {
            return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        }
    }

    /** Monday-to-Sunday weeks covering {@code from} .. {@code from + days - 1}, each day with its decisions. */
    static List<List<Day>> weeks(List<Decision> decisions, LocalDate from, int days, ZoneId zone) {
        Map<LocalDate, List<Decision>> byDate = new LinkedHashMap<>();
        for (Decision d : decisions) {
            if (!"PLANNED".equals(d.event())) {
                byDate.computeIfAbsent(d.at().atZone(zone).toLocalDate(), x -> new ArrayList<>()).add(d);
            }
        }
        LocalDate last = from.plusDays(days - 1L);
        LocalDate start = from.minusDays(from.getDayOfWeek().getValue() - 1L);
        List<List<Day>> weeks = new ArrayList<>();
        for (LocalDate monday = start; !monday.isAfter(last); monday = monday.plusWeeks(1)) {
            List<Day> week = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                LocalDate d = monday.plusDays(i);
                boolean in = !d.isBefore(from) && !d.isAfter(last);
                week.add(new Day(d, in, in ? byDate.getOrDefault(d, List.of()) : List.of()));
            }
            weeks.add(week);
        }
        return weeks;
    }
}
