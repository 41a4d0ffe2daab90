package io.dunninghub.dispatch;

import io.dunninghub.ledger.NoticeOutcome;
import java.util.Map;
import java.util.TreeMap;

/** Outcomes of dispatching, by event type and channel, with reasons for anything not sent. */
public final class DispatchSummary {

    private final Map<String, Map<String, Long>> byTypeAndChannel = new TreeMap<>();
    private final Map<String, Long> reasons = new TreeMap<>();
    private long released;

    synchronized void add(String channel, NoticeOutcome o) {
        byTypeAndChannel.computeIfAbsent(o.eventType(), k -> new TreeMap<>()).merge(channel, 1L, Long::sum);
        if (o.reason() != null) {
            reasons.merge(o.eventType() + " " + o.reason() + " (" + channel + ")", 1L, Long::sum);
        }
    }

    synchronized void released(int n) {
        released += n;
    }

    public synchronized long count(String eventType, String channel) {
        return byTypeAndChannel.getOrDefault(eventType, Map.of()).getOrDefault(channel, 0L);
    }

    public synchronized long count(String eventType) {
        return byTypeAndChannel.getOrDefault(eventType, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every outcome with an event so far. */
    public synchronized long total() {
        return byTypeAndChannel.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    public synchronized Map<String, Map<String, Long>> byTypeAndChannel() {
        return new TreeMap<>(byTypeAndChannel);
    }

    public synchronized Map<String, Long> reasons() {
        return new TreeMap<>(reasons);
    }

    public synchronized long released() {
        return released;
    }
}
