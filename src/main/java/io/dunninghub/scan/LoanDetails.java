package io.dunninghub.scan;

import io.dunninghub.common.ColumnValues;
import io.dunninghub.common.NamedSql;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What the core bank says about the loans a batch of notices is about, read right before they are rendered:
 * {@code hub.loans.sql} (one row per loan: amount, date, contract number, repayment link, anything the lender's
 * letters need) and {@code hub.schedule.sql} (the loan's repayment schedule, one row per installment, for a
 * repayment-plan table). Both take {@code :loanIds} (and may use {@code :asOf}, the business date), both are optional, and every column reaches the templates
 * by its label ({@code loan.contract_no}, {@code loan.schedule[0].due_date}).
 */
public final class LoanDetails {

    /** What the two queries returned, by loan id. */
    public record Loans(Map<String, Map<String, Object>> details, Map<String, List<Map<String, Object>>> schedules) {

        public static final Loans NONE = new Loans(Map.of(), Map.of());

        public Map<String, Object> of(String loanId) {
            return details.getOrDefault(loanId, Map.of());
        }

        public List<Map<String, Object>> scheduleOf(String loanId) {
            return schedules.getOrDefault(loanId, List.of());
        }
    }

    private final DataSource core;
    private final String loansSql;
    private final String scheduleSql;

    /** @param loansSql, scheduleSql blank: not read */
    public LoanDetails(DataSource core, String loansSql, String scheduleSql) {
        this.core = core;
        this.loansSql = loansSql == null ? "" : loansSql;
        this.scheduleSql = scheduleSql == null ? "" : scheduleSql;
    }

    public boolean isEmpty() {
        return loansSql.isBlank() && scheduleSql.isBlank();
    }

    /** The loans' details and schedules; {@code :asOf} is the business date, for a schedule row's status. */
    public Loans lookup(Collection<String> loanIds, LocalDate asOf) throws SQLException {
        if (isEmpty() || loanIds.isEmpty()) {
            return Loans.NONE;
        }
        Map<String, Object> params = Map.of("loanIds", List.copyOf(new LinkedHashSet<>(loanIds)),
                "asOf", Date.valueOf(asOf));
        Map<String, Map<String, Object>> details = new HashMap<>();
        Map<String, List<Map<String, Object>>> schedules = new HashMap<>();
        try (Connection c = core.getConnection()) {
            c.setReadOnly(true);
            if (!loansSql.isBlank()) {
                read(c, loansSql, "hub.loans.sql", params, (loan, row) -> details.put(loan, row));
            }
            if (!scheduleSql.isBlank()) {
                read(c, scheduleSql, "hub.schedule.sql", params,
                        (loan, row) -> schedules.computeIfAbsent(loan, k -> new ArrayList<>()).add(row));
            }
        }
        return new Loans(details, schedules);
    }

    private interface RowSink {
        void accept(String loanId, Map<String, Object> row);
    }

    private static void read(Connection c, String sql, String key, Map<String, Object> params, RowSink sink)
            throws SQLException {
        try (PreparedStatement ps = NamedSql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            Map<String, Integer> columns = ColumnValues.others(rs.getMetaData(), Set.of());
            Integer loan = columns.get("loan_id");
            if (loan == null) {
                throw new SQLException(key + " returns no column 'loan_id' (present: " + columns.keySet() + ")");
            }
            while (rs.next()) {
                String id = rs.getString(loan);
                if (id != null) {
                    sink.accept(id, ColumnValues.read(rs, columns));
                }
            }
        }
    }
}
