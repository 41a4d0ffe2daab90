package io.dunninghub.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Mails;
import io.dunninghub.support.Slow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A core bank laid out as Apache Fineract lays its loans out: BIGINT ids, a repayment-schedule table with
 * amounts and what has been paid of each, the client apart. The hub reads it through the SQL alone — ids as the
 * core bank has them, the schedule and the core's own columns (the product's name) reaching the templates.
 */
@Slow
class NumericIdsCoreOnPostgresTest {

    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    static final String OUTSTANDING = "(s.principal_amount - COALESCE(s.principal_completed_derived, 0)"
            + " + s.interest_amount - COALESCE(s.interest_completed_derived, 0)"
            + " + COALESCE(s.fee_charges_amount, 0) - COALESCE(s.fee_charges_completed_derived, 0)"
            + " + COALESCE(s.penalty_charges_amount, 0) - COALESCE(s.penalty_charges_completed_derived, 0))";
    static final String COLUMNS = "SELECT s.id AS installment_id, l.id AS loan_id, l.client_id AS borrower_id, "
            + "s.duedate AS due_date, " + OUTSTANDING + " AS amount_due, "
            + "s.principal_amount - COALESCE(s.principal_completed_derived, 0) AS principal, "
            + "s.interest_amount - COALESCE(s.interest_completed_derived, 0) AS interest, "
            + "COALESCE(s.fee_charges_amount, 0) - COALESCE(s.fee_charges_completed_derived, 0) AS fees, "
            + "COALESCE(s.penalty_charges_amount, 0) - COALESCE(s.penalty_charges_completed_derived, 0) AS penalty, "
            + "l.currency_code AS currency, 'instalment' AS product, s.installment AS installment_no, "
            + "p.name AS product_name "
            + "FROM m_loan_repayment_schedule s JOIN m_loan l ON l.id = s.loan_id JOIN m_product_loan p ON p.id = l.product_id ";

    @TempDir
    Path work;
    HubFixture hub;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        try (Connection c = hub.core.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE m_client (id BIGINT PRIMARY KEY, display_name VARCHAR(100), mobile_no VARCHAR(50), "
                    + "email_address VARCHAR(150))");
            s.execute("CREATE TABLE m_product_loan (id BIGINT PRIMARY KEY, name VARCHAR(100))");
            s.execute("CREATE TABLE m_loan (id BIGINT PRIMARY KEY, account_no VARCHAR(20), client_id BIGINT, product_id BIGINT, "
                    + "principal_amount NUMERIC(19, 6), disbursedon_date DATE, currency_code VARCHAR(3), loan_status_id SMALLINT)");
            s.execute("CREATE TABLE m_loan_repayment_schedule (id BIGINT PRIMARY KEY, loan_id BIGINT, installment SMALLINT, "
                    + "duedate DATE, principal_amount NUMERIC(19, 6), principal_completed_derived NUMERIC(19, 6), "
                    + "interest_amount NUMERIC(19, 6), interest_completed_derived NUMERIC(19, 6), "
                    + "fee_charges_amount NUMERIC(19, 6), fee_charges_completed_derived NUMERIC(19, 6), "
                    + "penalty_charges_amount NUMERIC(19, 6), penalty_charges_completed_derived NUMERIC(19, 6), "
                    + "completed_derived BOOLEAN NOT NULL DEFAULT FALSE)");
            s.execute("INSERT INTO m_client VALUES (9000000001, '陈静', '+8613900139000', 'chen.jing@example.com')");
            s.execute("INSERT INTO m_product_loan VALUES (7, '消费分期贷')");
            s.execute("INSERT INTO m_loan VALUES (420000000017, '000000017', 9000000001, 7, 3000, DATE '2026-07-23', 'CNY', 300)");
            s.execute("INSERT INTO m_loan_repayment_schedule VALUES "
                    + "(880000000101, 420000000017, 1, DATE '2026-08-23', 1000, 1000, 30, 30, 0, 0, 0, 0, TRUE), "
                    + "(880000000102, 420000000017, 2, DATE '2026-10-23', 1000, 400, 30, 0, 20, 0, 5, 0, FALSE), "
                    + "(880000000103, 420000000017, 3, DATE '2026-11-13', 1000, 0, 30, 0, 0, 0, 0, 0, FALSE)");
        }
        hub.writeProperties(Map.of(
                "hub.scan.sql", COLUMNS + "WHERE s.completed_derived = FALSE AND s.duedate <= :dueBy "
                        + "AND l.loan_status_id = 300 ORDER BY l.client_id, l.id, s.duedate",
                "hub.recheck.sql", COLUMNS + "WHERE s.id IN (:installmentIds)",
                "hub.contacts.sql", "SELECT id AS borrower_id, display_name AS name, 'zh-CN' AS locale, "
                        + "'Asia/Shanghai' AS time_zone, mobile_no AS phone, email_address AS email "
                        + "FROM m_client WHERE id IN (:borrowerIds)",
                "hub.loans.sql", "SELECT id AS loan_id, account_no AS contract_no, principal_amount AS loan_amount, "
                        + "disbursedon_date AS loan_date FROM m_loan WHERE id IN (:loanIds)",
                "hub.schedule.sql", "SELECT s.loan_id, s.installment AS installment_no, s.duedate AS due_date, "
                        + "s.principal_amount + s.interest_amount + COALESCE(s.fee_charges_amount, 0) "
                        + "+ COALESCE(s.penalty_charges_amount, 0) AS amount_due, "
                        + "CASE WHEN s.completed_derived THEN 'paid' WHEN s.duedate < :asOf THEN 'overdue' ELSE 'due' END AS status "
                        + "FROM m_loan_repayment_schedule s WHERE s.loan_id IN (:loanIds) ORDER BY s.loan_id, s.installment"));
        hub.writeLadderYaml("""
                ladders:
                  - id: consumer
                    steps:
                      - id: formal
                        dpd: 4..
                        channels:
                          - { channel: email, template: overdue_formal }
                """);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void bigintIdsAPartPaidScheduleAndTheCoresOwnColumnsReachTheNotice() throws Exception {
        try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false,
                Clock.fixed(NOW, ZoneOffset.UTC))) {
            HubRuntime runtime = app.start();
            runtime.planningPass().run(NOW);
            runtime.dispatchJob().drain();
        }

        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE loan_id = '420000000017' AND borrower_id = "
                + "'9000000001' AND installment_ids = '880000000102' || CHR(10) || '880000000103' AND status = 'SENT'"))
                .isEqualTo(1);
        String text = Mails.text(hub.smtp.getReceivedMessages()[0]);
        // installment 2: 600 principal + 30 interest + 20 fees + 5 penalty; installment 3: 1,030.00
        assertThat(text).contains("尊敬的陈静", "655.00", "1,030.00", "1,685.00", "罚息：5.00",
                "3,000.00", "2026年7月23日", "第1期", "已还清", "000000017");
    }
}
