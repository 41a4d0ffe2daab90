package io.dunninghub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** outcome add and list against a PostgreSQL ledger and core database: the effects, the listing, the refusals. */
@Slow
class OutcomeCommandsTest {

    @TempDir
    Path work;
    HubFixture hub;
    LocalDate today;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    record Result(int exit, String out, String err) {
    }

    private Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", hub.configDir.toString(), "--routes", "routes"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = System.out;
        PrintStream e = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Result(Main.execute(all.toArray(String[]::new)), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    @Test
    void anOperatorRecordsCallResultsWithTheirEffectsAndListsThem() throws Exception {
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zhang.wei@borrower.example", null, false, 5,
                today, false);
        assertThat(cli("run", "--once").exit()).isZero();
        String call = one("SELECT id FROM notice WHERE channel = 'call'");

        Result promise = cli("outcome", "add", "--notice", call, "--outcome", "promise-to-pay", "--promised-date",
                today.plusDays(3).toString(), "--amount", "535.50", "--note", "pays on Friday", "--by", "ops-anna");
        assertThat(promise.exit()).as(promise.err()).isZero();
        assertThat(promise.out()).contains("promise-to-pay on notice " + call).contains("promise #1 to pay by " + today.plusDays(3));
        assertThat(one("SELECT promised_date || ' ' || amount || ' ' || created_by FROM payment_promise"))
                .isEqualTo(today.plusDays(3) + " 535.50 cli:ops-anna");

        Result wrong = cli("outcome", "add", "--borrower", "B1", "--loan", "LB1", "--outcome", "wrong-number",
                "--at", "2026-11-23T10:15", "--by", "ops-ben");
        assertThat(wrong.exit()).as(wrong.err()).isZero();
        assertThat(wrong.out()).contains("phone marked invalid");
        assertThat(one("SELECT COUNT(*) FROM contact_feedback WHERE address_hash = '"
                + ContactFeedback.addressHash("sms", "+8613800138000") + "'")).isEqualTo("2");
        assertThat(one("SELECT occurred_at = TIMESTAMPTZ '2026-11-23 02:15:00Z' FROM contact_outcome WHERE outcome = 'WRONG_NUMBER'"))
                .as("--at in hub.business-zone").isEqualTo("t");

        Result dispute = cli("outcome", "add", "--borrower", "B1", "--outcome", "dispute", "--note", "not my loan");
        assertThat(dispute.out()).contains("DISPUTE hold #1 until reviewed");

        Result list = cli("outcome", "list", "--borrower", "B1");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("3 outcomes").contains("promise-to-pay").contains("wrong-number").contains("dispute")
                .contains("cli:ops-anna").contains(today.plusDays(3) + " 535.50").doesNotContain("pays on Friday");
    }

    @Test
    void whatTheCommandCannotTakeIsRefusedAndNothingIsRecorded() throws Exception {
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", null, null, false, 5, today, false);
        assertThat(cli("outcome", "add", "--borrower", "B1", "--outcome", "hung-up").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli("outcome", "add", "--borrower", "B1", "--outcome", "promise-to-pay").err())
                .contains("promise-to-pay needs --promised-date");
        assertThat(cli("outcome", "add", "--outcome", "busy").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli("outcome", "add", "--borrower", "B1", "--outcome", "busy", "--at", "yesterday").exit())
                .isEqualTo(ExitCodes.USAGE);
        Result unknown = cli("outcome", "add", "--notice", "no-such-notice", "--outcome", "busy");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(unknown.err()).contains("no notice 'no-such-notice'").contains("nothing recorded");
        Result nobody = cli("outcome", "add", "--borrower", "B9", "--outcome", "busy");
        assertThat(nobody.err()).contains("no borrower 'B9'");
        assertThat(one("SELECT COUNT(*) FROM contact_outcome")).isEqualTo("0");
        for (String[] help : new String[][] {{"outcome", "--help"}, {"outcome", "add", "--help"}, {"outcome", "list", "--help"}}) {
            Result h = cli(help);
            assertThat(h.exit()).isZero();
            assertThat(h.out()).contains("Usage:");
        }
    }

    private String one(String sql) throws Exception {
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
