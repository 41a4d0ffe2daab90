package io.dunninghub.daemon;

import io.dunninghub.config.HubConfig;
import io.dunninghub.web.console.LadderCalendar;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The console's ladder calendar: {@link Simulator} for one borrower from a day on, with nothing scripted, on its own
 * scratch ledger (the real ledger only read for the borrower's history, nothing sent), as {@code simulate --borrower}
 * runs it. The configuration is the one in force when the page is asked for.
 */
final class ConsoleCalendar implements LadderCalendar {

    /** The day's scan in the simulation, as {@code simulate} runs it by default. */
    static final LocalTime SCAN_AT = LocalTime.of(10, 0);

    private final Supplier<HubConfig> config;

    ConsoleCalendar(Supplier<HubConfig> config) {
        this.config = config;
    }

    @Override
    public List<Decision> simulate(String borrowerId, LocalDate from, int days) throws Exception {
        List<Decision> out = new ArrayList<>();
        try (Simulator sim = Simulator.open(config.get(), borrowerId, List.of(), SCAN_AT, from)) {
            for (int d = 0; d < days; d++) {
                for (Simulator.Line l : sim.day(from.plusDays(d))) {
                    out.add(new Decision(l.at(), l.debt(), l.step(), l.channel(), l.template(), l.event(), l.reason(),
                            l.detail()));
                }
            }
        }
        return out;
    }
}
