package io.dunninghub.ledger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One dedupe key is one notice: {@code installment:step:channel:audience:cycle}. The notice id is derived
 * from it, so every instance planning the same notice arrives at the same id.
 */
public final class DedupeKey {

    private DedupeKey() {
    }

    public static String of(String installmentId, String stepId, String channel, String audience, int cycle) {
        return installmentId + ":" + stepId + ":" + channel + ":" + audience + ":" + cycle;
    }

    public static String noticeId(String dedupeKey) {
        return UUID.nameUUIDFromBytes(dedupeKey.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
