package io.dunninghub.cli;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * How option values are read, with messages a person can act on: what was given and what the option takes, never
 * the Java type or the parser's exception.
 */
final class OptionValues {

    private OptionValues() {
    }

    static void register(CommandLine cli) {
        cli.registerConverter(LocalDate.class, OptionValues::date);
        cli.registerConverter(OffsetDateTime.class, OptionValues::instantWithOffset);
        cli.registerConverter(BigDecimal.class, OptionValues::amount);
        cli.registerConverter(Integer.class, OptionValues::wholeNumber);
        cli.registerConverter(int.class, OptionValues::wholeNumber);
        cli.registerConverter(Long.class, OptionValues::id);
        cli.registerConverter(long.class, OptionValues::id);
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date like 2026-12-31");
        }
    }

    static OffsetDateTime instantWithOffset(String text) {
        try {
            return OffsetDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not an instant with its offset like "
                    + "2026-11-23T09:00+08:00");
        }
    }

    static BigDecimal amount(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not an amount like 535.50");
        }
    }

    static Integer wholeNumber(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number");
        }
    }

    static Long id(String text) {
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a record number (see the list subcommand)");
        }
    }

    /**
     * {@code --until}: a date (to the end of that day in {@code zone}) or an instant with its offset.
     *
     * @throws UsageError naming the option when it is neither
     */
    static Instant until(String option, String text, ZoneId zone) {
        String t = text.strip();
        try {
            return LocalDate.parse(t).plusDays(1).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new UsageError(option + ": '" + text + "' is not a date like 2026-12-31 or an instant like "
                        + "2026-12-31T18:00+08:00");
            }
        }
    }
}
