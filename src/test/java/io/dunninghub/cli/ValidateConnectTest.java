package io.dunninghub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --connect} against a real PostgreSQL core bank and ledger: every configured SQL is prepared and
 * the columns it returns are checked against what the hub reads, as the scan, the re-check and the lookups would
 * find out only at run time.
 */
@Slow
class ValidateConnectTest {

    @TempDir
    Path work;
    HubFixture hub;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    record Result(int exit, String out, String err) {
    }

    private Result validate(Map<String, String> properties, String... flags) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hub.parties.sql", HubFixture.shippedProperty("hub.parties.sql"));
        p.put("hub.holds.sql", "SELECT borrower_id, 'DISPUTE' AS kind, NULL AS loan_id FROM borrower WHERE borrower_id IN (:borrowerIds) AND 1 = 0");
        p.put("hub.promises.sql", "SELECT l.borrower_id, i.due_date AS promised_date, l.loan_id FROM installment i JOIN loan l ON l.loan_id = i.loan_id WHERE l.borrower_id IN (:borrowerIds) AND 1 = 0");
        p.put("hub.optouts.sql", "SELECT borrower_id, 'sms' AS channel, mobile AS address FROM borrower WHERE sms_opt_out AND borrower_id IN (:borrowerIds)");
        p.putAll(properties);
        hub.writeProperties(p);
        List<String> args = new ArrayList<>(List.of("validate"));
        args.addAll(List.of(flags));
        args.addAll(List.of("--config", hub.configDir.toString(), "--routes", "routes"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = System.out;
        PrintStream e = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Result(Main.execute(args.toArray(String[]::new)), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    private static String shippedScan() throws Exception {
        return HubFixture.shippedProperty("hub.scan.sql");
    }

    @Test
    void theShippedSqlPreparesAgainstTheCoreBankSchema() throws Exception {
        Result r = validate(Map.of(), "--connect");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("config OK").contains("core database: 7 statements prepared").contains("ledger database: reachable");
    }

    @Test
    void aQueryARouteStandsInForIsNotPrepared() throws Exception {
        // the scan's SQL would not prepare; with a route feeding the planner it is not the hub's to run
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hub.scan.sql", shippedScan().replace("i.seq_no AS installment_no", "i.seq_nr AS installment_no"));
        p.put("hub.scan.source", "route");
        Result r = validate(p, "--connect");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("core database: 6 statements prepared");
        p.put("hub.recheck.source", "route");
        p.put("hub.contacts.source", "route");
        assertThat(validate(p, "--connect").out()).contains("core database: 4 statements prepared");
    }

    @Test
    void aColumnThatDoesNotExistIsFoundOnlyWithConnect() throws Exception {
        Map<String, String> typo = Map.of("hub.scan.sql", shippedScan().replace("i.seq_no AS installment_no", "i.seq_nr AS installment_no"));
        assertThat(validate(typo).exit()).as("without --connect the SQL is only text").isZero();
        Result r = validate(typo, "--connect");
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("application.properties: hub.scan.sql: does not prepare against the core database: ")
                .contains("seq_nr");
    }

    @Test
    void aMissingRequiredColumnAndAMappingToNothingAreNamed() throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hub.scan.sql", shippedScan().replace("AS amount_due", "AS outstanding"));
        p.put("hub.recheck.sql", HubFixture.shippedProperty("hub.recheck.sql"));
        p.put("hub.contacts.column.phone", "handy");
        p.put("hub.holds.sql", "SELECT borrower_id, NULL AS loan_id FROM borrower WHERE borrower_id IN (:borrowerIds)");
        Result r = validate(p, "--connect");
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err())
                .contains("hub.scan.sql: returns no column 'amount_due' (the hub reads amount_due from it; it returns: ")
                .contains("outstanding")
                .contains("hub.contacts.column.phone: maps phone to 'handy', which hub.contacts.sql does not return (it returns: ")
                .contains("hub.holds.sql: returns no column 'kind'");
        assertThat(r.err()).doesNotContain("hub.recheck.sql");
    }

    @Test
    void aStatementThatIsNotAQueryIsRefusedAndChangesNothing() throws Exception {
        String update = "UPDATE borrower SET full_name = 'x' WHERE borrower_id IN (:borrowerIds)";
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zhang.wei@example.com", null, false, 2,
                java.time.LocalDate.of(2026, 11, 23), false);
        Result r = validate(Map.of("hub.contacts.sql", update), "--connect");
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("hub.contacts.sql: ");
        try (Connection c = hub.core.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT full_name FROM borrower WHERE borrower_id = 'B1'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("张伟");
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedByItsKey() throws Exception {
        int closed = HubFixture.freePort();
        Result r = validate(Map.of("hub.core.url", "jdbc:postgresql://127.0.0.1:" + closed + "/core"), "--connect");
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("application.properties: hub.core.url: cannot connect: ").doesNotContain("\tat ");
        assertThat(r.err()).doesNotContain("hub.ledger.url");
    }
}
