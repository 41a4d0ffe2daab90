package io.dunninghub.ledger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One dedupe key is one notice: {@code <debt>:step:channel:audience:cycle}, where the debt is the installment id
 * (notices about one installment, as the hub always wrote them), {@code loan/<loan id>} or
 * {@code borrower/<borrower id>}. The notice id is derived from it, so every instance planning the same notice
 * arrives at the same id.
 */
public final class DedupeKey {

    private DedupeKey() {
    }

    /** The cycle of a notice that catches up a step the debt missed (its key ends in {@code catch-up}). */
    public static final int CATCH_UP = -1;

    public static String of(String installmentId, String stepId, String channel, String audience, int cycle) {
        return installmentId + ":" + stepId + ":" + channel + ":" + audience + ":"
                + (cycle == CATCH_UP ? "catch-up" : String.valueOf(cycle));
    }

    /** The key of a notice about a debt: {@code scopeId} is the installment, loan or borrower id. */
    public static String of(NoticeScope scope, String scopeId, String stepId, String channel, String audience,
                            int cycle) {
        String debt = scope == NoticeScope.INSTALLMENT ? scopeId : scope.label() + "/" + scopeId;
        return of(debt, stepId, channel, audience, cycle);
    }

    public static String noticeId(String dedupeKey) {
        return UUID.nameUUIDFromBytes(dedupeKey.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
