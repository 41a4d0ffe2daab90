package io.dunninghub.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loan with several overdue installments gets one notice per step and channel, about all of them, on a real
 * PostgreSQL core bank and ledger: with their totals, the loan's details and its schedule; per borrower and per
 * installment where a ladder says so; re-checked before sending (a partial payment lowers the total, paying all
 * suppresses it); and a ledger planned per installment before grouping never plans the same step twice.
 */
@Slow
class NoticesPerDebtOnPostgresTest {

    /** 10:00 in Shanghai: inside every contact window. */
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @TempDir
    Path work;
    HubFixture hub;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        hub.writeProperties(Map.of(
                "hub.loans.sql", HubFixture.shippedProperty("hub.loans.sql"),
                "hub.schedule.sql", HubFixture.shippedProperty("hub.schedule.sql"),
                "hub.contacts.sql", HubFixture.shippedProperty("hub.contacts.sql")));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void ladder(String per) throws Exception {
        hub.writeLadderYaml("""
                ladders:
                  - id: consumer
                    per: %s
                    steps:
                      - id: formal
                        dpd: 4..
                        channels:
                          - { channel: email,  template: overdue_formal }
                          - { channel: letter, template: overdue_letter }
                          - { channel: sms,    template: overdue_formal }
                """.formatted(per));
    }

    /** A borrower with loan {@code L<id>}: installment 1 paid, 2 and 3 overdue by 40 and 10 days, 4 not yet due. */
    private void borrowerWithTwoOverdue(String id, String name) throws Exception {
        hub.borrower(id, name, "zh-CN", "Asia/Shanghai", "+861380013800" + id.substring(1), id.toLowerCase() + "@example.com",
                null, false, 70, TODAY, true);
        sql("UPDATE borrower SET gender = 'M' WHERE borrower_id = '" + id + "'",
                "UPDATE loan SET contract_no = 'HT-" + id + "', term_months = 4, repayment_url = 'https://pay.example.com/" + id
                        + "' WHERE loan_id = 'L" + id + "'",
                installment("I" + id + "-2", "L" + id, 2, TODAY.minusDays(40), "480.00", "24.00", "25.00", "6.00"),
                installment("I" + id + "-3", "L" + id, 3, TODAY.minusDays(10), "480.00", "24.00", "0.00", "0.00"),
                installment("I" + id + "-4", "L" + id, 4, TODAY.plusDays(20), "480.00", "24.00", "0.00", "0.00"));
    }

    private static String installment(String id, String loan, int seq, LocalDate due, String principal, String interest,
                                      String fees, String penalty) {
        return "INSERT INTO installment (installment_id, loan_id, seq_no, due_date, principal_due, interest_due, fees_due, "
                + "paid_amount, penalty_due) VALUES ('" + id + "', '" + loan + "', " + seq + ", DATE '" + due + "', "
                + principal + ", " + interest + ", " + fees + ", 0, " + penalty + ")";
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = hub.core.getConnection(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.executeUpdate(st);
            }
        }
    }

    private HubDaemon app() {
        return new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<String> ledgerRows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    @Test
    void aLoansOverdueInstallmentsAreOneNoticePerChannelWithTheirTotalsTheLoanAndItsSchedule() throws Exception {
        ladder("loan");
        borrowerWithTwoOverdue("B1", "张伟");
        try (HubDaemon app = app()) {
            HubRuntime runtime = app.start();
            runtime.planningPass().run(NOW);
            runtime.dispatchJob().drain();
        }

        assertThat(ledgerRows("SELECT dedupe_key || ' ' || status || COALESCE(' ' || reason, '') || ' ' || debt || ' ' || REPLACE(installment_ids, E'\\n', ',') "
                + "FROM notice WHERE borrower_id = 'B1' ORDER BY channel")).containsExactly(
                "loan/LB1:formal:email:borrower:0 SENT loan IB1-2,IB1-3",
                "loan/LB1:formal:letter:borrower:0 SENT loan IB1-2,IB1-3",
                "loan/LB1:formal:sms:borrower:0 SENT loan IB1-2,IB1-3");
        // 480 + 24 + 25 + 6 = 535.00 and 480 + 24 = 504.00: 1,039.00 in all; installment 4 is not yet due
        MimeMessage email = hub.smtp.getReceivedMessages()[0];
        String text = io.dunninghub.support.Mails.text(email);
        assertThat(text).contains("尊敬的张先生", "1,039.00", "535.00", "504.00", "罚息：6.00", "第2期", "第3期",
                "HT-B1", "https://pay.example.com/B1", "2026年10月14日", "2026年11月13日");
        assertThat(text).as("the schedule lists installment 4 as not yet due").contains("第4期", "待还");
        Path letter;
        try (var files = Files.list(hub.outbox.resolve("letter"))) {
            letter = files.filter(f -> f.toString().endsWith(".pdf")).findFirst().orElseThrow();
        }
        try (PDDocument pdf = Loader.loadPDF(letter.toFile())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("合计：1,039.00", "第2期", "第3期", "HT-B1");
        }
    }

    @Test
    void perBorrowerIsOneNoticeAboutEveryLoanAndPerInstallmentOneAboutEach() throws Exception {
        ladder("borrower");
        borrowerWithTwoOverdue("B2", "李娜");
        hub.loan("B2", "X", 8, TODAY);
        try (HubDaemon app = app()) {
            app.start().planningPass().run(NOW);
        }
        assertThat(ledgerRows("SELECT dedupe_key || ' ' || REPLACE(installment_ids, E'\\n', ',') FROM notice "
                + "WHERE channel = 'email'")).containsExactly("borrower/B2:formal:email:borrower:0 IB2-2,IB2-3,IB2-X");

        ladder("installment");
        borrowerWithTwoOverdue("B3", "王芳");
        try (HubDaemon app = app()) {
            app.start().planningPass().run(NOW);
        }
        assertThat(ledgerRows("SELECT dedupe_key FROM notice WHERE borrower_id = 'B3' AND channel = 'email' ORDER BY 1"))
                .containsExactly("IB3-2:formal:email:borrower:0", "IB3-3:formal:email:borrower:0");
    }

    @Test
    void theDebtIsReadAgainBeforeSendingAPartPaymentLowersItAndPayingAllSuppressesTheNotice() throws Exception {
        ladder("loan");
        borrowerWithTwoOverdue("B4", "赵敏");
        borrowerWithTwoOverdue("B5", "周杰");
        try (HubDaemon app = app()) {
            app.start().planningPass().run(NOW);
        }
        sql("UPDATE installment SET paid_amount = 535.00 WHERE installment_id = 'IB4-2'",
                "UPDATE installment SET paid_amount = principal_due + interest_due + fees_due + penalty_due "
                        + "WHERE loan_id = 'LB5'");
        try (HubDaemon app = app()) {
            app.start().dispatchJob().drain();
        }
        assertThat(ledgerRows("SELECT borrower_id || ' ' || status || ' ' || COALESCE(reason, '-') FROM notice "
                + "WHERE channel = 'email' ORDER BY borrower_id")).containsExactly("B4 SENT -", "B5 SUPPRESSED PAID");
        String text = io.dunninghub.support.Mails.text(hub.smtp.getReceivedMessages()[0]);
        assertThat(text).contains("合计：504.00").doesNotContain("1,039.00", "第2期，");
    }

    @Test
    void aLedgerPlannedPerInstallmentBeforeGroupingDoesNotPlanTheSameStepAgain() throws Exception {
        // the ledger as it was: each installment planned on its own for the day-4 step
        ladder("installment");
        borrowerWithTwoOverdue("B6", "吴勇");
        try (HubDaemon app = app()) {
            app.start().planningPass().run(NOW);
        }
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B6'")).isEqualTo(6);
        // the same day under the grouped ladder: nothing new for the step and cycle already planned
        ladder("loan");
        try (HubDaemon app = app()) {
            app.start().planningPass().run(NOW.plusSeconds(600));
        }
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B6'")).isEqualTo(6);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE dedupe_key LIKE 'loan/%'")).isZero();
    }
}
