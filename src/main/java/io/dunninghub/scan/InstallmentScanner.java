package io.dunninghub.scan;

import io.dunninghub.common.ColumnValues;
import io.dunninghub.common.CoreText;
import io.dunninghub.common.NamedSql;
import io.dunninghub.common.RouteLookup;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
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
 *
 * <p>A chunk never ends inside a run of one borrower's rows, so a notice about a loan (or a borrower) sees all
 * of its overdue installments, provided the SQL returns them together (ORDER BY borrower_id, loan_id). A
 * borrower who comes back after their chunk was handed on is logged once per scan.
 */
public final class InstallmentScanner implements InstallmentSource {

    private static final Logger LOG = LoggerFactory.getLogger(InstallmentScanner.class);
    /** The hub's names of the columns the scan and the re-check read ({@code hub.scan.column.<name>} maps them). */
    public static final List<String> COLUMNS = List.of("installment_id", "loan_id", "borrower_id", "due_date",
            "amount_due", "principal", "interest", "fees", "penalty", "currency", "product", "segment", "installment_no",
            "previous_defaults");
    /** The columns the scan cannot do without. */
    public static final Set<String> REQUIRED = Set.of("installment_id", "loan_id", "borrower_id", "due_date", "amount_due");

    private final DataSource core;
    private final String scanSql;
    private final String recheckSql;
    private final ColumnMapping mapping;
    private final int fetchSize;
    private final long progressEvery;
    private final java.util.function.UnaryOperator<Installment> view;
    /** RouteLookup.NONE: re-checked with hub.recheck.sql; else by the route behind direct:installments.recheck. */
    private final RouteLookup recheckRoute;

    public InstallmentScanner(DataSource core, String scanSql, String recheckSql, ColumnMapping mapping,
                              int fetchSize, long progressEvery) {
        this(core, scanSql, recheckSql, mapping, fetchSize, progressEvery, java.util.function.UnaryOperator.identity(),
                RouteLookup.NONE);
    }

    private InstallmentScanner(DataSource core, String scanSql, String recheckSql, ColumnMapping mapping,
                               int fetchSize, long progressEvery, java.util.function.UnaryOperator<Installment> view,
                               RouteLookup recheckRoute) {
        this.core = core;
        this.scanSql = scanSql;
        this.recheckSql = recheckSql;
        this.mapping = mapping;
        this.fetchSize = fetchSize;
        this.progressEvery = progressEvery;
        this.view = view;
        this.recheckRoute = recheckRoute;
    }

    /**
     * The same scanner re-checking through a route (hub.recheck.source = route): {@code route} answers the
     * installments' current rows, read with the checks of {@link InstallmentRows}, instead of hub.recheck.sql.
     */
    public InstallmentScanner withRecheckRoute(RouteLookup route) {
        return new InstallmentScanner(core, scanSql, recheckSql, mapping, fetchSize, progressEvery, view, route);
    }

    /**
     * The same scanner seeing each row through {@code view}: a changed row (a payment the simulator scripts), or
     * none (null: a row left out, as a simulation for one borrower leaves out the others). The core is still only read.
     */
    public InstallmentScanner withView(java.util.function.UnaryOperator<Installment> view) {
        return new InstallmentScanner(core, scanSql, recheckSql, mapping, fetchSize, progressEvery, view, recheckRoute);
    }

    /**
     * @param unordered whether the SQL returned a borrower's installments apart (no ORDER BY borrower): a loan's
     *                  notice may then cover only the installments that arrived in one chunk
     */
    public record ScanStats(long rows, long badRows, long millis, boolean unordered) {
    }

    /** Reads every row the scan SQL returns for {@code asOf}, calling {@code onChunk} with up to chunkSize rows. */
    public ScanStats scan(LocalDate asOf, int chunkSize, Consumer<List<Installment>> onChunk) throws SQLException {
        return scan(asOf, asOf.minusDays(1), chunkSize, onChunk);
    }

    /**
     * As {@link #scan(LocalDate, int, Consumer)}, with {@code :dueBy}, the latest due date a ladder step can
     * concern (after {@code asOf} when a ladder reminds before the due date).
     */
    @Override
    public ScanStats scan(LocalDate asOf, LocalDate dueBy, int chunkSize, Consumer<List<Installment>> onChunk)
            throws SQLException {
        ChunkedRows chunks = new ChunkedRows(chunkSize, progressEvery, onChunk, LOG, "hub.scan.sql",
                "add ORDER BY borrower_id, loan_id, due_date");
        try (Connection c = core.getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            try (PreparedStatement ps = NamedSql.prepare(c, scanSql, Map.of("asOf", Date.valueOf(asOf), "dueBy", Date.valueOf(dueBy)))) {
                ps.setFetchSize(fetchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    int[] idx = mapping.resolve(rs.getMetaData(), COLUMNS, REQUIRED, "hub.scan.sql");
                    Map<String, Integer> others = mapping.others(rs.getMetaData(), COLUMNS);
                    while (rs.next()) {
                        long n = chunks.read();
                        Installment row;
                        try {
                            row = read(rs, idx, others);
                        } catch (SQLException | RuntimeException e) {
                            chunks.bad();
                            LOG.warn("scan: skipped row {} ({}): {}", n, safeId(rs, idx), CoreText.escape(e.getMessage()));
                            continue;
                        }
                        Installment next = view.apply(row);
                        if (next != null) {
                            chunks.add(next);
                        }
                    }
                    return chunks.finish();
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** Current state of the given installments, read right before sending; missing ones are absent. */
    public Map<String, Installment> recheck(Collection<String> installmentIds) throws SQLException {
        Map<String, Installment> found = new java.util.HashMap<>();
        if (installmentIds.isEmpty()) {
            return found;
        }
        if (recheckRoute != RouteLookup.NONE) {
            return recheckThroughRoute(List.copyOf(installmentIds));
        }
        try (Connection c = core.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = NamedSql.prepare(c, recheckSql,
                    Map.of("installmentIds", List.copyOf(installmentIds)));
                 ResultSet rs = ps.executeQuery()) {
                int[] idx = mapping.resolve(rs.getMetaData(), COLUMNS, REQUIRED, "hub.recheck.sql");
                Map<String, Integer> others = mapping.others(rs.getMetaData(), COLUMNS);
                while (rs.next()) {
                    try {
                        Installment i = view.apply(read(rs, idx, others));
                        if (i != null) {
                            found.put(i.installmentId(), i);
                        }
                    } catch (SQLException | RuntimeException e) {
                        LOG.warn("recheck: unreadable row ({}): {}", safeId(rs, idx), CoreText.escape(e.getMessage()));
                    }
                }
            }
        }
        return found;
    }

    private Map<String, Installment> recheckThroughRoute(List<String> ids) {
        Map<String, Installment> found = new java.util.HashMap<>();
        InstallmentRows reader = new InstallmentRows(mapping);
        Set<String> asked = new java.util.HashSet<>(ids);
        java.util.Iterator<?> rows = FedRows.iterator(recheckRoute.rows(ids));
        while (rows.hasNext()) {
            try {
                Installment i = view.apply(reader.read(rows.next()));
                // an installment nobody asked about is not the route's answer to this batch
                if (i != null && asked.contains(i.installmentId())) {
                    found.put(i.installmentId(), i);
                }
            } catch (InstallmentRows.BadRow e) {
                LOG.warn("recheck: unreadable row from direct:installments.recheck: {}", e.getMessage());
            }
        }
        return found;
    }

    private static Installment read(ResultSet rs, int[] idx, Map<String, Integer> others) throws SQLException {
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
        for (int k : new int[] {0, 1, 2, 9, 10, 11}) {
            if (CoreText.hasControlCharacters(str(rs, idx[k]))) {
                throw new SQLException(COLUMNS.get(k) + " contains control characters");
            }
        }
        return new Installment(id, str(rs, idx[1]), str(rs, idx[2]), due.toLocalDate(), amount,
                dec(rs, idx[5]), dec(rs, idx[6]), dec(rs, idx[7]), dec(rs, idx[8]), str(rs, idx[9]), str(rs, idx[10]),
                str(rs, idx[11]), integer(rs, idx[12]), integer(rs, idx[13]), ColumnValues.read(rs, others));
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
