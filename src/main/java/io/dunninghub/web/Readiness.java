package io.dunninghub.web;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whether the daemon can do its work right now: each dependency (ledger, core banking database) is up or down
 * with the problem, and each watched condition (a scan stuck) is asked when readiness is. The daemon keeps
 * running while something is down and recovers by itself; this is what a health endpoint reports. Bound in the
 * Camel registry as {@code readiness}.
 */
public final class Readiness {

    private final Map<String, String> down = new ConcurrentHashMap<>();
    private final Map<String, Supplier<String>> watched = new ConcurrentHashMap<>();

    public void up(String component) {
        down.remove(component);
    }

    public void down(String component, String problem) {
        down.put(component, problem == null ? "unavailable" : problem);
    }

    /** A condition asked on every readiness check: its problem, or null while all is well. */
    public void watch(String component, Supplier<String> problem) {
        watched.put(component, problem);
    }

    public boolean isReady() {
        return problems().isEmpty();
    }

    /** Whether a dependency reported down is back (watched conditions do not count here). */
    public boolean isUp(String component) {
        return !down.containsKey(component);
    }

    /** What is down, by component; empty when ready. */
    public Map<String, String> problems() {
        Map<String, String> all = new TreeMap<>(down);
        watched.forEach((component, check) -> {
            String problem = check.get();
            if (problem != null) {
                all.putIfAbsent(component, problem);
            }
        });
        return all;
    }
}
