package io.dunninghub.ladder;

import java.time.Duration;

/**
 * How far back into the ledger's history one part of ladder.yaml looks: a {@code requires}, {@code if} or
 * {@code unless} with {@code within}, an {@code after} with {@code wait}, or catching up a ladder's one-off steps
 * (as far back as its last finite step ends). The live ledger must hold at least that much
 * ({@code hub.retention.archive-after-days}).
 *
 * @param key  the key in ladder.yaml, e.g. {@code ladders[0].steps[5].requires[0].within}
 * @param what in words, e.g. {@code step 'agency' requires a notice of step 'final' within 30 days}
 */
public record HistoryWindow(String key, Duration length, String what) {
}
