package io.dunninghub.scan;

import io.dunninghub.common.CoreText;
import io.dunninghub.common.NamedSql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams installments out of the core banking database with the configured SQL. Rows are read with a
 * cursor ({@code fetchSize}) and handed on in chunks, so memory does not grow with the number of rows.
 * The core database is only ever read: the connection is read-only and nothing is committed.
 */
public final class InstallmentScanner {

    private static final Logger LOG = LoggerFactory.getLogger(InstallmentScanner.class);
    /** The hub's names of the columns the scan and the re-check read ({@code hub.scan.column.<name>} maps them). */
    public static final List<String> COLUMNS = List.of("installment_id", "loan_id", "borrower_id", "due_date",
            "amount_due", "principal", "interest", "fees", "currency", "product", "segment", "installment_no", "previous_defaults");
    /** The columns the scan cannot do without. */
    public static final Set<String> REQUIRED = Set.of("installment_id", "loan_id", "borrower_id", "due_date", "amount_due");

    private final DataSource core;
    private final String scanSql;
    private final String recheckSql;
    private final ColumnMapping mapping;
    private final int fetchSize;
    private final long progressEvery;

    public InstallmentScanner(DataSource core, String scanSql, String recheckSql, ColumnMapping mapping,
                              int fetchSize, long progressEvery) {
        this.core = core;
        this.scanSql = scanSql;
        this.recheckSql = recheckSql;
        this.mapping = mapping;
        this.fetchSize = fetchSize;
        this.progressEvery = progressEvery;
    }

    public record ScanStats(long rows, long badRows, long millis) {
    }

    /** Reads every row the scan SQL returns for {@code asOf}, calling {@code onChunk} with up to chunkSize rows. */
    public ScanStats scan(LocalDate asOf, int chunkSize, Consumer<List<Installment>> onChunk) throws SQLException {
        return scan(asOf, asOf.minusDays(1), chunkSize, onChunk);
    }

    /**
     * As {@link #scan(LocalDate, int, Consumer)}, with {@code :dueBy}, the latest due date a ladder step can
     * concern (after {@code asOf} when a ladder reminds before the due date).
     */
    public ScanStats scan(LocalDate asOf, LocalDate dueBy, int chunkSize, Consumer<List<Installment>> onChunk)
            throws SQLException {
        long start = System.nanoTime();
        long rows = 0;
        long bad = 0;
        try (Connection c = core.getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            try (PreparedStatement ps = NamedSql.prepare(c, scanSql, Map.of("asOf", Date.valueOf(asOf), "dueBy", Date.valueOf(dueBy)))) {
                ps.setFetchSize(fetchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    int[] idx = mapping.resolve(rs.getMetaData(), COLUMNS, REQUIRED, "hub.scan.sql");
                    List<Installment> chunk = new ArrayList<>(chunkSize);
                    while (rs.next()) {
                        rows++;
                        try {
                            chunk.add(read(rs, idx));
                        } catch (SQLException | RuntimeException e) {
                            bad++;
                            LOG.warn("scan: skipped row {} ({}): {}", rows, safeId(rs, idx), CoreText.escape(e.getMessage()));
                        }
                        if (chunk.size() >= chunkSize) {
                            onChunk.accept(chunk);
                            chunk = new ArrayList<>(chunkSize);
                        }
                        if (progressEvery > 0 && rows % progressEvery == 0) {
                            double secs = (System.nanoTime() - start) / 1e9;
                            LOG.info("scan: {} rows read, {} rows/s", rows, Math.round(rows / Math.max(secs, 0.001)));
                        }
                    }
                    if (!chunk.isEmpty()) {
                        onChunk.accept(chunk);
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return new ScanStats(rows, bad, (System.nanoTime() - start) / 1_000_000);
    }

    /** Current state of the given installments, read right before sending; missing ones are absent. */
    public Map<String, Installment> recheck(Collection<String> installmentIds) throws SQLException {
        Map<String, Installment> found = new java.util.HashMap<>();
        if (installmentIds.isEmpty()) {
            return found;
        }
        try (Connection c = core.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = NamedSql.prepare(c, recheckSql,
                    Map.of("installmentIds", List.copyOf(installmentIds)));
                 ResultSet rs = ps.executeQuery()) {
                int[] idx = mapping.resolve(rs.getMetaData(), COLUMNS, REQUIRED, "hub.recheck.sql");
                while (rs.next()) {
                    try {
                        Installment i = read(rs, idx);
                        found.put(i.installmentId(), i);
                    } catch (SQLException | RuntimeException e) {
                        LOG.warn("recheck: unreadable row ({}): {}", safeId(rs, idx), CoreText.escape(e.getMessage()));
                    }
                }
            }
        }
        return found;
    }

    private static Installment read(ResultSet rs, int[] idx) throws SQLException {
        String id = str(rs, idx[0]);
        if (id == null) {
            throw new SQLException("installment_id is null");
        }
        Date due = rs.getDate(idx[3]);
        if (due == null) {
            throw new SQLException("due_date is null");
        }
        BigDecimal amount = dec(rs, idx[4]);
        if (amount == null) {
            throw new SQLException("amount_due is null");
        }
        // ids, currency, product and segment go into dedupe keys, messages and log lines
        for (int k : new int[] {0, 1, 2, 8, 9, 10}) {
            if (CoreText.hasControlCharacters(str(rs, idx[k]))) {
                throw new SQLException(COLUMNS.get(k) + " contains control characters");
            }
        }
        return new Installment(id, str(rs, idx[1]), str(rs, idx[2]), due.toLocalDate(), amount,
                dec(rs, idx[5]), dec(rs, idx[6]), dec(rs, idx[7]), str(rs, idx[8]), str(rs, idx[9]),
                str(rs, idx[10]), integer(rs, idx[11]), integer(rs, idx[12]));
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        if (i == 0) {
            return null;
        }
        Object v = rs.getObject(i); // INTEGER, BIGINT (a COUNT) or NUMERIC, depending on the integrator's SQL
        if (v == null) {
            return null;
        }
        return v instanceof Number n ? n.intValue() : Integer.valueOf(v.toString().strip());
    }

    private static String str(ResultSet rs, int i) throws SQLException {
        return i == 0 ? null : rs.getString(i);
    }

    private static BigDecimal dec(ResultSet rs, int i) throws SQLException {
        return i == 0 ? null : rs.getBigDecimal(i);
    }

    private static String safeId(ResultSet rs, int[] idx) {
        try {
            return "installment " + CoreText.escape(rs.getString(idx[0]));
        } catch (SQLException e) {
            return "installment ?";
        }
    }
}
