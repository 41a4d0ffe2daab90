package io.dunninghub.bench;

import io.dunninghub.demo.DemoBank;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills a core banking database (the demo schema) with {@code n} overdue installments for n/2 borrowers,
 * one loan each, with PostgreSQL COPY. Days past due cycle over five kinds so the bench ladder gives 1.8
 * notices per installment: 1 in 5 at 1..3 days (sms, push, e-mail), 2 in 5 at 4..29 (e-mail, sms) and
 * 2 in 5 at 30..89 (sms). Every borrower has a valid mobile number, an e-mail address and a push token.
 */
final class CoreBankGenerator {

    private static final String[] LOCALES = {"zh-CN", "zh-CN", "zh-CN", "zh-CN", "zh-TW", "zh-TW", "zh-TW", "en", "en", "en"};
    private static final String[] NAMES_CN = {"王伟", "李芳", "张娜", "刘敏", "陈静", "杨磊", "黄洋", "赵艳"};
    private static final String[] NAMES_TW = {"陳怡君", "林志明", "黃雅婷", "張家豪", "李淑芬", "王冠宇"};
    private static final String[] NAMES_EN = {"James Smith", "Mary Johnson", "Robert Brown", "Linda Garcia", "David Wilson"};
    private static final int BLOCK = 50_000;

    private CoreBankGenerator() {
    }

    /** Days past due of installment number {@code i} (0-based). */
    static int daysPastDue(long i) {
        long kind = i % 5;
        long spread = i / 5;
        if (kind == 0) {
            return 1 + (int) (spread % 3);
        }
        if (kind <= 2) {
            return 4 + (int) (spread % 26);
        }
        return 30 + (int) (spread % 60);
    }

    static void generate(DataSource core, long n, LocalDate businessDate) throws SQLException {
        DemoBank.createSchema(core);
        long borrowers = (n + 1) / 2;
        try (Connection c = core.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder b = new StringBuilder();
            StringBuilder l = new StringBuilder();
            for (long k = 0; k < borrowers; k++) {
                String id = String.format("B%08d", k);
                String locale = LOCALES[(int) (k % 10)];
                String name = switch (locale) {
                    case "zh-CN" -> NAMES_CN[(int) (k % NAMES_CN.length)];
                    case "zh-TW" -> NAMES_TW[(int) (k % NAMES_TW.length)];
                    default -> NAMES_EN[(int) (k % NAMES_EN.length)];
                };
                String zone = locale.equals("zh-TW") ? "Asia/Taipei" : "Asia/Shanghai";
                b.append(id).append('\t').append(name).append('\t').append(locale).append('\t').append(zone)
                        .append('\t').append(String.format("+86138%08d", k % 100_000_000))
                        .append('\t').append("b").append(k).append("@mail.example.com")
                        .append('\t').append("fcm-").append(String.format("%040x", k * 2_654_435_761L))
                        .append('\t').append("上海市浦东新区世纪大道").append(k % 1000).append("号")
                        .append("\tf\tf\tf\t").append(locale.equals("zh-TW") ? "TW" : "CN").append("\tf\n");
                l.append('L').append(id, 1, id.length()).append('\t').append(id)
                        .append("\tinstalment\tstandard\t6000.00\tCNY\t").append(businessDate.minusMonths(6)).append("\t0\n");
                if ((k + 1) % BLOCK == 0) {
                    flush(copy, "borrower", b);
                    flush(copy, "loan", l);
                }
            }
            flush(copy, "borrower", b);
            flush(copy, "loan", l);
            StringBuilder i = new StringBuilder();
            for (long k = 0; k < n; k++) {
                long borrower = k / 2;
                i.append(String.format("I%09d", k)).append('\t').append(String.format("L%08d", borrower))
                        .append('\t').append(k % 2 + 1).append('\t').append(businessDate.minusDays(daysPastDue(k)))
                        .append("\t500.00\t25.50\t10.00\t0\n");
                if ((k + 1) % BLOCK == 0) {
                    flush(copy, "installment", i);
                }
            }
            flush(copy, "installment", i);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    private static void flush(CopyManager copy, String table, StringBuilder rows) throws SQLException, java.io.IOException {
        if (rows.length() > 0) {
            // the columns named: the demo schema has grown columns the bench leaves empty (gender, contract_no, …)
            String columns = switch (table) {
                case "borrower" -> "borrower_id, full_name, locale, time_zone, mobile, email, push_token, postal_address, "
                        + "sms_opt_out, email_opt_out, push_opt_out, country, email_is_work";
                case "loan" -> "loan_id, borrower_id, product, segment, principal_amount, currency, disbursed_on, prior_defaults";
                default -> "installment_id, loan_id, seq_no, due_date, principal_due, interest_due, fees_due, paid_amount";
            };
            copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(rows.toString()));
            rows.setLength(0);
        }
    }

    /** Notices the bench ladder plans for {@code n} installments (all contacts are usable). */
    static long expectedNotices(long n) {
        long total = 0;
        for (long i = 0; i < n; i++) {
            int dpd = daysPastDue(i);
            total += dpd <= 3 ? 3 : dpd <= 29 ? 2 : 1;
        }
        return total;
    }
}
