package io.dunninghub.cli;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.cli.Main;
import io.dunninghub.support.HubFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hold, promise and optout against a real PostgreSQL ledger, and what preview and run --once then say. */
@Slow
class PolicyCommandsTest {

    @TempDir
    Path work;
    HubFixture hub;
    LocalDate today;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        hub.writeLadderYaml("""
                ladders:
                  - id: consumer-instalment
                    steps:
                      - id: early
                        dpd: 1..3
                        channels:
                          - { channel: sms,   template: overdue_early }
                          - { channel: push,  template: overdue_early }
                          - { channel: email, template: overdue_early }
                      - id: formal
                        dpd: 4..29
                        every: 7d
                        channels:
                          - { channel: email, template: overdue_formal }
                          - { channel: sms,   template: overdue_formal }
                """);
        hub.writePolicyYaml("""
                contact-windows: { default: always }
                caps: { borrower: { day: { all: 3 } } }
                promise-to-pay: { grace-days: 1 }
                time-zone: { by-phone-region: { CN: Asia/Shanghai } }
                phone: { default-region: CN }
                """);
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

    private static List<String> rows(String preview, String borrower) {
        return preview.lines().filter(l -> l.matches("\\S+\\s+" + borrower + "\\s.*")).toList();
    }

    @Test
    void previewShowsTheHeldTheOptedOutTheCappedAndThePromisedBorrowerWithTheirReasons() throws Exception {
        // C's own zone puts "now" around noon, so the whole test stays inside one local day for C
        int utcHour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
        String cZone = ZoneOffset.ofHours(12 - utcHour).getId();
        hub.borrower("C", "陈晨", "zh-CN", cZone, "+8613800138003", "c@example.com", "tok-c", false, 5, today, false);
        Result first = cli("run", "--once");
        assertThat(first.exit()).isZero();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'C' AND status = 'SENT'")).isEqualTo(2);

        // later: three more borrowers, a second debt of C, and what ops recorded about them
        hub.borrower("H", "何华", "zh-CN", "Asia/Shanghai", "+8613800138004", "h@example.com", "tok-h", false, 2, today, false);
        hub.borrower("O", "欧阳", "zh-CN", "Asia/Shanghai", "+8613800138005", "o@example.com", "tok-o", false, 2, today, false);
        hub.borrower("P", "潘鹏", "zh-CN", "Asia/Shanghai", "+8613800138006", "p@example.com", "tok-p", false, 2, today, false);
        hub.loan("C", "2", 2, today);
        Result hold = cli("hold", "add", "--borrower", "H", "--kind", "dispute", "--reason", "disputes the amount, ticket 88", "--by", "ops-anna");
        assertThat(hold.out()).contains("hold #1: DISPUTE on borrower H");
        assertThat(cli("optout", "add", "--borrower", "O", "--channel", "sms", "--reason", "asked in the app", "--by", "ops-ben").out())
                .contains("opt-out #1: borrower O from sms");
        assertThat(cli("promise", "add", "--borrower", "P", "--date", today.plusDays(3).toString(), "--amount", "535.50",
                "--reason", "call with the borrower", "--by", "ops-anna").out()).contains("promise #1: borrower P to pay by " + today.plusDays(3));

        String at = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).withNano(0).toString();
        Result preview = cli("preview", "--at", at);
        assertThat(preview.exit()).as(preview.err()).isZero();
        assertThat(rows(preview.out(), "H")).hasSize(3).allSatisfy(r -> assertThat(r).contains("SUPPRESS LEGAL_HOLD").contains("DISPUTE"));
        assertThat(rows(preview.out(), "O")).anySatisfy(r -> assertThat(r).contains(" sms ").contains("SUPPRESS OPTED_OUT").contains("CLI #1"))
                .filteredOn(r -> !r.contains(" sms ")).hasSize(2).allSatisfy(r -> assertThat(r).contains("SEND"));
        List<String> c = rows(preview.out(), "C").stream().filter(r -> r.startsWith("loan/LC-2 ")).toList();
        assertThat(c).hasSize(3);
        assertThat(c).filteredOn(r -> r.contains("DEFER CAP_DAY")).hasSize(2)
                .allSatisfy(r -> assertThat(r).contains("borrower all cap 3 per day reached"));
        assertThat(c).filteredOn(r -> r.contains(" SEND ")).hasSize(1);
        assertThat(rows(preview.out(), "P")).hasSize(3).allSatisfy(r -> assertThat(r).contains("DEFER PROMISE_TO_PAY")
                .contains("not before " + today.plusDays(5).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant()));
        assertThat(preview.out()).contains("SUPPRESS LEGAL_HOLD (sms)").contains("DEFER CAP_DAY (");
        assertThat(preview.out()).doesNotContain("+8613800138005").doesNotContain("o@example.com");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id IN ('H', 'O', 'P')")).isZero();

        // run --once plans the same and says so in its summary
        Result run = cli("run", "--once");
        assertThat(run.out()).contains("LEGAL_HOLD (sms)").contains("OPTED_OUT (sms)").contains("CAP_DAY (")
                .contains("PROMISE_TO_PAY (email)");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'C' AND status = 'SENT'")).isEqualTo(3);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'H' AND status = 'SENT'")).isZero();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id "
                + "WHERE n.borrower_id = 'P' AND e.event_type = 'DEFERRED' AND e.reason = 'PROMISE_TO_PAY'")).isEqualTo(3);
    }

    @Test
    void listAndRemoveKeepWhoAndWhy() throws Exception {
        hub.borrower("B9", "卜九", "zh-CN", "Asia/Shanghai", "+8613800138009", "b9@example.com", null, false, 2, today, false);
        assertThat(cli("hold", "add", "--borrower", "B9", "--loan", "L9", "--kind", "HARDSHIP", "--until", "2099-12-31",
                "--reason", "hardship plan agreed", "--by", "ops-anna").exit()).isZero();
        assertThat(cli("hold", "add", "--borrower", "B9", "--kind", "jail", "--reason", "x").exit()).isEqualTo(ExitCodes.USAGE);
        String holds = cli("hold", "list", "--borrower", "B9").out();
        assertThat(holds).contains("HARDSHIP").contains("L9").contains("ops-anna").contains("hardship plan agreed").contains("1 holds");
        assertThat(cli("hold", "remove", "--id", "1", "--reason", "plan completed", "--by", "ops-ben").out()).contains("hold #1 lifted");
        assertThat(cli("hold", "remove", "--id", "1", "--reason", "again").exit()).isEqualTo(1);
        assertThat(cli("hold", "list", "--borrower", "B9").out()).contains("0 holds");
        assertThat(cli("hold", "list", "--all").out()).contains("[removed by ops-ben: plan completed]");

        assertThat(cli("optout", "add", "--address", "+86 138 0013 8000", "--channel", "sms", "--reason", "replied TD").out())
                .contains("opt-out #1: +86*******8000 from sms");
        assertThat(cli("optout", "add", "--address", "a@example.com", "--reason", "x").exit()).isEqualTo(ExitCodes.USAGE);
        String optOuts = cli("optout", "list", "--address", "13800138000").out();
        assertThat(optOuts).contains("+86*******8000").contains("CLI").contains("replied TD").doesNotContain("13800138000");
        assertThat(cli("optout", "remove", "--id", "1", "--reason", "opted in again").out()).contains("opt-out #1 removed");

        assertThat(cli("promise", "add", "--borrower", "B9", "--date", "2099-01-15", "--reason", "call").exit()).isZero();
        assertThat(cli("promise", "list").out()).contains("2099-01-15").contains("1 promises");
        assertThat(cli("promise", "remove", "--id", "1", "--reason", "recorded by mistake").out()).contains("promise #1 removed");
    }

    @Test
    void recordsThatWouldProtectNobodyAreRefusedAndNothingIsWritten() throws Exception {
        hub.borrower("B7", "白七", "zh-CN", "Asia/Shanghai", "+8613800138007", "b7@example.com", null, false, 2, today, false);
        assertThat(cli("hold", "list").out()).contains("0 holds"); // creates the hub's schema

        Result unknown = cli("hold", "add", "--borrower", "B77", "--kind", "DISPUTE", "--reason", "typo");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(unknown.err()).contains("no borrower 'B77' in the core banking database").doesNotContain("Exception");
        Result expired = cli("hold", "add", "--borrower", "B7", "--kind", "DISPUTE", "--until", "2020-01-31", "--reason", "x");
        assertThat(expired.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(expired.err()).contains("--until 2020-01-31 has already passed");
        Result expiredInstant = cli("hold", "add", "--borrower", "B7", "--kind", "DISPUTE", "--until", "2020-01-31T18:00+08:00",
                "--reason", "x");
        assertThat(expiredInstant.exit()).isEqualTo(ExitCodes.ERROR);

        Result pastPromise = cli("promise", "add", "--borrower", "B7", "--date", "2020-01-15", "--reason", "x");
        assertThat(pastPromise.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(pastPromise.err()).contains("--date 2020-01-15 has already passed");
        Result negative = cli("promise", "add", "--borrower", "B7", "--date", "2099-01-15", "--amount", "-535.50", "--reason", "x");
        assertThat(negative.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).contains("--amount must be more than 0");
        assertThat(cli("promise", "add", "--borrower", "B77", "--date", "2099-01-15", "--reason", "x").exit())
                .isEqualTo(ExitCodes.ERROR);

        Result fax = cli("optout", "add", "--borrower", "B7", "--channel", "fax", "--reason", "x");
        assertThat(fax.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(fax.err()).contains("unknown channel 'fax'").contains("sms").contains("agency");
        Result notAPhone = cli("optout", "add", "--address", "call me maybe", "--channel", "sms", "--reason", "x");
        assertThat(notAPhone.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAPhone.err()).contains("is not a phone number");
        Result notAnEmail = cli("optout", "add", "--address", "zhang at example", "--channel", "email", "--reason", "x");
        assertThat(notAnEmail.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAnEmail.err()).contains("is not an e-mail address");

        for (String table : List.of("legal_hold", "payment_promise", "opt_out")) {
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
        // what is usable still goes in
        assertThat(cli("promise", "add", "--borrower", "B7", "--date", today.toString(), "--amount", "100", "--reason", "x").exit())
                .isZero();
        assertThat(cli("optout", "add", "--address", "b7@example.com", "--channel", "email", "--reason", "x").out())
                .contains("b***@example.com");
    }

    @Test
    void holdListShowsOnlyHoldsInForceUnlessAll() throws Exception {
        hub.borrower("B8", "包八", "zh-CN", "Asia/Shanghai", "+8613800138008", "b8@example.com", null, false, 2, today, false);
        assertThat(cli("hold", "add", "--borrower", "B8", "--kind", "COMPLAINT", "--until", "2099-12-31", "--reason", "open ticket")
                .exit()).isZero();
        // a hold that ran out last year (recorded when it was still in force)
        try (java.sql.Connection c = hub.ledger.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO legal_hold (borrower_id, kind, expires_at, reason, created_by, created_at) VALUES "
                    + "('B8', 'HARDSHIP', TIMESTAMP WITH TIME ZONE '2020-02-01 00:00:00+00', 'old plan', 'ops', "
                    + "TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00')");
        }
        String active = cli("hold", "list", "--borrower", "B8").out();
        assertThat(active).contains("COMPLAINT").doesNotContain("HARDSHIP").contains("1 holds");
        String all = cli("hold", "list", "--borrower", "B8", "--all").out();
        assertThat(all).contains("COMPLAINT").contains("HARDSHIP").contains("[expired]").contains("2 holds");
    }
}
