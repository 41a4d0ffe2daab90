package io.dunninghub.ledger;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * replay and cancel as the CLI and the admin API both run them: the same selection, the same checks, the same
 * events with who and why.
 */
public final class NoticeActions {

    public static final List<String> REPLAYABLE = List.of("DEAD", "FAILED");

    private NoticeActions() {
    }

    /** The notices a command selected, and how many it changed (0 in a dry run). */
    public record Outcome(List<LedgerAdmin.NoticeRow> matched, int changed, boolean dryRun) {

        /** Selected but not changed: being sent at that moment (cancel) or changed by someone else meanwhile. */
        public int skipped() {
            return dryRun ? 0 : matched.size() - changed;
        }
    }

    /** Makes DEAD or FAILED notices due again; {@code statuses} must be DEAD and/or FAILED. */
    public static Outcome replay(LedgerAdmin admin, java.util.function.Function<List<String>, LedgerAdmin.Filter> selection, List<String> statuses, int limit, boolean dryRun,
                          String by, String reason, Instant now) throws SQLException {
        if (statuses == null || statuses.isEmpty()) {
            statuses = REPLAYABLE;
        }
        for (String s : statuses) {
            if (!REPLAYABLE.contains(s)) {
                throw new IllegalArgumentException("status takes DEAD and/or FAILED, not " + s);
            }
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        requireText(by, "by");
        requireText(reason, "reason");
        List<LedgerAdmin.NoticeRow> rows = admin.find(selection.apply(statuses), limit);
        if (dryRun) {
            return new Outcome(rows, 0, true);
        }
        return new Outcome(rows, admin.replay(ids(rows), by, reason, now), false);
    }

    /** Cancels a borrower's or a loan's pending (PLANNED, RETRY) notices. */
    public static Outcome cancel(LedgerAdmin admin, String borrower, String loan, String channel, boolean dryRun, String by,
                          String reason, Instant now) throws SQLException {
        if (blank(borrower) && blank(loan)) {
            throw new IllegalArgumentException("give borrower or loan");
        }
        requireText(reason, "reason");
        requireText(by, "by");
        List<LedgerAdmin.NoticeRow> rows = admin.find(new LedgerAdmin.Filter(List.of("PLANNED", "RETRY"),
                channel, null, blank(borrower) ? null : borrower, blank(loan) ? null : loan, null, null), Integer.MAX_VALUE);
        if (dryRun) {
            return new Outcome(rows, 0, true);
        }
        return new Outcome(rows, admin.cancel(ids(rows), by, reason, now), false);
    }

    private static List<String> ids(List<LedgerAdmin.NoticeRow> rows) {
        return rows.stream().map(LedgerAdmin.NoticeRow::id).toList();
    }

    private static void requireText(String value, String name) {
        if (blank(value)) {
            throw new IllegalArgumentException(name + " is required (who or why is recorded with every change)");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
