package io.dunninghub;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.daemon.DriverFolder;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.plan.PlanSummary;
import io.dunninghub.support.MariaDb;
import io.dunninghub.support.Postgres;
import io.dunninghub.support.ShippedConfig;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A core bank on MariaDB, read by configuration alone: a schema shaped the way MySQL lending systems are (BIGINT
 * ids, TINYINT(1) flags, DECIMAL amounts, its own column names), the scan, the re-check before sending and the
 * contacts all read from it through the shipped MySQL driver, or through a driver dropped into lib/; the ledger
 * on PostgreSQL. The SQL is the worked example of docs/guide/core-bank-mysql.md.
 */
@Slow
class MariaDbCoreBankTest {

    /** Ids past 2^53, which a double cannot tell apart: the hub must keep them exact. */
    static final String ZHANG = "9007199254740993";
    static final String MARY = "9007199254740992";
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    /** 10:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    static final String SCAN_SQL = """
            SELECT r.id AS installment_id, r.loan_id, l.customer_id AS borrower_id, r.due_on,
                   r.principal + r.interest + r.penalty - r.repaid AS amount_due,
                   r.principal, r.interest, r.penalty AS fees, l.currency, l.product_code AS product,
                   r.period_no AS installment_no, l.defaults_before AS previous_defaults
              FROM repayment_plan r JOIN loan_account l ON l.id = r.loan_id
             WHERE r.due_on <= :dueBy AND r.principal + r.interest + r.penalty - r.repaid > 0""";
    static final String RECHECK_SQL = """
            SELECT r.id AS installment_id, r.loan_id, l.customer_id AS borrower_id, r.due_on,
                   r.principal + r.interest + r.penalty - r.repaid AS amount_due,
                   r.principal, r.interest, r.penalty AS fees, l.currency, l.product_code AS product,
                   r.period_no AS installment_no, l.defaults_before AS previous_defaults
              FROM repayment_plan r JOIN loan_account l ON l.id = r.loan_id
             WHERE r.id IN (:installmentIds)""";
    static final String CONTACTS_SQL = """
            SELECT c.id AS borrower_id, c.full_name AS name, c.lang AS locale, c.tz AS time_zone, c.mobile_no,
                   c.email, c.sms_optout AS sms_opt_out, c.email_optout AS email_opt_out, c.country
              FROM customer c WHERE c.id IN (:borrowerIds)""";

    static MariaDb mariadb;

    @BeforeAll
    static void startMariaDb(@TempDir Path dir) throws Exception {
        mariadb = MariaDb.start(dir);
    }

    @AfterAll
    static void stopMariaDb() throws Exception {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    void theShippedMySqlDriverReadsTheScanTheRecheckAndTheContacts(@TempDir Path work) throws Exception {
        coreBank("lender_a");
        Hub hub = new Hub(work, mariadb.mysqlUrl("lender_a", "useCursorFetch=true"));
        try (HubDaemon app = hub.daemon()) {
            HubRuntime runtime = app.start();
            PlanSummary plan = runtime.planningPass().run(NOW);
            assertThat(plan.rows()).as("installments the scan read (not the one due in 5 days)").isEqualTo(3);
            assertThat(plan.plannedByChannel()).isEqualTo(Map.of("sms", 2L, "email", 3L));
            // Zhang pays after the scan: the re-check right before sending reads it from MariaDB
            try (Connection c = mariadb.root(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE lender_a.repayment_plan SET repaid = principal + interest + penalty WHERE id = " + ZHANG);
            }
            runtime.dispatchJob().drain();
        }
        assertThat(hub.ledger("SELECT borrower_id || '/' || channel || '/' || status || '/' || COALESCE(reason, '') FROM notice"))
                .containsOnlyKeys(ZHANG + "/sms/SUPPRESSED/PAID", ZHANG + "/email/SUPPRESSED/PAID",
                        MARY + "/sms/SENT/", MARY + "/email/SENT/", "1003/sms/SUPPRESSED/OPTED_OUT", "1003/email/SENT/");
        // the contacts came from MariaDB: Mary's number and name, in her locale
        String sms = hub.outbox("sms");
        assertThat(sms).contains("To: +12125550143").contains("Mary Smith");
        assertThat(hub.outbox("email")).contains("mary.smith@example.com").contains("li.na@example.com");
    }

    @Test
    void aDriverInLibReadsTheSameCoreBank(@TempDir Path work) throws Exception {
        coreBank("lender_b");
        Path lib = Files.createDirectories(work.resolve("lib"));
        try (Stream<Path> drivers = Files.list(Path.of("target/test-drivers"))) {
            for (Path jar : drivers.toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        assertThat(DriverFolder.load(lib)).containsExactly("org.mariadb.jdbc.Driver");
        Hub hub = new Hub(work, "jdbc:mariadb://127.0.0.1:" + mariadb.port() + "/lender_b");
        try (HubDaemon app = hub.daemon()) {
            HubRuntime runtime = app.start();
            assertThat(runtime.planningPass().run(NOW).rows()).isEqualTo(3);
            runtime.dispatchJob().drain();
        }
        assertThat(hub.ledger("SELECT status FROM notice")).isEqualTo(Map.of("SENT", 5L, "SUPPRESSED", 1L));
    }

    /** A MySQL-shaped lending schema with four borrowers; the hub reads it as core_reader, who may only SELECT. */
    private static void coreBank(String db) throws Exception {
        try (Connection c = mariadb.root(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4");
            s.execute("USE " + db);
            s.execute("""
                    CREATE TABLE customer (
                      id           BIGINT UNSIGNED NOT NULL PRIMARY KEY,
                      full_name    VARCHAR(200) NOT NULL,
                      lang         VARCHAR(10),
                      tz           VARCHAR(64),
                      mobile_no    VARCHAR(32),
                      email        VARCHAR(200),
                      sms_optout   TINYINT(1) NOT NULL DEFAULT 0,
                      email_optout TINYINT(1) NOT NULL DEFAULT 0,
                      country      CHAR(2)
                    ) ENGINE=InnoDB""");
            s.execute("""
                    CREATE TABLE loan_account (
                      id              BIGINT UNSIGNED NOT NULL PRIMARY KEY,
                      customer_id     BIGINT UNSIGNED NOT NULL,
                      product_code    VARCHAR(40),
                      currency        CHAR(3) NOT NULL,
                      defaults_before INT NOT NULL DEFAULT 0,
                      CONSTRAINT fk_loan_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
                    ) ENGINE=InnoDB""");
            s.execute("""
                    CREATE TABLE repayment_plan (
                      id        BIGINT UNSIGNED NOT NULL PRIMARY KEY,
                      loan_id   BIGINT UNSIGNED NOT NULL,
                      period_no INT NOT NULL,
                      due_on    DATE NOT NULL,
                      principal DECIMAL(14, 2) NOT NULL,
                      interest  DECIMAL(14, 2) NOT NULL,
                      penalty   DECIMAL(14, 2) NOT NULL DEFAULT 0,
                      repaid    DECIMAL(14, 2) NOT NULL DEFAULT 0,
                      KEY ix_repayment_due (due_on),
                      CONSTRAINT fk_plan_loan FOREIGN KEY (loan_id) REFERENCES loan_account (id)
                    ) ENGINE=InnoDB""");
            s.execute("INSERT INTO customer VALUES "
                    + "(" + ZHANG + ", '张伟', 'zh-CN', 'Asia/Shanghai', '+8613800138000', 'zhang.wei@example.com', 0, 0, 'CN'), "
                    + "(" + MARY + ", 'Mary Smith', 'en', 'America/New_York', '+12125550143', 'mary.smith@example.com', 0, 0, 'US'), "
                    + "(1003, '李娜', 'zh-CN', 'Asia/Shanghai', '+8613700137000', 'li.na@example.com', 1, 0, 'CN'), "
                    + "(1004, '王芳', 'zh-CN', 'Asia/Shanghai', '+8613600136000', NULL, 0, 0, 'CN')");
            s.execute("INSERT INTO loan_account VALUES (" + ZHANG + ", " + ZHANG + ", 'instalment', 'CNY', 0), "
                    + "(" + MARY + ", " + MARY + ", 'instalment', 'USD', 1), (77003, 1003, 'instalment', 'CNY', 0), "
                    + "(77004, 1004, 'instalment', 'CNY', 0)");
            // Zhang 2 and Mary 3 days past due, Li Na 2 days (SMS opted out), Wang Fang 5 days before her due date
            s.execute("INSERT INTO repayment_plan VALUES "
                    + "(" + ZHANG + ", " + ZHANG + ", 3, '" + TODAY.minusDays(2) + "', 500.00, 25.50, 10.00, 0), "
                    + "(" + MARY + ", " + MARY + ", 2, '" + TODAY.minusDays(3) + "', 180.00, 9.00, 0, 0), "
                    + "(1003, 77003, 1, '" + TODAY.minusDays(2) + "', 300.00, 15.00, 0, 0), "
                    + "(1004, 77004, 1, '" + TODAY.plusDays(5) + "', 300.00, 15.00, 0, 0)");
            s.execute("CREATE USER IF NOT EXISTS 'core_reader'@'%' IDENTIFIED BY 'core-reader-pw'");
            s.execute("GRANT SELECT ON " + db + ".* TO 'core_reader'@'%'");
        }
    }

    /** A config folder for one MariaDB core bank, a ledger on PostgreSQL and the file outbox. */
    private static final class Hub {
        final Path config;
        final Path outbox;
        final String ledgerDb = Postgres.newDatabase("ledger");

        Hub(Path work, String coreUrl) throws Exception {
            config = Files.createDirectories(work.resolve("config"));
            outbox = work.resolve("outbox");
            ShippedConfig.copyTree(Path.of("config/templates"), config.resolve("templates"));
            ShippedConfig.copyTree(Path.of("config/fonts"), config.resolve("fonts"));
            Files.writeString(config.resolve("ladder.yaml"), """
                    ladders:
                      - id: consumer
                        steps:
                          - id: early
                            dpd: 1..29
                            channels:
                              - { channel: sms,   template: overdue_early }
                              - { channel: email, template: overdue_early }
                    """);
            Files.writeString(config.resolve("policy.yaml"), """
                    contact-windows:
                      default: always
                    phone:
                      default-region: CN
                    """);
            Files.writeString(config.resolve("providers.yaml"), """
                    providers:
                      - { name: outbox-sms, channel: sms, adapter: file, options: { dir: "%s" } }
                      - { name: outbox-email, channel: email, adapter: file, options: { dir: "%s", from: "reminders@lender.example" } }
                    """.formatted(outbox, outbox));
            Map<String, String> p = new TreeMap<>();
            p.put("hub.business-zone", "Asia/Shanghai");
            p.put("hub.core.url", coreUrl);
            p.put("hub.core.username", "core_reader");
            p.put("hub.core.password", "core-reader-pw");
            p.put("hub.ledger.url", Postgres.jdbcUrl(ledgerDb));
            p.put("hub.ledger.username", "postgres");
            p.put("hub.scan.sql", SCAN_SQL);
            p.put("hub.scan.column.due_date", "due_on");
            p.put("hub.recheck.sql", RECHECK_SQL);
            p.put("hub.contacts.sql", CONTACTS_SQL);
            p.put("hub.contacts.column.phone", "mobile_no");
            p.put("hub.lender.name", "示例消费金融有限公司");
            p.put("hub.lender.hotline", "400-000-0000");
            p.put("hub.lender.app-name", "示例借");
            p.put("hub.lender.email", "service@lender.example");
            p.put("hub.lender.website", "https://www.lender.example");
            p.put("hub.lender.complaints", "400-000-0001");
            StringBuilder text = new StringBuilder();
            p.forEach((k, v) -> text.append(k).append(" = ").append(v.replace("\n", " ")).append('\n'));
            Files.writeString(config.resolve("application.properties"), text.toString());
        }

        /** The hub as {@code run --once} builds it, on the test's clock. */
        HubDaemon daemon() {
            return new HubDaemon(config, Path.of("routes"), Map.of(), false, new TestClock(NOW));
        }

        Map<String, Long> ledger(String sql) throws Exception {
            Map<String, Long> out = new TreeMap<>();
            try (Connection c = Postgres.dataSource(ledgerDb).getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.merge(rs.getString(1), 1L, Long::sum);
                }
            }
            return out;
        }

        String outbox(String channel) throws Exception {
            StringBuilder all = new StringBuilder();
            try (Stream<Path> files = Files.list(outbox.resolve(channel))) {
                for (Path f : files.sorted().toList()) {
                    all.append(Files.readString(f)).append('\n');
                }
            }
            return all.toString();
        }
    }
}
