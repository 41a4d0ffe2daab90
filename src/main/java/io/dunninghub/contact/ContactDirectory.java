package io.dunninghub.contact;

import io.dunninghub.common.ColumnValues;
import io.dunninghub.common.NamedSql;
import io.dunninghub.common.RouteLookup;
import io.dunninghub.scan.ColumnMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Looks up borrowers' contacts with the configured SQL, one query per chunk of borrowers
 * ({@code WHERE borrower_id IN (:borrowerIds)}), never one query per installment. Optional columns beyond the
 * addresses: {@code country} (the jurisdiction), {@code email_is_work} and {@code contact_hours} (hours the
 * borrower asked to be contacted in).
 */
public final class ContactDirectory {

    /** The hub's names of the columns it reads ({@code hub.contacts.column.<name>} maps them). */
    public static final List<String> COLUMNS = List.of("borrower_id", "name", "locale", "time_zone", "phone", "email",
            "push_token", "postal_address", "sms_opt_out", "email_opt_out", "push_opt_out", "letter_opt_out",
            "country", "email_is_work", "contact_hours");
    public static final Set<String> REQUIRED = Set.of("borrower_id");
    private static final List<String> OPT_OUT_CHANNELS = List.of("sms", "email", "push", "letter");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ContactDirectory.class);

    private final DataSource core;
    private final String sql;
    private final ColumnMapping mapping;
    /** RouteLookup.NONE: hub.contacts.sql; else the route behind direct:contacts (hub.contacts.source = route). */
    private final RouteLookup route;

    public ContactDirectory(DataSource core, String sql, ColumnMapping mapping) {
        this(core, sql, mapping, RouteLookup.NONE);
    }

    private ContactDirectory(DataSource core, String sql, ColumnMapping mapping, RouteLookup route) {
        this.core = core;
        this.sql = sql;
        this.mapping = mapping;
        this.route = route;
    }

    /**
     * The same directory asking a route for the contacts (hub.contacts.source = route): {@code route} answers one
     * map per borrower with the columns of {@link #COLUMNS} (mapped by hub.contacts.column.*), as the SQL would.
     */
    public ContactDirectory withRoute(RouteLookup route) {
        return new ContactDirectory(core, sql, mapping, route);
    }

    public Map<String, Contact> lookup(Collection<String> borrowerIds) throws SQLException {
        Map<String, Contact> found = new HashMap<>();
        if (borrowerIds.isEmpty()) {
            return found;
        }
        if (route != RouteLookup.NONE) {
            return lookupThroughRoute(List.copyOf(new java.util.LinkedHashSet<>(borrowerIds)));
        }
        try (Connection c = core.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = NamedSql.prepare(c, sql, Map.of("borrowerIds", List.copyOf(new HashSet<>(borrowerIds))));
                 ResultSet rs = ps.executeQuery()) {
                int[] idx = mapping.resolve(rs.getMetaData(), COLUMNS, REQUIRED, "hub.contacts.sql");
                Map<String, Integer> others = mapping.others(rs.getMetaData(), COLUMNS);
                while (rs.next()) {
                    Set<String> optedOut = new HashSet<>();
                    for (int k = 0; k < OPT_OUT_CHANNELS.size(); k++) {
                        int col = idx[8 + k];
                        if (col != 0 && rs.getBoolean(col)) {
                            optedOut.add(OPT_OUT_CHANNELS.get(k));
                        }
                    }
                    Contact contact = Contact.read(str(rs, idx[0]), str(rs, idx[1]), str(rs, idx[2]), str(rs, idx[3]),
                            str(rs, idx[4]), str(rs, idx[5]), str(rs, idx[6]), str(rs, idx[7]), Set.copyOf(optedOut),
                            str(rs, idx[12]), idx[13] != 0 && rs.getBoolean(idx[13]), str(rs, idx[14]), "borrower", null,
                            ColumnValues.read(rs, others));
                    // the id as the scan asked for it: a refused record keeps no field of its own
                    found.put(contact.borrowerId() != null ? contact.borrowerId() : str(rs, idx[0]), contact);
                }
            }
        }
        return found;
    }

    private Map<String, Contact> lookupThroughRoute(List<String> borrowerIds) {
        Map<String, Contact> found = new HashMap<>();
        Set<String> asked = new HashSet<>(borrowerIds);
        java.util.Iterator<?> rows = io.dunninghub.scan.FedRows.iterator(route.rows(borrowerIds));
        while (rows.hasNext()) {
            Object candidate = rows.next();
            if (!(candidate instanceof Map<?, ?> raw)) {
                LOG.warn("contacts: direct:contacts answered something that is not a row: {}",
                        candidate == null ? "null" : candidate.getClass().getSimpleName());
                continue;
            }
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            raw.forEach((k, v) -> row.put(String.valueOf(k).toLowerCase(java.util.Locale.ROOT), v));
            Map<String, Object> v = new HashMap<>();
            for (String column : COLUMNS) {
                v.put(column, row.remove(mapping.label(column)));
            }
            // as the SQL's other columns: a null one is not passed on
            row.values().removeIf(java.util.Objects::isNull);
            String id = text(v.get("borrower_id"));
            if (id == null || !asked.contains(id)) {
                continue;
            }
            try {
                Set<String> optedOut = new HashSet<>();
                for (String channel : OPT_OUT_CHANNELS) {
                    if (flag(channel + "_opt_out", v.get(channel + "_opt_out"))) {
                        optedOut.add(channel);
                    }
                }
                Contact contact = Contact.read(id, text(v.get("name")), text(v.get("locale")), text(v.get("time_zone")),
                        text(v.get("phone")), text(v.get("email")), text(v.get("push_token")),
                        text(v.get("postal_address")), Set.copyOf(optedOut), text(v.get("country")),
                        flag("email_is_work", v.get("email_is_work")), text(v.get("contact_hours")), "borrower", null,
                        row);
                found.put(contact.borrowerId() != null ? contact.borrowerId() : id, contact);
            } catch (IllegalArgumentException e) {
                // an opt-out flag the hub cannot read is not taken as "not opted out": no contact, nothing sent
                LOG.warn("contacts: borrower {} left out: {}", io.dunninghub.common.CoreText.escape(id), e.getMessage());
            }
        }
        return found;
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    /** A flag as a core bank's API or file writes it: true/false, 1/0, t/f, y/n, yes/no; absent is false. */
    private static boolean flag(String column, Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        return switch (v.toString().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "t", "1", "y", "yes" -> true;
            case "false", "f", "0", "n", "no", "" -> false;
            default -> throw new IllegalArgumentException(column + " '" + io.dunninghub.common.CoreText.escape(v.toString())
                    + "' is not a flag (true or false)");
        };
    }

    private static String str(ResultSet rs, int i) throws SQLException {
        return i == 0 ? null : rs.getString(i);
    }
}
