package io.dunninghub.outcome;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Words in a borrower's SMS reply that raise a hold until a person has looked at it: dispute words
 * ({@code hub.outcomes.sms.dispute-keywords}, a {@code DISPUTE} hold) and complaint words
 * ({@code hub.outcomes.sms.complaint-keywords}, a {@code COMPLAINT} hold). A reply matches when it contains a
 * keyword, give or take case, full-width letters and runs of spaces. Dispute words are tried first.
 */
public final class ReplyRules {

    /** The defaults of {@code hub.outcomes.sms.dispute-keywords}. */
    public static final String DEFAULT_DISPUTE = "不是我的,不是本人,没有借过,not my debt,not my loan,wrong person";

    public static final ReplyRules NONE = new ReplyRules(List.of(), List.of());

    private final Map<String, List<String>> byHold = new LinkedHashMap<>();

    public ReplyRules(List<String> disputeWords, List<String> complaintWords) {
        byHold.put("DISPUTE", disputeWords.stream().map(ReplyRules::normalise).filter(w -> !w.isEmpty()).toList());
        byHold.put("COMPLAINT", complaintWords.stream().map(ReplyRules::normalise).filter(w -> !w.isEmpty()).toList());
    }

    /** A comma-separated list as the keys hold it. */
    public static List<String> words(String list) {
        return list == null ? List.of() : java.util.Arrays.stream(list.split(",")).map(String::strip)
                .filter(w -> !w.isEmpty()).toList();
    }

    /** The hold kind a reply raises and the keyword that decided, if any. */
    public Optional<Map.Entry<String, String>> holdFor(String reply) {
        if (reply == null || reply.isBlank()) {
            return Optional.empty();
        }
        String text = normalise(reply);
        for (Map.Entry<String, List<String>> e : byHold.entrySet()) {
            for (String word : e.getValue()) {
                if (text.contains(word)) {
                    return Optional.of(Map.entry(e.getKey(), word));
                }
            }
        }
        return Optional.empty();
    }

    private static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
