package io.dunninghub.plan;

import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of one planning pass: new notices by channel, suppressions by reason, deferrals. */
public final class PlanSummary {

    private long rows;
    private long badRows;
    private long millis;
    private final AtomicLong candidates = new AtomicLong();
    private final Map<String, Long> plannedByChannel = new TreeMap<>();
    private final Map<String, Long> suppressedByReason = new TreeMap<>();
    private final Map<String, Long> deferredByReason = new TreeMap<>();
    private final Map<String, Long> suppressedByChannel = new TreeMap<>();
    private final Map<String, Long> deferredByChannel = new TreeMap<>();
    private long newNotices;

    synchronized void candidates(int n) {
        candidates.addAndGet(n);
    }

    synchronized void planned(NoticeDraft d) {
        newNotices++;
        if (d.status() == NoticeStatus.SUPPRESSED) {
            suppressedByReason.merge(d.reason() + " (" + d.channel() + ")", 1L, Long::sum);
            suppressedByChannel.merge(d.channel(), 1L, Long::sum);
        } else {
            plannedByChannel.merge(d.channel(), 1L, Long::sum);
            if (d.deferredBy() != null) {
                deferredByReason.merge(d.deferredBy() + " (" + d.channel() + ")", 1L, Long::sum);
                deferredByChannel.merge(d.channel(), 1L, Long::sum);
            }
        }
    }

    /** Rows of hub.parties.sql refused because their role makes them a third party (a relative, an employer). */
    synchronized void refusedParties(Map<String, Integer> byRole) {
        byRole.forEach((role, n) -> suppressedByReason.merge("THIRD_PARTY (" + role + " rows ignored)", (long) n, Long::sum));
    }

    synchronized void scanned(long rows, long badRows, long millis) {
        this.rows = rows;
        this.badRows = badRows;
        this.millis = millis;
    }

    public long rows() {
        return rows;
    }

    public long badRows() {
        return badRows;
    }

    public long millis() {
        return millis;
    }

    public long newNotices() {
        return newNotices;
    }

    public long alreadyPlanned() {
        return candidates.get() - newNotices;
    }

    public Map<String, Long> plannedByChannel() {
        return plannedByChannel;
    }

    public Map<String, Long> suppressedByReason() {
        return suppressedByReason;
    }

    public Map<String, Long> deferredByReason() {
        return deferredByReason;
    }

    /** New notices suppressed when planned, by channel (the rows of hub.parties.sql refused are not notices). */
    public Map<String, Long> suppressedByChannel() {
        return suppressedByChannel;
    }

    /** New notices planned for later than now (quiet hours, caps, ...), by channel. */
    public Map<String, Long> deferredByChannel() {
        return deferredByChannel;
    }
}
