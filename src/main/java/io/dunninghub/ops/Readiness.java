package io.dunninghub.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the daemon can do its work right now: each dependency (ledger, core banking database) is up or down
 * with the problem. The daemon keeps running while something is down and recovers by itself; this is what a
 * health endpoint reports. Bound in the Camel registry as {@code readiness}.
 */
public final class Readiness {

    private final Map<String, String> down = new ConcurrentHashMap<>();

    public void up(String component) {
        down.remove(component);
    }

    public void down(String component, String problem) {
        down.put(component, problem == null ? "unavailable" : problem);
    }

    public boolean isReady() {
        return down.isEmpty();
    }

    public boolean isUp(String component) {
        return !down.containsKey(component);
    }

    /** What is down, by component; empty when ready. */
    public Map<String, String> problems() {
        return new TreeMap<>(down);
    }
}
