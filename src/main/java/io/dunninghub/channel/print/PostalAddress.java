package io.dunninghub.channel.print;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A postal address as a print vendor wants it, read from the one free-text address the contacts SQL gives:
 * lines (or comma-separated parts on one line) ending in {@code City, ST 12345} for a US address, and for an
 * address elsewhere a last line {@code City postcode} (with a district or a province code where given) whose parts
 * become fields of their own.
 */
public record PostalAddress(String line1, String line2, String city, String state, String zip, String country) {

    private static final Pattern US_TAIL = Pattern.compile("^(.+?),?\\s+([A-Z]{2})\\s+(\\d{5}(?:-\\d{4})?)$");

    /**
     * @param country ISO country the address is in when it is not a recognisable US address
     * @throws IllegalArgumentException for a US address without city, state and ZIP, or an empty address
     */
    public static PostalAddress parse(String text, String country) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no postal address");
        }
        List<String> lines = new ArrayList<>(text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        if (lines.size() == 1 && lines.get(0).contains(",")) {
            // "101 Main Street, New York, NY 10001": street first, city/state/ZIP last
            String one = lines.get(0);
            int first = one.indexOf(',');
            lines = new ArrayList<>(List.of(one.substring(0, first).strip(), one.substring(first + 1).strip()));
        }
        Matcher us = US_TAIL.matcher(lines.get(lines.size() - 1));
        if (us.matches() && lines.size() >= 2) {
            String line2 = lines.size() > 2 ? String.join(", ", lines.subList(1, lines.size() - 1)) : null;
            return new PostalAddress(lines.get(0), line2, us.group(1).strip(), us.group(2), us.group(3), "US");
        }
        if ("US".equalsIgnoreCase(country)) {
            throw new IllegalArgumentException("US address without 'City, ST 12345' on its last line");
        }
        return international(lines, country.toUpperCase(java.util.Locale.ROOT));
    }

    /** A postcode: letters and digits with at least one digit, as in 200122, SW1A 2AA, C1N 1C4, 75008. */
    private static final Pattern POSTCODE_PART = Pattern.compile("[A-Za-z0-9-]{1,8}");

    /**
     * Outside the US: the first line is the street; the last line, when it ends in a postcode, is
     * {@code [district, ]city[, ST] postcode}; the lines between (and a district) go into line 2.
     */
    private static PostalAddress international(List<String> lines, String country) {
        if (lines.size() < 2) {
            return new PostalAddress(lines.get(0), null, null, null, null, country);
        }
        List<String> between = new ArrayList<>(lines.subList(1, lines.size() - 1));
        List<String> tokens = new ArrayList<>(List.of(lines.get(lines.size() - 1).split("\\s+")));
        List<String> zip = new ArrayList<>();
        while (!tokens.isEmpty() && zip.size() < 2 && POSTCODE_PART.matcher(tokens.get(tokens.size() - 1)).matches()
                && tokens.get(tokens.size() - 1).matches(".*\\d.*")) {
            zip.add(0, tokens.remove(tokens.size() - 1));
        }
        if (zip.isEmpty()) {
            between.add(lines.get(lines.size() - 1));
            return new PostalAddress(lines.get(0), between.isEmpty() ? null : String.join(", ", between), null, null, null,
                    country);
        }
        List<String> parts = new ArrayList<>();
        for (String p : String.join(" ", tokens).split(",")) {
            if (!p.isBlank()) {
                parts.add(p.strip());
            }
        }
        String state = null;
        if (parts.size() >= 2 && parts.get(parts.size() - 1).matches("[A-Z]{2,3}")) {
            state = parts.remove(parts.size() - 1); // a province code after the city: Summerside, PE
        }
        String city = parts.isEmpty() ? null : parts.remove(parts.size() - 1);
        between.addAll(parts); // a district before the city: Pudong New Area, Shanghai
        return new PostalAddress(lines.get(0), between.isEmpty() ? null : String.join(", ", between), city, state,
                String.join(" ", zip), country);
    }
}
