package io.dunninghub.web.console;

import io.dunninghub.common.Mask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data in free text as the console shows it to a viewer: every e-mail address and every phone number
 * (seven digits or more, with +, spaces, dots, dashes or brackets between) masked as the logs mask them. The
 * ledger stores addresses masked already; this covers what free text (an event's detail, a note, a message as
 * sent) may still carry.
 */
public final class ConsoleMask {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{5,}\\d");

    private ConsoleMask() {
    }

    public static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        String out = replace(EMAIL, s, Mask::email);
        return replace(PHONE, out, ConsoleMask::phone);
    }

    /** A run of digits that is a phone number (seven digits or more); shorter ones (amounts, dates) stay. */
    private static String phone(String run) {
        String digits = run.replaceAll("\\D", "");
        if (digits.length() < 7 || run.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            return run;
        }
        return Mask.phone(run.startsWith("+") ? "+" + digits : digits);
    }

    private static String replace(Pattern p, String s, java.util.function.UnaryOperator<String> f) {
        Matcher m = p.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m.group())));
        }
        m.appendTail(b);
        return b.toString();
    }
}
