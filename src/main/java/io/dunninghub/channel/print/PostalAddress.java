package io.dunninghub.channel.print;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A postal address as a print vendor wants it, read from the one free-text address the contacts SQL gives:
 * lines (or comma-separated parts on one line) ending in {@code City, ST 12345} for a US address.
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
        String line2 = lines.size() > 1 ? String.join(", ", lines.subList(1, lines.size())) : null;
        return new PostalAddress(lines.get(0), line2, null, null, null, country.toUpperCase(java.util.Locale.ROOT));
    }
}
