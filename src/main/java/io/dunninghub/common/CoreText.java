package io.dunninghub.common;

/**
 * Text from the core banking database as the hub accepts it: no control characters (a CR/LF in an e-mail address
 * would add a header to a message or a forged line to the log), except line breaks in a postal address. And how such
 * text is written into a log line when it has to be: escaped, one line.
 */
public final class CoreText {

    private CoreText() {
    }

    /** Whether {@code s} holds a control character; {@code lineBreaks} allows CR and LF (a postal address). */
    public static boolean hasControlCharacters(String s, boolean lineBreaks) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (lineBreaks && (c == '\n' || c == '\r')) {
                continue;
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    public static boolean hasControlCharacters(String s) {
        return hasControlCharacters(s, false);
    }

    /** {@code s} for a log line: control characters as {@code \n}, {@code \r}, {@code \t} or {@code \u0007}. */
    public static String escape(String s) {
        if (s == null || !hasControlCharacters(s, false)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
