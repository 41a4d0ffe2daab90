package io.dunninghub.support;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh, migrated hub database of either kind the ledger runs on. */
public final class Ledgers {

    private Ledgers() {
    }

    /** @param kind {@code postgresql} or {@code h2} */
    public static DataSource fresh(String kind) {
        DataSource ds;
        if (kind.equals("postgresql")) {
            ds = Postgres.dataSource(Postgres.newDatabase("ledger"));
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:ledger" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
            ds = h2;
        }
        return migrate(ds);
    }

    public static DataSource migrate(DataSource ds) {
        io.dunninghub.ledger.LedgerSchema.migrate(ds);
        return ds;
    }
}
