package io.dunninghub.policy;

import io.dunninghub.common.NamedSql;
import io.dunninghub.scan.ColumnMapping;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Holds, promises and opt-outs the core banking database already knows, read with the optional
 * {@code hub.holds.sql}, {@code hub.promises.sql} and {@code hub.optouts.sql} (each with {@code :borrowerIds}).
 * A blank query is simply not run.
 */
public final class CoreStanding {

    /** The columns each optional query returns (by these names), and those it must return. */
    public static final List<String> HOLD_COLUMNS = List.of("borrower_id", "loan_id", "kind", "expires_at");
    public static final Set<String> HOLD_REQUIRED = Set.of("borrower_id", "kind");
    public static final List<String> PROMISE_COLUMNS = List.of("borrower_id", "loan_id", "promised_date");
    public static final Set<String> PROMISE_REQUIRED = Set.of("borrower_id", "promised_date");
    public static final List<String> OPT_OUT_COLUMNS = List.of("borrower_id", "channel", "address");
    public static final Set<String> OPT_OUT_REQUIRED = Set.of("borrower_id");

    private final DataSource core;
    private final String holdsSql;
    private final String promisesSql;
    private final String optOutsSql;
    private final String defaultRegion;

    public CoreStanding(DataSource core, String holdsSql, String promisesSql, String optOutsSql, String defaultRegion) {
        this.core = core;
        this.holdsSql = holdsSql;
        this.promisesSql = promisesSql;
        this.optOutsSql = optOutsSql;
        this.defaultRegion = defaultRegion;
    }

    public boolean isEmpty() {
        return blank(holdsSql) && blank(promisesSql) && blank(optOutsSql);
    }

    /** Adds what the core database says about these borrowers to {@code into}. */
    public void load(Collection<String> borrowerIds, PolicyStore.Loaded into) throws SQLException {
        if (borrowerIds.isEmpty() || isEmpty()) {
            return;
        }
        Map<String, Object> params = Map.of("borrowerIds", List.copyOf(new java.util.HashSet<>(borrowerIds)));
        ColumnMapping same = new ColumnMapping(Map.of());
        try (Connection c = core.getConnection()) {
            c.setReadOnly(true);
            if (!blank(holdsSql)) {
                try (PreparedStatement ps = NamedSql.prepare(c, holdsSql, params); ResultSet rs = ps.executeQuery()) {
                    int[] idx = same.resolve(rs.getMetaData(), HOLD_COLUMNS, HOLD_REQUIRED, "hub.holds.sql");
                    while (rs.next()) {
                        into.holds().computeIfAbsent(rs.getString(idx[0]), k -> new ArrayList<>()).add(new Standing.Hold(
                                null, str(rs, idx[1]), rs.getString(idx[2]).toUpperCase(Locale.ROOT),
                                idx[3] == 0 ? null : instant(rs, idx[3]), "core"));
                    }
                }
            }
            if (!blank(promisesSql)) {
                try (PreparedStatement ps = NamedSql.prepare(c, promisesSql, params); ResultSet rs = ps.executeQuery()) {
                    int[] idx = same.resolve(rs.getMetaData(), PROMISE_COLUMNS, PROMISE_REQUIRED, "hub.promises.sql");
                    while (rs.next()) {
                        Date d = rs.getDate(idx[2]);
                        if (d != null) {
                            into.promises().computeIfAbsent(rs.getString(idx[0]), k -> new ArrayList<>())
                                    .add(new Standing.Promise(null, str(rs, idx[1]), d.toLocalDate(), "core"));
                        }
                    }
                }
            }
            if (!blank(optOutsSql)) {
                try (PreparedStatement ps = NamedSql.prepare(c, optOutsSql, params); ResultSet rs = ps.executeQuery()) {
                    int[] idx = same.resolve(rs.getMetaData(), OPT_OUT_COLUMNS, OPT_OUT_REQUIRED, "hub.optouts.sql");
                    while (rs.next()) {
                        String channel = str(rs, idx[1]);
                        String address = str(rs, idx[2]);
                        String key = AddressKey.of(channel == null ? "sms" : channel, address, defaultRegion);
                        Standing.OptOut o = new Standing.OptOut(channel == null || channel.isBlank() ? null
                                : channel.strip().toLowerCase(Locale.ROOT), key, "core");
                        if (key == null) {
                            into.borrowerOptOuts().computeIfAbsent(rs.getString(idx[0]), k -> new ArrayList<>()).add(o);
                        } else {
                            into.addressOptOuts().computeIfAbsent(key, k -> new ArrayList<>()).add(o);
                        }
                    }
                }
            }
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        if (v instanceof Date d) { // a date: the hold ends when that day ends (UTC)
            return d.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return rs.getObject(i, OffsetDateTime.class).toInstant();
    }

    private static String str(ResultSet rs, int i) throws SQLException {
        return i == 0 ? null : rs.getString(i);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
