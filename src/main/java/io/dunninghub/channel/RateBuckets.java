package io.dunninghub.channel;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import javax.sql.DataSource;

/** Where providers' token buckets live: in this JVM, or in the ledger database for every instance to share. */
@FunctionalInterface
public interface RateBuckets {

    /** The bucket of one provider with this rate and burst. */
    Bucket bucket(String provider, ProviderLimits limits);

    /** Buckets in this JVM only: right for the embedded single-instance default (H2). */
    static RateBuckets local() {
        return (provider, limits) -> Bucket.builder()
                .addLimit(RateGate.configuration(limits).getBandwidths()[0])
                .build();
    }

    /**
     * Buckets in the ledger's {@code rate_bucket} table (Bucket4j, {@code SELECT … FOR UPDATE}): every instance
     * using the same ledger shares one bucket per provider. Each token is one short transaction on that row.
     * Bucket4j's batching optimisation is not used: a batch racing the bucket's first creation fails with
     * BucketNotFoundException instead of creating it.
     */
    static RateBuckets postgres(DataSource ledger) {
        ProxyManager<String> proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(ledger)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_bucket")
                .idColumn("id")
                .stateColumn("state")
                .build();
        return (provider, limits) -> proxies.builder()
                .withImplicitConfigurationReplacement(RateGate.version(limits), TokensInheritanceStrategy.AS_IS)
                .build("provider:" + provider, () -> RateGate.configuration(limits));
    }
}
