package io.dunninghub.scan;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps the hub's canonical column names to the labels an integrator's SQL returns, so the hub can read
 * their schema without renaming anything. Unmapped names default to themselves.
 */
public final class ColumnMapping {

    private final Map<String, String> labels;

    public ColumnMapping(Map<String, String> overrides) {
        this.labels = new HashMap<>();
        overrides.forEach((k, v) -> labels.put(k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
    }

    public String label(String canonical) {
        return labels.getOrDefault(canonical, canonical);
    }

    /**
     * The columns that are none of {@code canonical} (as mapped): passed through to templates by their label.
     */
    public Map<String, Integer> others(ResultSetMetaData meta, List<String> canonical) throws SQLException {
        Set<String> known = new java.util.HashSet<>();
        canonical.forEach(c -> known.add(label(c)));
        return io.dunninghub.common.ColumnValues.others(meta, known);
    }

    /**
     * Resolves each canonical name to a 1-based column index of the result set, or 0 when absent.
     * Required columns that are absent raise a clear error naming the configured label.
     */
    public int[] resolve(ResultSetMetaData meta, List<String> canonical, Set<String> required, String queryName)
            throws SQLException {
        Map<String, Integer> present = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            present.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
        }
        int[] idx = new int[canonical.size()];
        for (int i = 0; i < canonical.size(); i++) {
            String name = canonical.get(i);
            Integer at = present.get(label(name));
            if (at == null && required.contains(name)) {
                throw new SQLException(queryName + " returns no column '" + label(name) + "' (needed as " + name
                        + "; present: " + present.keySet() + ")");
            }
            idx[i] = at == null ? 0 : at;
        }
        return idx;
    }
}
