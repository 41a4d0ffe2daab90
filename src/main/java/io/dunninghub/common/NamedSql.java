package io.dunninghub.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Integrator SQL from config uses named parameters ({@code :asOf}, {@code :borrowerIds}); this turns them
 * into JDBC placeholders. A collection value expands to {@code ?, ?, ...} for {@code IN (...)} lists.
 *
 * <p>The hub reads ids as text, but a core bank may keep them as numbers (Fineract's ids are BIGINT). On
 * PostgreSQL text is bound without a type, as {@code stringtype=unspecified} would, so {@code id IN (?)} works
 * for a bigint and a varchar column alike; other databases convert by themselves.
 */
public final class NamedSql {

    private static final Pattern PARAM = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9_]*)");

    private NamedSql() {
    }

    public static PreparedStatement prepare(Connection c, String sql, Map<String, ?> params) throws SQLException {
        List<Object> values = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        Matcher m = PARAM.matcher(sql);
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            if (!params.containsKey(name)) {
                continue; // not ours: e.g. a PostgreSQL cast '::date' or a literal
            }
            out.append(sql, last, m.start());
            Object v = params.get(name);
            if (v instanceof Collection<?> list) {
                if (list.isEmpty()) {
                    out.append("NULL");
                }
                int i = 0;
                for (Object item : list) {
                    out.append(i++ == 0 ? "?" : ", ?");
                    values.add(item);
                }
            } else {
                out.append('?');
                values.add(v);
            }
            last = m.end();
        }
        out.append(sql.substring(last));
        PreparedStatement ps = c.prepareStatement(out.toString());
        boolean untypedText = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (untypedText && v instanceof String) {
                ps.setObject(i + 1, v, java.sql.Types.OTHER);
            } else {
                ps.setObject(i + 1, v);
            }
        }
        return ps;
    }

    /** Names of the parameters a statement uses, for config validation. */
    public static List<String> parameterNames(String sql) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(sql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
