package io.dunninghub.ladder;

import com.fasterxml.jackson.databind.JsonNode;
import io.dunninghub.common.ConfigException;
import io.dunninghub.common.YamlFiles;
import io.dunninghub.ledger.NoticeScope;
import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The ladders of {@code ladder.yaml}, validated; picks the ladder for an installment. */
public final class LadderConfig {

    private static final Set<String> LADDER_KEYS = Set.of("id", "products", "segments", "when", "per", "steps");
    private static final Set<String> STEP_KEYS = Set.of("id", "dpd", "every", "when", "show-amount", "requires",
            "channels");
    private static final Set<String> EVIDENCE_KEYS = Set.of("sent", "delivered", "step", "within");
    private static final Set<String> CHANNEL_KEYS = Set.of("channel", "template", "audience");
    private static final Set<String> WHEN_KEYS = Set.of("products", "segments", "amount-overdue", "default");

    private final List<Ladder> ladders;

    public LadderConfig(List<Ladder> ladders) {
        this.ladders = List.copyOf(ladders);
    }

    public List<Ladder> ladders() {
        return ladders;
    }

    /** The first ladder whose product and segment conditions match. */
    public Optional<Ladder> ladderFor(String product, String segment) {
        return ladders.stream().filter(l -> l.appliesTo(product, segment)).findFirst();
    }

    /** The first ladder whose conditions (product, segment, amount, first or repeat default) match. */
    public Optional<Ladder> ladderFor(Installment i) {
        return ladders.stream().filter(l -> l.appliesTo(i)).findFirst();
    }

    public Optional<Ladder> ladder(String id) {
        return ladders.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** The earliest day any step starts; negative when a ladder reminds before the due date. */
    public int earliestDaysPastDue() {
        return ladders.stream().flatMap(l -> l.steps().stream()).mapToInt(s -> s.dpd().from()).min().orElse(1);
    }

    /** Whether any step requires earlier notices (then the debts' histories are read when planning). */
    public boolean requiresEvidence() {
        return ladders.stream().flatMap(l -> l.steps().stream()).anyMatch(s -> !s.requires().isEmpty());
    }

    /** Whether any step is addressed to someone other than the borrower (then parties must be looked up). */
    public boolean hasParties() {
        return ladders.stream().flatMap(l -> l.steps().stream()).flatMap(s -> s.channels().stream())
                .anyMatch(c -> !Audience.BORROWER.equals(c.audience()));
    }

    public static LadderConfig load(Path file) {
        String f = file.toString();
        JsonNode root = YamlFiles.read(file);
        JsonNode list = root.get("ladders");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ConfigException(f, "ladders", "must be a non-empty list");
        }
        List<Ladder> ladders = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int li = 0; li < list.size(); li++) {
            JsonNode l = list.get(li);
            String lkey = "ladders[" + li + "]";
            knownKeys(f, l, lkey, LADDER_KEYS);
            String id = YamlFiles.text(file, l, "id", lkey);
            if (!ids.add(id)) {
                throw new ConfigException(f, lkey + ".id", "duplicate ladder id '" + id + "'");
            }
            JsonNode stepsNode = l.get("steps");
            if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
                throw new ConfigException(f, lkey + ".steps", "must be a non-empty list");
            }
            List<LadderStep> steps = new ArrayList<>();
            Set<String> stepIds = new HashSet<>();
            for (int si = 0; si < stepsNode.size(); si++) {
                LadderStep step = step(file, stepsNode.get(si), lkey + ".steps[" + si + "]");
                if (!stepIds.add(step.id())) {
                    throw new ConfigException(f, lkey + ".steps[" + si + "].id", "duplicate step id '" + step.id() + "'");
                }
                for (LadderStep prev : steps) {
                    // Two steps may share days only when no installment can meet both steps' conditions.
                    if (prev.dpd().overlaps(step.dpd()) && !prev.when().excludes(step.when())) {
                        throw new ConfigException(f, lkey + ".steps[" + si + "].dpd", "range " + step.dpd()
                                + " overlaps step '" + prev.id() + "' (" + prev.dpd() + ")"
                                + (prev.when().isAlways() && step.when().isAlways() ? ""
                                : " and their 'when' conditions can both hold"));
                    }
                }
                steps.add(step);
            }
            NoticeScope per = scope(f, YamlFiles.optionalText(l, "per", "loan"), lkey + ".per");
            if (per == NoticeScope.BORROWER) {
                for (int si = 0; si < steps.size(); si++) {
                    for (int ci = 0; ci < steps.get(si).channels().size(); ci++) {
                        if (!Audience.BORROWER.equals(steps.get(si).channels().get(ci).audience())) {
                            throw new ConfigException(f, lkey + ".steps[" + si + "].channels[" + ci + "].audience",
                                    "a ladder per borrower writes to the borrower only: co-borrowers and guarantors "
                                            + "are parties to one loan (use per: loan)");
                        }
                    }
                }
            }
            for (int si = 0; si < steps.size(); si++) {
                for (int ri = 0; ri < steps.get(si).requires().size(); ri++) {
                    String needed = steps.get(si).requires().get(ri).stepId();
                    if (needed != null && steps.stream().noneMatch(st -> st.id().equals(needed))) {
                        throw new ConfigException(f, lkey + ".steps[" + si + "].requires[" + ri + "].step",
                                "no step '" + needed + "' in this ladder");
                    }
                }
            }
            ladders.add(new Ladder(id, strings(l.get("products")), strings(l.get("segments")), steps,
                    condition(f, l.get("when"), lkey + ".when"), per));
        }
        return new LadderConfig(ladders);
    }

    private static LadderStep step(Path file, JsonNode s, String key) {
        String f = file.toString();
        knownKeys(f, s, key, STEP_KEYS);
        String id = YamlFiles.text(file, s, "id", key);
        if (!id.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException(f, key + ".id", "use letters, digits, '-' and '_' only (it is part of the dedupe key)");
        }
        DpdRange range;
        try {
            range = DpdRange.parse(YamlFiles.text(file, s, "dpd", key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(f, key + ".dpd", "not a days-past-due range like 1..3, 30.. or -3..-1 (" + e.getMessage() + ")");
        }
        Integer every = null;
        String everyText = YamlFiles.optionalText(s, "every", null);
        if (everyText != null) {
            if (!everyText.matches("[1-9][0-9]*d")) {
                throw new ConfigException(f, key + ".every", "must be a number of days like 3d, got '" + everyText + "'");
            }
            every = Integer.valueOf(everyText.substring(0, everyText.length() - 1));
        }
        boolean showAmount = bool(f, s, "show-amount", key);
        JsonNode ch = s.get("channels");
        if (ch == null || !ch.isArray() || ch.isEmpty()) {
            throw new ConfigException(f, key + ".channels", "must be a non-empty list");
        }
        List<LadderStep.StepChannel> channels = new ArrayList<>();
        for (int ci = 0; ci < ch.size(); ci++) {
            String ckey = key + ".channels[" + ci + "]";
            JsonNode c = ch.get(ci);
            knownKeys(f, c, ckey, CHANNEL_KEYS);
            String channel = YamlFiles.text(file, c, "channel", ckey);
            if (!channel.matches("[a-z][a-z0-9_-]*")) {
                throw new ConfigException(f, ckey + ".channel", "'" + channel + "' is not a channel name like sms or wechat");
            }
            String template = YamlFiles.text(file, c, "template", ckey);
            String audience = YamlFiles.optionalText(c, "audience", Audience.BORROWER);
            if (!Audience.ALL.contains(audience)) {
                throw new ConfigException(f, ckey + ".audience", "'" + audience + "' is not allowed; only " + Audience.ALL
                        + " are contacted: never relatives, employers or other third parties");
            }
            channels.add(new LadderStep.StepChannel(channel, template, audience));
        }
        return new LadderStep(id, range, every, channels, condition(f, s.get("when"), key + ".when"), showAmount,
                requires(f, s.get("requires"), key + ".requires"));
    }

    private static NoticeScope scope(String f, String text, String key) {
        return switch (text) {
            case "loan" -> NoticeScope.LOAN;
            case "borrower" -> NoticeScope.BORROWER;
            case "installment" -> NoticeScope.INSTALLMENT;
            default -> throw new ConfigException(f, key, "must be loan, borrower or installment, got '" + text + "'");
        };
    }

    /** {@code requires: [ { delivered: letter, step: formal, within: 30d } ]}: what earlier notices must show. */
    private static List<Evidence> requires(String f, JsonNode n, String key) {
        List<Evidence> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new ConfigException(f, key, "must be a list like [ { delivered: letter, within: 30d } ]");
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            String k = key + "[" + i + "]";
            if (!e.isObject()) {
                throw new ConfigException(f, k, "must be a map like { sent: email, within: 7d }");
            }
            knownKeys(f, e, k, EVIDENCE_KEYS);
            boolean delivered = e.has("delivered");
            if (delivered == e.has("sent")) {
                throw new ConfigException(f, k, "needs either sent: <channels> or delivered: <channels>");
            }
            JsonNode ch = e.get(delivered ? "delivered" : "sent");
            Set<String> channels = new java.util.TreeSet<>();
            for (String c : strings(ch)) {
                if (!c.equals("any")) {
                    if (!c.matches("[a-z][a-z0-9_-]*")) {
                        throw new ConfigException(f, k + (delivered ? ".delivered" : ".sent"),
                                "'" + c + "' is not a channel name like email or letter (or any)");
                    }
                    channels.add(c);
                }
            }
            String within = YamlFiles.optionalText(e, "within", null);
            if (within == null || !within.matches("[1-9][0-9]*d")) {
                throw new ConfigException(f, k + ".within", "must be a number of days like 30d, got '" + within + "'");
            }
            out.add(new Evidence(channels, YamlFiles.optionalText(e, "step", null), delivered,
                    java.time.Duration.ofDays(Long.parseLong(within.substring(0, within.length() - 1)))));
        }
        return out;
    }

    private static Condition condition(String f, JsonNode w, String key) {
        if (w == null || w.isNull()) {
            return Condition.ALWAYS;
        }
        if (!w.isObject()) {
            throw new ConfigException(f, key, "must be a map of products, segments, amount-overdue, default");
        }
        knownKeys(f, w, key, WHEN_KEYS);
        BigDecimal min = null;
        BigDecimal below = null;
        JsonNode amount = w.get("amount-overdue");
        if (amount != null) {
            if (!amount.isObject()) {
                throw new ConfigException(f, key + ".amount-overdue", "must be { min: 100 } and/or { below: 5000 }");
            }
            knownKeys(f, amount, key + ".amount-overdue", Set.of("min", "below"));
            min = decimal(f, amount.get("min"), key + ".amount-overdue.min");
            below = decimal(f, amount.get("below"), key + ".amount-overdue.below");
            if (min != null && below != null && below.compareTo(min) <= 0) {
                throw new ConfigException(f, key + ".amount-overdue", "below (" + below.toPlainString()
                        + ") must be greater than min (" + min.toPlainString() + ")");
            }
        }
        Condition.DefaultKind kind;
        try {
            kind = Condition.DefaultKind.parse(YamlFiles.optionalText(w, "default", "any"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(f, key + ".default", e.getMessage());
        }
        return new Condition(strings(w.get("products")), strings(w.get("segments")), min, below, kind);
    }

    private static BigDecimal decimal(String f, JsonNode n, String key) {
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(n.asText().strip());
            if (d.signum() < 0) {
                throw new ConfigException(f, key, "must not be negative, got " + n.asText());
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(f, key, "must be an amount like 500 or 99.50, got '" + n.asText() + "'");
        }
    }

    private static boolean bool(String f, JsonNode parent, String field, String key) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean() && !v.asText().matches("true|false")) {
            throw new ConfigException(f, key + "." + field, "must be true or false, got '" + v.asText() + "'");
        }
        return v.asBoolean() || "true".equals(v.asText());
    }

    /** A typo like 'show-amout: true' must not be silently ignored. */
    static void knownKeys(String f, JsonNode node, String key, Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new ConfigException(f, key + "." + name, "unknown key (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (n != null && n.isValueNode() && !n.isNull()) {
            out.add(n.asText());
        }
        return out;
    }
}
