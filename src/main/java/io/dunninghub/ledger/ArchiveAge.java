package io.dunninghub.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a finished notice stays in the live ledger ({@code hub.retention.archive-after-days}) before
 * {@link LedgerArchive} moves it to the archive tables; {@link #NEVER} keeps every notice live. The live ledger is
 * also the history the hub reasons with (ladder conditions, templates, caps, catching up): a finished notice older
 * than the age is left out of it whether or not the archive job has moved it yet, so what the hub decides does not
 * depend on when the job ran.
 */
public record ArchiveAge(Duration age) {

    /** Nothing is archived, and the whole ledger is history. */
    public static final ArchiveAge NEVER = new ArchiveAge(Duration.ZERO);

    /** The shortest age the configuration accepts (0 aside): a month of history for any ladder. */
    public static final int FLOOR_DAYS = 30;

    /** What the age must exceed the longest window read from the history by. */
    public static final Duration MARGIN = Duration.ofDays(7);

    public ArchiveAge {
        if (age.isNegative()) {
            throw new IllegalArgumentException("an archive age cannot be negative: " + age);
        }
    }

    public static ArchiveAge ofDays(int days) {
        return days == 0 ? NEVER : new ArchiveAge(Duration.ofDays(days));
    }

    public boolean archives() {
        return !age.isZero();
    }

    public long days() {
        return age.toDays();
    }

    /**
     * Finished notices last changed before this instant belong in the archive, and are no longer history;
     * {@link Instant#MIN} when nothing is archived.
     */
    public Instant cutoff(Instant now) {
        return archives() ? now.minus(age) : Instant.MIN;
    }
}
