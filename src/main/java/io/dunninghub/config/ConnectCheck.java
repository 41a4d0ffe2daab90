package io.dunninghub.config;

import io.dunninghub.common.ConfigException;
import io.dunninghub.common.NamedSql;
import io.dunninghub.contact.ContactDirectory;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.policy.CoreStanding;
import io.dunninghub.scan.ColumnMapping;
import io.dunninghub.scan.InstallmentScanner;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code validate --connect}: opens the core banking database and the ledger read-only and prepares every configured
 * SQL against the core (nothing is executed: the driver describes the statement), then checks the column labels it
 * would return against the columns the hub reads and the {@code hub.*.column.*} mappings. What the scan, the
 * re-check and the lookups would otherwise find out at run time, one notice at a time.
 */
public final class ConnectCheck {

    /** One configured statement: its key, sample parameters, the columns the hub reads and the mapping prefix. */
    private record Query(String key, Map<String, Object> params, List<String> columns, Set<String> required,
                         String mappingPrefix) {
    }

    /** What was checked, and every problem found, each as {@code file: key: problem}. */
    public record Report(int prepared, String ledger, List<ConfigException> problems) {
    }

    /** H2's "database not found" (with IFEXISTS): a ledger file the first run creates. */
    private static final int H2_NOT_FOUND = 90146;

    private ConnectCheck() {
    }

    public static Report run(HubSettings s) {
        List<ConfigException> problems = new ArrayList<>();
        int prepared = 0;
        try (Connection core = open(s, "core")) {
            for (Query q : queries(s)) {
                if (check(s, core, q, problems)) {
                    prepared++;
                }
            }
        } catch (SQLException e) {
            problems.add(new ConfigException(s.file(), "hub.core.url", "cannot connect: " + firstLine(e)
                    + (s.bool("hub.demo.enabled") ? " (with hub.demo.enabled, run --once or preview creates the demo "
                    + "bank first)" : "")));
        }
        String ledger;
        try (Connection c = open(s, "ledger"); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
            ledger = "reachable";
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_NOT_FOUND) {
                ledger = "not created yet (the first run creates it)";
            } else {
                ledger = "not reachable";
                problems.add(new ConfigException(s.file(), "hub.ledger.url", "cannot connect: " + firstLine(e)));
            }
        }
        return new Report(prepared, ledger, problems);
    }

    private static List<Query> queries(HubSettings s) {
        Date today = Date.valueOf(LocalDate.now());
        // one sample id: its type tells whether the database compares the ids as text (":borrowerIds" is bound as text)
        List<String> ids = List.of("0");
        List<Query> q = new ArrayList<>();
        if (!s.scanFromRoute()) {
            q.add(new Query("hub.scan.sql", Map.of("asOf", today, "dueBy", today), InstallmentScanner.COLUMNS,
                    InstallmentScanner.REQUIRED, "hub.scan.column."));
        }
        if (!s.recheckFromRoute()) {
            q.add(new Query("hub.recheck.sql", Map.of("installmentIds", ids), InstallmentScanner.COLUMNS,
                    InstallmentScanner.REQUIRED, "hub.scan.column."));
        }
        if (!s.contactsFromRoute()) {
            q.add(new Query("hub.contacts.sql", Map.of("borrowerIds", ids), ContactDirectory.COLUMNS,
                    ContactDirectory.REQUIRED, "hub.contacts.column."));
        }
        if (s.isSet("hub.parties.sql")) {
            q.add(new Query("hub.parties.sql", Map.of("loanIds", ids), PartyDirectory.COLUMNS, PartyDirectory.REQUIRED,
                    "hub.parties.column."));
        }
        if (s.isSet("hub.holds.sql")) {
            q.add(new Query("hub.holds.sql", Map.of("borrowerIds", ids), CoreStanding.HOLD_COLUMNS,
                    CoreStanding.HOLD_REQUIRED, null));
        }
        if (s.isSet("hub.promises.sql")) {
            q.add(new Query("hub.promises.sql", Map.of("borrowerIds", ids), CoreStanding.PROMISE_COLUMNS,
                    CoreStanding.PROMISE_REQUIRED, null));
        }
        if (s.isSet("hub.optouts.sql")) {
            q.add(new Query("hub.optouts.sql", Map.of("borrowerIds", ids), CoreStanding.OPT_OUT_COLUMNS,
                    CoreStanding.OPT_OUT_REQUIRED, null));
        }
        return q;
    }

    /** Prepares one statement and checks its columns; true when it prepared. */
    private static boolean check(HubSettings s, Connection core, Query q, List<ConfigException> problems) {
        String sql = s.get(q.key());
        if (sql == null || sql.isBlank()) {
            return false; // the static checks report a missing required statement
        }
        Map<String, String> mapping = q.mappingPrefix() == null ? Map.of() : s.below(q.mappingPrefix());
        ColumnMapping labels = new ColumnMapping(mapping);
        Set<String> returned = new LinkedHashSet<>();
        try (PreparedStatement ps = NamedSql.prepare(core, sql, q.params())) {
            ResultSetMetaData meta = ps.getMetaData();
            if (meta == null || meta.getColumnCount() == 0) {
                problems.add(new ConfigException(s.file(), q.key(), "returns no columns (it must be a SELECT)"));
                return true;
            }
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                returned.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            problems.add(new ConfigException(s.file(), q.key(), "does not prepare against the core database: "
                    + firstLine(e)));
            return false;
        } finally {
            rollback(core);
        }
        String list = String.join(", ", returned);
        for (String column : q.columns()) {
            String label = labels.label(column);
            if (returned.contains(label)) {
                continue;
            }
            String mapped = mapping.keySet().stream().filter(k -> k.equalsIgnoreCase(column)).findFirst().orElse(null);
            if (mapped != null) {
                problems.add(new ConfigException(s.file(), q.mappingPrefix() + mapped, "maps " + column + " to '"
                        + label + "', which " + q.key() + " does not return (it returns: " + list + ")"));
            } else if (q.required().contains(column)) {
                problems.add(new ConfigException(s.file(), q.key(), "returns no column '" + label + "' (the hub "
                        + "reads " + column + " from it; it returns: " + list + ")"));
            }
        }
        return true;
    }

    private static Connection open(HubSettings s, String name) throws SQLException {
        HubSettings.Database db = s.database(name);
        // an H2 file URL would otherwise create an empty database where none is
        String url = db.url().startsWith("jdbc:h2:") && !db.url().startsWith("jdbc:h2:mem:")
                && !db.url().toUpperCase(Locale.ROOT).contains("IFEXISTS=") ? db.url() + ";IFEXISTS=TRUE" : db.url();
        Connection c = DriverManager.getConnection(url, db.username(), db.password());
        try {
            c.setReadOnly(true);
            c.setAutoCommit(false);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback(); // a failed prepare leaves a PostgreSQL transaction aborted
        } catch (SQLException e) {
            // the next statement reports what is wrong
        }
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
