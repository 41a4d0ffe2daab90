package io.dunninghub.contact;

import io.dunninghub.common.NamedSql;
import io.dunninghub.ladder.Audience;
import io.dunninghub.scan.ColumnMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Co-borrowers and guarantors of loans, looked up with {@code hub.parties.sql} ({@code :loanIds}) only when a
 * ladder step is addressed to one. The role column is checked here and not only in the SQL: a row with any other
 * role (a relative, an employer, an emergency contact) is dropped and counted as {@code THIRD_PARTY}, so a
 * careless query cannot make the hub contact someone who is not a party to the debt.
 */
public final class PartyDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(PartyDirectory.class);
    /** The hub's names of the columns it reads ({@code hub.parties.column.<name>} maps them). */
    public static final List<String> COLUMNS = List.of("loan_id", "party_id", "role", "name", "locale", "time_zone", "phone",
            "email", "push_token", "postal_address", "sms_opt_out", "email_opt_out", "push_opt_out", "letter_opt_out",
            "country", "email_is_work", "contact_hours");
    public static final Set<String> REQUIRED = Set.of("loan_id", "party_id", "role");
    private static final List<String> OPT_OUT_CHANNELS = List.of("sms", "email", "push", "letter");
    private static final Set<String> PARTY_ROLES = Set.of(Audience.CO_BORROWER, Audience.GUARANTOR);

    private final DataSource core;
    private final String sql;
    private final ColumnMapping mapping;

    public PartyDirectory(DataSource core, String sql, ColumnMapping mapping) {
        this.core = core;
        this.sql = sql;
        this.mapping = mapping;
    }

    /** Parties by loan id, and how many rows were refused because their role makes them a third party. */
    public record Parties(Map<String, List<Contact>> byLoan, Map<String, Integer> refusedByRole) {

        public static final Parties NONE = new Parties(Map.of(), Map.of());

        public List<Contact> of(String loanId) {
            return byLoan.getOrDefault(loanId, List.of());
        }

        public int refused() {
            return refusedByRole.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public Parties lookup(Collection<String> loanIds) throws SQLException {
        if (loanIds.isEmpty() || sql == null || sql.isBlank()) {
            return Parties.NONE;
        }
        Map<String, List<Contact>> byLoan = new HashMap<>();
        Map<String, Integer> refused = new TreeMap<>();
        try (Connection c = core.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = NamedSql.prepare(c, sql, Map.of("loanIds", List.copyOf(new HashSet<>(loanIds))));
                 ResultSet rs = ps.executeQuery()) {
                int[] idx = mapping.resolve(rs.getMetaData(), COLUMNS, REQUIRED, "hub.parties.sql");
                while (rs.next()) {
                    String role = Audience.normalise(rs.getString(idx[2]));
                    if (!PARTY_ROLES.contains(role)) {
                        refused.merge(role.isEmpty() ? "(none)" : role, 1, Integer::sum);
                        continue;
                    }
                    Set<String> optedOut = new HashSet<>();
                    for (int k = 0; k < OPT_OUT_CHANNELS.size(); k++) {
                        int col = idx[10 + k];
                        if (col != 0 && rs.getBoolean(col)) {
                            optedOut.add(OPT_OUT_CHANNELS.get(k));
                        }
                    }
                    String loanId = rs.getString(idx[0]);
                    Contact party = Contact.read(null, str(rs, idx[3]), str(rs, idx[4]), str(rs, idx[5]),
                            str(rs, idx[6]), str(rs, idx[7]), str(rs, idx[8]), str(rs, idx[9]), Set.copyOf(optedOut),
                            str(rs, idx[14]), idx[15] != 0 && rs.getBoolean(idx[15]), str(rs, idx[16]), role,
                            rs.getString(idx[1]), Map.of());
                    byLoan.computeIfAbsent(loanId, k -> new ArrayList<>()).add(party);
                }
            }
        }
        if (!refused.isEmpty()) {
            LOG.warn("parties: ignored {} rows of hub.parties.sql by role {} (THIRD_PARTY): only co-borrowers and "
                    + "guarantors are ever contacted", refused.values().stream().mapToInt(Integer::intValue).sum(), refused);
        }
        return new Parties(byLoan, refused);
    }

    private static String str(ResultSet rs, int i) throws SQLException {
        return i == 0 ? null : rs.getString(i);
    }
}
