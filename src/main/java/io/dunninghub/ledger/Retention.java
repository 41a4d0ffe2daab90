package io.dunninghub.ledger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily retention job ({@code hub.retention.*}, route {@code retention} in routes/hub.yaml): deletes the content
 * of notices sent longer ago than the content period and replaces personal data older than the personal-data period
 * with hashes ({@link Erasure#expire}); then moves finished notices older than the archive age to the archive
 * ({@link LedgerArchive}). Running twice, or on every instance at once, changes nothing more: values already
 * replaced are skipped, and archiving instances take turns on the rows (SKIP LOCKED). Erasure runs first so the
 * archive receives rows already past their personal-data period as hashes; the next run's erasure also reads the
 * archive, so nothing depends on the order.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** How often a long archive run says how far it has got. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /** How long content and personal data stay. */
    public record Periods(Duration content, Duration personalData) {
    }

    /** What one run did: the values erased, the notices archived. */
    public record Run(Erasure.Result erased, LedgerArchive.Result archived) {
    }

    private final Erasure erasure;
    private final Periods periods;
    private final LedgerArchive archive;
    private final ArchiveAge age;
    private final int batchSize;
    private final Clock clock;

    /**
     * @param age       finished notices older than this are archived; {@link ArchiveAge#NEVER}: none
     * @param batchSize notices moved per transaction
     */
    public Retention(Erasure erasure, Periods periods, LedgerArchive archive, ArchiveAge age, int batchSize, Clock clock) {
        this.erasure = erasure;
        this.periods = periods;
        this.archive = archive;
        this.age = age;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** One run, from the route's timer. */
    public Run run() throws SQLException {
        Instant now = clock.instant();
        Erasure.Result r = erasure.expire(now.minus(periods.content()), now.minus(periods.personalData()),
                "retention", now);
        if (r.total() > 0) {
            LOG.info("retention: erasure #{}: {}", r.erasureId(), r.summary());
        } else {
            LOG.debug("retention: nothing past its period");
        }
        LedgerArchive.Result archived = LedgerArchive.Result.NONE;
        if (age.archives()) {
            Instant cutoff = age.cutoff(now).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            long[] lastLog = {System.nanoTime()};
            archived = archive.archive(cutoff, batchSize, soFar -> {
                if (System.nanoTime() - lastLog[0] >= PROGRESS_EVERY.toNanos()) {
                    lastLog[0] = System.nanoTime();
                    LOG.info("retention: archiving notices finished before {}: {} so far", cutoff, soFar.summary());
                }
            });
            if (archived.notices() > 0) {
                LOG.info("retention: archived notices finished before {}: {}", cutoff, archived.summary());
            } else {
                LOG.debug("retention: no finished notice older than {} days to archive", age.days());
            }
        }
        return new Run(r, archived);
    }
}
