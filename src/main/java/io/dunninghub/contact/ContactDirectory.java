package io.dunninghub.contact;

import io.dunninghub.common.ColumnValues;
import io.dunninghub.common.NamedSql;
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

    private final DataSource core;
    private final String sql;
    private final ColumnMapping mapping;

    public ContactDirectory(DataSource core, String sql, ColumnMapping mapping) {
        this.core = core;
        this.sql = sql;
        this.mapping = mapping;
    }

    public Map<String, Contact> lookup(Collection<String> borrowerIds) throws SQLException {
        Map<String, Contact> found = new HashMap<>();
        if (borrowerIds.isEmpty()) {
            return found;
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

    private static String str(ResultSet rs, int i) throws SQLException {
        return i == 0 ? null : rs.getString(i);
    }
}
