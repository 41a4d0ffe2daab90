package io.dunninghub.demo;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small core-banking schema with demo borrowers, so the hub runs with no external service. Stands in
 * for the lender's database: the hub itself only reads it, through the SQL in application.properties.
 * Due dates are relative to the day it is created, so every days-past-due step of the ladder has work.
 */
public final class DemoBank {

    private static final Logger LOG = LoggerFactory.getLogger(DemoBank.class);

    public static final List<String> SCHEMA = List.of(
            """
            CREATE TABLE borrower (
                borrower_id    VARCHAR(32)  PRIMARY KEY,
                full_name      VARCHAR(200) NOT NULL,
                locale         VARCHAR(10),
                time_zone      VARCHAR(64),
                mobile         VARCHAR(32),
                email          VARCHAR(200),
                push_token     VARCHAR(300),
                postal_address VARCHAR(500),
                sms_opt_out    BOOLEAN DEFAULT FALSE NOT NULL,
                email_opt_out  BOOLEAN DEFAULT FALSE NOT NULL,
                push_opt_out   BOOLEAN DEFAULT FALSE NOT NULL,
                country        VARCHAR(2),
                email_is_work  BOOLEAN DEFAULT FALSE NOT NULL,
                gender         CHAR(1)
            )""",
            """
            CREATE TABLE loan (
                loan_id          VARCHAR(32) PRIMARY KEY,
                borrower_id      VARCHAR(32) NOT NULL REFERENCES borrower (borrower_id),
                product          VARCHAR(40),
                segment          VARCHAR(40),
                principal_amount NUMERIC(14, 2),
                currency         VARCHAR(3),
                disbursed_on     DATE,
                prior_defaults   INTEGER DEFAULT 0 NOT NULL,
                contract_no      VARCHAR(40),
                term_months      INTEGER,
                repayment_url    VARCHAR(300)
            )""",
            """
            CREATE TABLE installment (
                installment_id VARCHAR(40) PRIMARY KEY,
                loan_id        VARCHAR(32) NOT NULL REFERENCES loan (loan_id),
                seq_no         INTEGER,
                due_date       DATE NOT NULL,
                principal_due  NUMERIC(14, 2) NOT NULL,
                interest_due   NUMERIC(14, 2) NOT NULL,
                fees_due       NUMERIC(14, 2) NOT NULL,
                paid_amount    NUMERIC(14, 2) DEFAULT 0 NOT NULL,
                penalty_due    NUMERIC(14, 2) DEFAULT 0 NOT NULL
            )""",
            // People the lender knows in connection with a loan. Only co-borrowers and guarantors are parties to
            // the debt; relatives, employers and emergency contacts are here because real core systems hold
            // them too, and the hub must never contact them.
            """
            CREATE TABLE contact_person (
                person_id   VARCHAR(40)  PRIMARY KEY,
                loan_id     VARCHAR(32)  NOT NULL REFERENCES loan (loan_id),
                relation    VARCHAR(30)  NOT NULL,
                full_name   VARCHAR(200) NOT NULL,
                locale      VARCHAR(10),
                time_zone   VARCHAR(64),
                country     VARCHAR(2),
                mobile      VARCHAR(32),
                email       VARCHAR(200)
            )""",
            "CREATE INDEX ix_contact_person_loan ON contact_person (loan_id)",
            "CREATE INDEX ix_installment_due ON installment (due_date)",
            "CREATE INDEX ix_installment_loan ON installment (loan_id)",
            "CREATE INDEX ix_loan_borrower ON loan (borrower_id)");

    private static final String[] CN_SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    // given names by gender (index 0 male, 1 female), so a salutation's title matches the name
    private static final String[][] CN_GIVEN = {{"伟", "磊", "洋", "勇", "军", "杰"}, {"芳", "娜", "敏", "静", "艳", "娟"}};
    private static final String[] TW_SURNAMES = {"陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊"};
    private static final String[][] TW_GIVEN = {{"志明", "家豪", "冠宇", "俊傑"}, {"怡君", "雅婷", "淑芬", "欣怡"}};
    private static final String[][] EN_FIRST = {{"James", "Robert", "Michael", "David"}, {"Mary", "Linda", "Susan", "Karen"}};
    private static final String[] EN_LAST = {"Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson"};
    private static final int[] DAYS_PAST_DUE = {-3, 0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 31, 40, 45, 60, 75};
    private static final int TERM_MONTHS = 6;

    private DemoBank() {
    }

    public static boolean hasSchema(DataSource core) throws SQLException {
        try (Connection c = core.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, null, "installment", null)) {
            if (rs.next()) {
                return true;
            }
        }
        try (Connection c = core.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, null, "INSTALLMENT", null)) {
            return rs.next();
        }
    }

    public static void createSchema(DataSource core) throws SQLException {
        try (Connection c = core.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
        }
    }

    /** Creates the schema and {@code borrowers} demo borrowers unless the schema already exists. */
    public static boolean seedIfEmpty(DataSource core, int borrowers, LocalDate today) throws SQLException {
        if (hasSchema(core)) {
            return false;
        }
        createSchema(core);
        seed(core, borrowers, today);
        LOG.info("demo: created a core banking database with {} borrowers", borrowers);
        return true;
    }

    static void seed(DataSource core, int borrowers, LocalDate today) throws SQLException {
        Random rnd = new Random(20261123L);
        try (Connection c = core.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement b = c.prepareStatement("INSERT INTO borrower VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement l = c.prepareStatement("INSERT INTO loan VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement p = c.prepareStatement("INSERT INTO contact_person VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement i = c.prepareStatement(
                         "INSERT INTO installment VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int n = 1; n <= borrowers; n++) {
                    String id = String.format("B%05d", n);
                    int kind = n % 10; // 0-3 zh-CN, 4-6 zh-TW, 7-9 en
                    int female = n % 2;
                    String locale;
                    String zone;
                    String name;
                    String phone;
                    String address;
                    String currency;
                    String country;
                    if (kind <= 3) {
                        locale = "zh-CN";
                        zone = "Asia/Shanghai";
                        name = pick(rnd, CN_SURNAMES) + pick(rnd, CN_GIVEN[female])
                                + (rnd.nextBoolean() ? pick(rnd, CN_GIVEN[female]) : "");
                        phone = "+86138" + String.format("%08d", 10000000 + n);
                        address = "上海市浦东新区世纪大道" + (100 + n) + "号";
                        currency = "CNY";
                        country = "CN";
                    } else if (kind <= 6) {
                        locale = "zh-TW";
                        zone = "Asia/Taipei";
                        name = pick(rnd, TW_SURNAMES) + pick(rnd, TW_GIVEN[female]);
                        phone = "+886912" + String.format("%06d", 100000 + n);
                        address = "臺北市信義區市府路" + (1 + n) + "號";
                        currency = "TWD";
                        country = "TW";
                    } else {
                        locale = "en";
                        zone = n % 50 == 7 ? null : "America/New_York"; // a few without a zone: fail closed
                        name = pick(rnd, EN_FIRST[female]) + " " + pick(rnd, EN_LAST);
                        phone = "+1212555" + String.format("%04d", 1000 + n % 9000);
                        address = (100 + n) + " Main Street, New York, NY 10001";
                        currency = "USD";
                        country = "US";
                    }
                    if (n == 13) {
                        phone = "+86 123"; // a number no operator would accept
                    }
                    String email = n % 7 == 0 ? null : "borrower" + n + "@example.com";
                    String push = n % 3 == 0 ? null : "fcm-token-" + id;
                    b.setString(1, id);
                    b.setString(2, name);
                    b.setString(3, locale);
                    b.setString(4, zone);
                    b.setString(5, phone);
                    b.setString(6, email);
                    b.setString(7, push);
                    b.setString(8, address);
                    b.setBoolean(9, n % 19 == 0);
                    b.setBoolean(10, n % 23 == 0);
                    b.setBoolean(11, n % 29 == 0);
                    b.setString(12, country);
                    b.setBoolean(13, email != null && n % 11 == 8); // an address at the borrower's employer
                    b.setString(14, n % 5 == 4 ? null : female == 1 ? "F" : "M"); // not every core bank records it
                    b.addBatch();

                    String loanId = String.format("L%07d", 4000000 + n);
                    int dpd = DAYS_PAST_DUE[n % DAYS_PAST_DUE.length];
                    // installment 2 is the oldest unpaid one, dpd days past due; the rest follow monthly
                    LocalDate firstUnpaid = today.minusDays(dpd);
                    LocalDate disbursed = firstUnpaid.minusMonths(2);
                    BigDecimal principal = BigDecimal.valueOf(600 + rnd.nextInt(5400)).setScale(2, RoundingMode.HALF_UP);
                    l.setString(1, loanId);
                    l.setString(2, id);
                    l.setString(3, "instalment");
                    l.setString(4, n % 4 == 0 ? "repeat" : "first");
                    l.setBigDecimal(5, principal);
                    l.setString(6, currency);
                    l.setDate(7, Date.valueOf(disbursed));
                    l.setInt(8, n % 4 == 0 ? 1 + n % 3 : 0);
                    l.setString(9, "HT" + disbursed.toString().replace("-", "") + String.format("%05d", n));
                    l.setInt(10, TERM_MONTHS);
                    l.setString(11, "https://pay.example.com/r/" + loanId);
                    l.addBatch();
                    addPeople(p, n, loanId, locale, zone, country);

                    BigDecimal perInstallment = principal.divide(BigDecimal.valueOf(TERM_MONTHS), 2, RoundingMode.HALF_UP);
                    BigDecimal interest = perInstallment.multiply(new BigDecimal("0.05")).setScale(2, RoundingMode.HALF_UP);
                    boolean paid = n % 17 == 0;
                    for (int seq = 1; seq <= TERM_MONTHS; seq++) {
                        LocalDate due = disbursed.plusMonths(seq);
                        long late = today.toEpochDay() - due.toEpochDay();
                        BigDecimal fees = late > 3 ? new BigDecimal("25.00") : BigDecimal.ZERO;
                        // penalty interest of 0.05 % of the principal a day after a 3-day grace period
                        BigDecimal penalty = late > 3 ? perInstallment.multiply(new BigDecimal("0.0005"))
                                .multiply(BigDecimal.valueOf(late)).setScale(2, RoundingMode.HALF_UP) : BigDecimal.ZERO;
                        BigDecimal total = perInstallment.add(interest).add(fees).add(penalty);
                        BigDecimal paidAmount = seq == 1 || (seq == 2 && paid) ? total
                                : seq == 2 && n % 11 == 5 ? total.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN)
                                : BigDecimal.ZERO;
                        addInstallment(i, loanId, seq, due, perInstallment, interest, fees, penalty, paidAmount);
                    }
                }
                b.executeBatch();
                l.executeBatch();
                p.executeBatch();
                i.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                // the driver's message quotes the failing row (a borrower's name, phone, e-mail and address)
                throw new SQLException("demo: cannot fill the demo core banking database: " + withoutValues(e),
                        e.getSQLState());
            }
        }
    }

    /**
     * What went wrong without the data: a batch's own message quotes its first row, so the driver's next exception
     * is used; the server's detail line (which quotes key values) is left out.
     */
    static String withoutValues(SQLException e) {
        SQLException cause = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        String message = String.valueOf(cause.getMessage());
        int cut = message.length();
        for (String marker : new String[] {"\n", "  Detail:", "  Where:", " Call getNextException"}) {
            int at = message.indexOf(marker);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        message = message.substring(0, cut).strip();
        if (message.startsWith("Batch entry")) {
            return "a batch insert failed (SQL state " + cause.getSQLState() + ")";
        }
        return message + " (SQL state " + cause.getSQLState() + ")";
    }

    /** Relatives, employers and emergency contacts for many loans; a guarantor or co-borrower for a few. */
    private static void addPeople(PreparedStatement p, int n, String loanId, String locale, String zone, String country)
            throws SQLException {
        String[][] people = {
                {"relative", n % 3 == 0 ? "y" : null},
                {"employer", n % 5 == 0 ? "y" : null},
                {"emergency-contact", n % 7 == 0 ? "y" : null},
                {"guarantor", n % 9 == 0 ? "y" : null},
                {"co-borrower", n % 13 == 0 ? "y" : null}};
        int k = 0;
        for (String[] person : people) {
            k++;
            if (person[1] == null) {
                continue;
            }
            p.setString(1, loanId + "-P" + k);
            p.setString(2, loanId);
            p.setString(3, person[0]);
            p.setString(4, person[0].substring(0, 1).toUpperCase(java.util.Locale.ROOT) + person[0].substring(1) + " of " + loanId);
            p.setString(5, locale);
            p.setString(6, zone);
            p.setString(7, country);
            p.setString(8, "+86139" + String.format("%08d", 20000000 + n * 10 + k));
            p.setString(9, person[0] + n + "@example.org");
            p.addBatch();
        }
    }

    private static void addInstallment(PreparedStatement ps, String loanId, int seq, LocalDate due, BigDecimal principal,
                                       BigDecimal interest, BigDecimal fees, BigDecimal penalty, BigDecimal paid)
            throws SQLException {
        ps.setString(1, loanId + "-" + seq);
        ps.setString(2, loanId);
        ps.setInt(3, seq);
        ps.setDate(4, Date.valueOf(due));
        ps.setBigDecimal(5, principal);
        ps.setBigDecimal(6, interest);
        ps.setBigDecimal(7, fees);
        ps.setBigDecimal(8, paid);
        ps.setBigDecimal(9, penalty);
        ps.addBatch();
    }

    private static String pick(Random rnd, String[] options) {
        return options[rnd.nextInt(options.length)];
    }
}
