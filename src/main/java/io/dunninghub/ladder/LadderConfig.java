package io.dunninghub.ladder;

import com.fasterxml.jackson.databind.JsonNode;
import io.dunninghub.common.ConfigException;
import io.dunninghub.common.YamlFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The ladders of {@code ladder.yaml}, validated; picks the ladder for an installment's product and segment. */
public final class LadderConfig {

    private static final Set<String> AUDIENCES = Set.of("borrower");

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
                for (int prev = 0; prev < steps.size(); prev++) {
                    if (steps.get(prev).dpd().overlaps(step.dpd())) {
                        throw new ConfigException(f, lkey + ".steps[" + si + "].dpd", "range " + step.dpd()
                                + " overlaps step '" + steps.get(prev).id() + "' (" + steps.get(prev).dpd() + ")");
                    }
                }
                steps.add(step);
            }
            ladders.add(new Ladder(id, strings(l.get("products")), strings(l.get("segments")), steps));
        }
        return new LadderConfig(ladders);
    }

    private static LadderStep step(Path file, JsonNode s, String key) {
        String f = file.toString();
        String id = YamlFiles.text(file, s, "id", key);
        if (!id.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException(f, key + ".id", "use letters, digits, '-' and '_' only (it is part of the dedupe key)");
        }
        DpdRange range;
        try {
            range = DpdRange.parse(YamlFiles.text(file, s, "dpd", key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(f, key + ".dpd", "not a days-past-due range like 1..3 or 30.. (" + e.getMessage() + ")");
        }
        Integer every = null;
        String everyText = YamlFiles.optionalText(s, "every", null);
        if (everyText != null) {
            if (!everyText.matches("[1-9][0-9]*d")) {
                throw new ConfigException(f, key + ".every", "must be a number of days like 3d, got '" + everyText + "'");
            }
            every = Integer.valueOf(everyText.substring(0, everyText.length() - 1));
        }
        JsonNode ch = s.get("channels");
        if (ch == null || !ch.isArray() || ch.isEmpty()) {
            throw new ConfigException(f, key + ".channels", "must be a non-empty list");
        }
        List<LadderStep.StepChannel> channels = new ArrayList<>();
        for (int ci = 0; ci < ch.size(); ci++) {
            String ckey = key + ".channels[" + ci + "]";
            JsonNode c = ch.get(ci);
            String channel = YamlFiles.text(file, c, "channel", ckey);
            String template = YamlFiles.text(file, c, "template", ckey);
            String audience = YamlFiles.optionalText(c, "audience", "borrower");
            if (!AUDIENCES.contains(audience)) {
                throw new ConfigException(f, ckey + ".audience", "'" + audience + "' is not allowed; only " + AUDIENCES
                        + " is contacted: never relatives, employers or other third parties");
            }
            channels.add(new LadderStep.StepChannel(channel, template, audience));
        }
        return new LadderStep(id, range, every, channels);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (n != null && n.isValueNode()) {
            out.add(n.asText());
        }
        return out;
    }
}
