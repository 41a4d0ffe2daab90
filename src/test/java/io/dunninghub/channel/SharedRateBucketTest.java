package io.dunninghub.channel;

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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Two instances' gates on one PostgreSQL ledger share the provider's bucket: together they keep its rate and its pauses. */
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
        AtomicInteger taken = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            RateGate gate = t % 2 == 0 ? a : b;
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    if (gate.acquire(Duration.ofMillis(100)) == null && System.nanoTime() < end) {
                        taken.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        // burst 2 + 1.5 s at 20/1.1 s = 29.3 at most; far fewer than six unthrottled threads would take
        assertThat(taken.get()).isBetween(20, 30);
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
        a.pause(Duration.ofSeconds(2));
        Duration wait = b.acquire(Duration.ofMillis(200));
        assertThat(wait).as("b must wait out a's pause").isGreaterThanOrEqualTo(Duration.ofMillis(1700));
        // a second, shorter pause does not stack on the first
        a.pause(Duration.ofSeconds(1));
        assertThat(b.acquire(Duration.ZERO)).isLessThanOrEqualTo(Duration.ofMillis(2100));
    }
}
