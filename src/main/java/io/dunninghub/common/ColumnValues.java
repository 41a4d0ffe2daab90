package io.dunninghub.common;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a core-banking query the hub has no name for, kept as typed values so templates can use them
 * ({@code ${loan.contract_no}}, {@code ${loan.disbursed_amount?string["0.00"]}}): numbers as numbers, dates as
 * {@code yyyy-MM-dd}, timestamps as ISO instants, booleans as booleans, everything else as text. Labels are lower
 * case, as the column mapping reads them.
 */
public final class ColumnValues {

    private ColumnValues() {
    }

    /** The 1-based index of every column whose label is not one of {@code known}, by lower-case label. */
    public static Map<String, Integer> others(ResultSetMetaData meta, Set<String> known) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String label = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
            if (!known.contains(label) && label.matches("[a-z][a-z0-9_]*")) {
                out.putIfAbsent(label, i);
            }
        }
        return out;
    }

    /** The values of those columns in the current row; a null value is left out. */
    public static Map<String, Object> read(ResultSet rs, Map<String, Integer> columns) throws SQLException {
        if (columns.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ResultSetMetaData meta = rs.getMetaData();
        for (Map.Entry<String, Integer> c : columns.entrySet()) {
            Object v = value(rs, c.getValue(), meta.getColumnType(c.getValue()));
            if (v != null) {
                out.put(c.getKey(), v);
            }
        }
        return out;
    }

    private static Object value(ResultSet rs, int i, int type) throws SQLException {
        switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            }
            case Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                return rs.getBigDecimal(i);
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            }
            case Types.DATE -> {
                Date d = rs.getDate(i);
                return d == null ? null : d.toLocalDate().toString();
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                Timestamp t = rs.getTimestamp(i);
                return t == null ? null : t.toInstant().toString();
            }
            default -> {
                return rs.getString(i);
            }
        }
    }

    /** A number given as text in the data, for sums. */
    public static BigDecimal decimal(Object v) {
        return v instanceof BigDecimal d ? d : v instanceof Number n ? new BigDecimal(n.toString()) : null;
    }
}
