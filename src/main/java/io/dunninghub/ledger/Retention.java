package io.dunninghub.ledger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily retention job ({@code hub.retention.*}, route {@code retention} in routes/hub.yaml): deletes the content
 * of notices sent longer ago than the content period and replaces personal data older than the personal-data period
 * with hashes ({@link Erasure#expire}). Running twice, or on every instance at once, changes nothing more: values
 * already replaced are skipped.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    /** How long content and personal data stay. */
    public record Periods(Duration content, Duration personalData) {
    }

    private final Erasure erasure;
    private final Periods periods;
    private final Clock clock;

    public Retention(Erasure erasure, Periods periods, Clock clock) {
        this.erasure = erasure;
        this.periods = periods;
        this.clock = clock;
    }

    /** One run, from the route's timer. */
    public Erasure.Result run() throws SQLException {
        java.time.Instant now = clock.instant();
        Erasure.Result r = erasure.expire(now.minus(periods.content()), now.minus(periods.personalData()),
                "retention", now);
        if (r.total() > 0) {
            LOG.info("retention: erasure #{}: {}", r.erasureId(), r.summary());
        } else {
            LOG.debug("retention: nothing past its period");
        }
        return r;
    }
}
