package io.dunninghub.channel;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.Ledgers;
import io.dunninghub.support.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Two instances' gates on one PostgreSQL ledger share the provider's bucket: together they keep its rate and its pauses. */
@Slow
class SharedRateBucketTest {

    private static final ProviderLimits TWENTY_PER_SECOND =
            new ProviderLimits(ProviderLimits.Rate.parse("20/s"), 2, ProviderLimits.Circuit.OFF);

    @Test
    void twoInstancesTogetherStayWithinTheRate() throws Exception {
        String db = Postgres.newDatabase("ledger");
        Ledgers.migrate(Postgres.dataSource(db));
        // two connection pools, as two processes would have
        RateGate a = new RateGate(RateBuckets.postgres(Postgres.dataSource(db)).bucket("sms-1", TWENTY_PER_SECOND), TWENTY_PER_SECOND);
        RateGate b = new RateGate(RateBuckets.postgres(Postgres.dataSource(db)).bucket("sms-1", TWENTY_PER_SECOND), TWENTY_PER_SECOND);
        // Six workers, three per instance, take 25 tokens between them as fast as the shared bucket lets them. How
        // long that took is measured, not assumed: however slow the machine, the bucket cannot have handed out more
        // than burst + rate x elapsed, so the elapsed time has a floor that only a shared, working bucket keeps.
        int tokens = 25;
        AtomicInteger taken = new AtomicInteger();
        AtomicLong lastTokenAt = new AtomicLong();
        List<Duration> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        long start = System.nanoTime(); // before either gate has touched the bucket
        long giveUp = start + Duration.ofSeconds(60).toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            RateGate gate = t % 2 == 0 ? a : b;
            workers.add(pool.submit(() -> {
                while (taken.get() < tokens && System.nanoTime() < giveUp) {
                    Duration wait = gate.acquire(Duration.ofMillis(100));
                    if (wait != null) {
                        refusals.add(wait);
                    } else if (taken.incrementAndGet() == tokens) {
                        lastTokenAt.set(System.nanoTime());
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        assertThat(taken.get()).as("tokens taken within a minute").isGreaterThanOrEqualTo(tokens);
        Duration elapsed = Duration.ofNanos(lastTokenAt.get() - start);
        // burst 2, then 20 per 1.1 s: the 25th token comes 23 x 55 ms = 1.265 s after the first at the earliest
        // (two separate buckets would have given it after 0.58 s)
        assertThat(elapsed).as("time until the %dth token", tokens).isGreaterThanOrEqualTo(Duration.ofMillis(1265));
        // and the bucket is not stingier than its rate: a worker turned away was never told to wait longer than
        // one token's refill (55 ms), however long the machine took to ask
        assertThat(refusals).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofMillis(56)));
        try (Connection c = Postgres.dataSource(db).getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM rate_bucket WHERE id = 'provider:sms-1'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("one shared row").isEqualTo(1);
        }
    }

    @Test
    void aPauseOnOneInstanceHoldsTheOther() {
        String db = Postgres.newDatabase("ledger");
        DataSource ds = Postgres.dataSource(db);
        Ledgers.migrate(ds);
        RateGate a = new RateGate(RateBuckets.postgres(Postgres.dataSource(db)).bucket("sms-2", TWENTY_PER_SECOND), TWENTY_PER_SECOND);
        RateGate b = new RateGate(RateBuckets.postgres(Postgres.dataSource(db)).bucket("sms-2", TWENTY_PER_SECOND), TWENTY_PER_SECOND);
        assertThat(b.acquire(Duration.ZERO)).as("a token at first").isNull();
        long pausedAt = System.nanoTime();
        a.pause(Duration.ofSeconds(5));
        Duration wait = b.acquire(Duration.ofMillis(200));
        // what is left of the pause when b asked: the five seconds less however long the two calls took here
        Duration since = Duration.ofNanos(System.nanoTime() - pausedAt);
        assertThat(wait).as("b must wait out a's pause (%d ms after it)", since.toMillis())
                .isNotNull().isGreaterThanOrEqualTo(Duration.ofSeconds(5).minus(since));
        // a second, shorter pause does not stack on the first
        a.pause(Duration.ofSeconds(1));
        assertThat(b.acquire(Duration.ZERO)).isLessThanOrEqualTo(Duration.ofMillis(5100));
    }
}
