package io.dunninghub.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contact rules of one jurisdiction (the top level of policy.yaml is the default one): contact windows per
 * channel, holidays, caps, the cool-down after a conversation, who may be contacted, whether a work e-mail
 * address may be used, and the grace after a promised payment date.
 */
public record Jurisdiction(String name, Set<String> regions, ContactWindow defaultWindow,
                           Map<String, ContactWindow> windows, Holidays holidays, Caps caps, Duration coolDown,
                           Set<String> coolDownChannels, List<String> audiences, boolean blockWorkEmail,
                           int promiseGraceDays) {

    public Jurisdiction {
        regions = Set.copyOf(regions);
        windows = Map.copyOf(windows);
        coolDownChannels = Set.copyOf(coolDownChannels);
        audiences = List.copyOf(audiences);
    }

    public ContactWindow windowFor(String channel) {
        return windows.getOrDefault(channel, defaultWindow);
    }

    public boolean coolsDown(String channel) {
        return !coolDown.isZero() && (coolDownChannels.isEmpty() || coolDownChannels.contains(channel));
    }
}
