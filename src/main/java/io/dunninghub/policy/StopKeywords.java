package io.dunninghub.policy;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises an inbound SMS that revokes consent: the carrier and FCC keywords (STOP, STOPALL, UNSUBSCRIBE,
 * CANCEL, END, QUIT, REVOKE, OPT OUT, OPTOUT) and the Chinese ones (退订, TD, T, 取消). A reply is a stop when it
 * is one of the keywords on its own, give or take punctuation, case and full-width letters, or when it contains
 * a multi-character Chinese keyword (退订) anywhere. "Stop texting me" counts too: an English reply counts
 * when its first word is a Latin keyword.
 */
public final class StopKeywords {

    public static final List<String> DEFAULT = List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "REVOKE", "OPT OUT", "OPTOUT", "退订", "退訂", "TD", "T", "取消");

    private final Set<String> keywords;

    public StopKeywords(Collection<String> extra) {
        Set<String> all = new LinkedHashSet<>();
        DEFAULT.forEach(k -> all.add(normalise(k)));
        extra.forEach(k -> all.add(normalise(k)));
        this.keywords = Set.copyOf(all);
    }

    public static StopKeywords defaults() {
        return new StopKeywords(List.of());
    }

    /** The keyword the message revokes consent with, if any. */
    public Optional<String> match(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String m = normalise(message);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        if (keywords.contains(m)) {
            return Optional.of(m);
        }
        for (String k : keywords) {
            if (isCjk(k) && k.length() > 1 && m.contains(k)) {
                return Optional.of(k);
            }
        }
        String first = m.split(" ", 2)[0];
        if (first.length() > 2 && keywords.contains(first)) { // "STOP please", not "T is for ..."
            return Optional.of(first);
        }
        if (m.startsWith("OPT OUT")) {
            return Optional.of("OPT OUT");
        }
        return Optional.empty();
    }

    public boolean isStop(String message) {
        return match(message).isPresent();
    }

    private static String normalise(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        n = n.replaceAll("[\\p{Punct}\\p{IsPunctuation}\\p{So}]", " ");
        return n.replaceAll("\\s+", " ").strip();
    }

    private static boolean isCjk(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
