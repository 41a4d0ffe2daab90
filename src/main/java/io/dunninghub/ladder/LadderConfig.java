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

    private static final Set<String> LADDER_KEYS = Set.of("id", "products", "segments", "when", "per", "steps",
            "catch-up");
    private static final Set<String> STEP_KEYS = Set.of("id", "dpd", "every", "when", "show-amount", "requires",
            "channels", "track", "if", "unless", "after");
    private static final Set<String> EVIDENCE_KEYS = Set.of("sent", "delivered", "step", "within");
    private static final Set<String> MATCH_KEYS = Set.of("channel", "sent", "delivered", "step", "outcome", "within");
    private static final Set<String> AFTER_KEYS = Set.of("step", "outcome", "wait");
    private static final Set<String> CHANNEL_KEYS = Set.of("channel", "template", "audience", "fallback");
    private static final Set<String> FALLBACK_KEYS = Set.of("channel", "template");
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

    /**
     * Whether planning needs the debts' histories: a step requires earlier notices or reads outcomes, a channel has
     * a fallback for undeliverable notices, or a ladder catches up missed steps.
     */
    public boolean requiresEvidence() {
        return ladders.stream().anyMatch(l -> l.catchUp() || l.steps().stream().anyMatch(s -> s.readsHistory()
                || s.channels().stream().anyMatch(c -> c.fallback() != null)));
    }

    /**
     * Every stated window the ladders read the history over (explicit {@code within}s, {@code after} waits, and for
     * ladders that catch up, back to the end of their last finite one-off step). A condition without {@code within}
     * reads whatever history there is and is not listed.
     */
    public List<HistoryWindow> historyWindows() {
        List<HistoryWindow> out = new ArrayList<>();
        for (int li = 0; li < ladders.size(); li++) {
            Ladder l = ladders.get(li);
            int lastOnce = Integer.MIN_VALUE;
            String lastOnceStep = null;
            for (int si = 0; si < l.steps().size(); si++) {
                LadderStep s = l.steps().get(si);
                String key = "ladders[" + li + "].steps[" + si + "]";
                for (int k = 0; k < s.requires().size(); k++) {
                    Evidence e = s.requires().get(k);
                    if (!e.within().equals(HistoryMatch.EVER)) {
                        out.add(new HistoryWindow(key + ".requires[" + k + "].within", e.within(),
                                "step '" + s.id() + "' requires " + e.describe()));
                    }
                }
                for (StepCondition c : s.conditions()) {
                    if (c instanceof StepCondition.None n && !n.match().within().equals(HistoryMatch.EVER)) {
                        out.add(new HistoryWindow(key + (n.keyword().equals("unless") ? ".unless" : ".if.no") + ".within",
                                n.match().within(), "step '" + s.id() + "': " + n.describe()));
                    } else if (c instanceof StepCondition.After a && !a.waitFor().isZero()) {
                        out.add(new HistoryWindow(key + ".after.wait", a.waitFor(), "step '" + s.id() + "' runs "
                                + a.describe()));
                    }
                }
                if (s.isOnce() && s.dpd().to() != null && s.dpd().to() > lastOnce) {
                    lastOnce = s.dpd().to();
                    lastOnceStep = s.id();
                }
            }
            if (l.catchUp() && lastOnceStep != null && lastOnce > 0) {
                out.add(new HistoryWindow("ladders[" + li + "].catch-up", java.time.Duration.ofDays(lastOnce),
                        "ladder '" + l.id() + "' catches up missed one-off steps, the last ending at " + lastOnce
                                + " days past due (step '" + lastOnceStep + "')"));
            }
        }
        return out;
    }

    /** Whether any ladder plans one notice per borrower (only then is a borrower's whole history read). */
    public boolean plansPerBorrower() {
        return ladders.stream().anyMatch(l -> l.per() == NoticeScope.BORROWER);
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
                    // Two steps of one track may share days only when no installment can meet both steps' conditions.
                    if (prev.track().equals(step.track()) && prev.dpd().overlaps(step.dpd())
                            && !prev.when().excludes(step.when())) {
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
                for (StepCondition c : steps.get(si).conditions()) {
                    String needed = c instanceof StepCondition.After a ? a.stepId()
                            : ((StepCondition.None) c).match().stepId();
                    String where = c instanceof StepCondition.After ? ".after.step"
                            : ((StepCondition.None) c).keyword().equals("unless") ? ".unless.step" : ".if.no.step";
                    if (needed != null && steps.stream().noneMatch(st -> st.id().equals(needed))) {
                        throw new ConfigException(f, lkey + ".steps[" + si + "]" + where,
                                "no step '" + needed + "' in this ladder");
                    }
                }
            }
            JsonNode catchUp = l.get("catch-up");
            ladders.add(new Ladder(id, strings(l.get("products")), strings(l.get("segments")), steps,
                    condition(f, l.get("when"), lkey + ".when"), per, catchUp == null || bool(f, l, "catch-up", lkey)));
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
            LadderStep.StepChannel fallback = null;
            JsonNode fb = c.get("fallback");
            if (fb != null && !fb.isNull()) {
                if (!fb.isObject()) {
                    throw new ConfigException(f, ckey + ".fallback", "must be a map like { channel: sms, template: overdue_early }");
                }
                knownKeys(f, fb, ckey + ".fallback", FALLBACK_KEYS);
                String fch = YamlFiles.text(file, fb, "channel", ckey + ".fallback");
                if (!fch.matches("[a-z][a-z0-9_-]*") || fch.equals(channel)) {
                    throw new ConfigException(f, ckey + ".fallback.channel", "'" + fch + "' must be another channel name");
                }
                fallback = new LadderStep.StepChannel(fch, YamlFiles.optionalText(fb, "template", template), audience);
            }
            channels.add(new LadderStep.StepChannel(channel, template, audience, fallback));
        }
        String track = YamlFiles.optionalText(s, "track", LadderStep.MAIN_TRACK);
        if (!track.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException(f, key + ".track", "use letters, digits, '-' and '_' only");
        }
        List<StepCondition> conditions = new ArrayList<>();
        JsonNode ifNode = s.get("if");
        if (ifNode != null && !ifNode.isNull()) {
            if (!ifNode.isObject() || ifNode.size() != 1 || !ifNode.has("no")) {
                throw new ConfigException(f, key + ".if", "must be { no: { channel: call, outcome: connected, within: 1d } }");
            }
            conditions.add(new StepCondition.None(match(f, ifNode.get("no"), key + ".if.no"), "if no"));
        }
        JsonNode unless = s.get("unless");
        if (unless != null && !unless.isNull()) {
            conditions.add(new StepCondition.None(match(f, unless, key + ".unless"), "unless"));
        }
        JsonNode after = s.get("after");
        if (after != null && !after.isNull()) {
            conditions.add(after(f, after, key + ".after"));
        }
        return new LadderStep(id, range, every, channels, condition(f, s.get("when"), key + ".when"), showAmount,
                requires(f, s.get("requires"), key + ".requires"), conditions, track);
    }

    /** {@code { channel: call, step: day0-call, outcome: [no-answer, busy], delivered: email, within: 1d }}. */
    private static HistoryMatch match(String f, JsonNode m, String key) {
        if (m == null || !m.isObject() || m.isEmpty()) {
            throw new ConfigException(f, key, "must be a map like { channel: call, outcome: connected, within: 1d }");
        }
        knownKeys(f, m, key, MATCH_KEYS);
        int named = (m.has("channel") ? 1 : 0) + (m.has("sent") ? 1 : 0) + (m.has("delivered") ? 1 : 0);
        if (named > 1) {
            throw new ConfigException(f, key, "name the channel once: channel, sent or delivered");
        }
        String field = m.has("delivered") ? "delivered" : m.has("sent") ? "sent" : "channel";
        Set<String> channels = new java.util.TreeSet<>();
        for (String c : strings(m.get(field))) {
            if (!c.matches("[a-z][a-z0-9_-]*")) {
                throw new ConfigException(f, key + "." + field, "'" + c + "' is not a channel name like call or email");
            }
            channels.add(c);
        }
        return new HistoryMatch(channels, YamlFiles.optionalText(m, "step", null), m.has("delivered"),
                outcomes(f, m.get("outcome"), key + ".outcome"), duration(f, m, "within", key, true));
    }

    private static StepCondition.After after(String f, JsonNode a, String key) {
        if (!a.isObject()) {
            throw new ConfigException(f, key, "must be a map like { step: day0-call, outcome: [no-answer, busy], wait: 2h }");
        }
        knownKeys(f, a, key, AFTER_KEYS);
        String step = YamlFiles.optionalText(a, "step", null);
        if (step == null) {
            throw new ConfigException(f, key + ".step", "is required: the step whose outcome this one waits for");
        }
        Set<io.dunninghub.ledger.OutcomeKind> outcomes = outcomes(f, a.get("outcome"), key + ".outcome");
        if (outcomes.isEmpty()) {
            throw new ConfigException(f, key + ".outcome", "is required: the outcomes that let this step run (e.g. "
                    + "[no-answer, busy])");
        }
        return new StepCondition.After(step, outcomes, duration(f, a, "wait", key, false));
    }

    private static Set<io.dunninghub.ledger.OutcomeKind> outcomes(String f, JsonNode n, String key) {
        Set<io.dunninghub.ledger.OutcomeKind> out = new java.util.HashSet<>();
        for (String o : strings(n)) {
            out.add(io.dunninghub.ledger.OutcomeKind.ofLabel(o).orElseThrow(() -> new ConfigException(f, key,
                    "unknown outcome '" + o + "' (known: " + io.dunninghub.ledger.OutcomeKind.labels() + ")")));
        }
        return out;
    }

    /** A duration field like {@code within: 30d} or {@code wait: 2h}; null when absent. */
    private static java.time.Duration duration(String f, JsonNode parent, String field, String key, boolean days) {
        String text = YamlFiles.optionalText(parent, field, null);
        if (text == null) {
            return null;
        }
        java.time.Duration d = Durations.parse(text);
        if (d == null) {
            throw new ConfigException(f, key + "." + field, "must be a duration like 30d, 2h or 15m, got '" + text + "'");
        }
        return d;
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
            java.time.Duration within = duration(f, e, "within", k, true);
            out.add(new Evidence(channels, YamlFiles.optionalText(e, "step", null), delivered,
                    within == null ? HistoryMatch.EVER : within));
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
