package io.dunninghub.scan;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.dunninghub.cli.Main;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Control characters in core-banking data: a CR/LF in an e-mail address could add a forged line to the log and a
 * second address to a message. The record is refused where the hub reads it, the notice fails with a reason, and
 * no log line and no ledger column carries the raw characters.
 */
@Slow
class ControlCharactersTest {

    private static final String INJECTED_EMAIL = "x@example.com\r\nBcc: victim@example.org";

    @Test
    void aCoreRecordWithControlCharactersIsRefusedWithAReasonAndNeverLoggedRaw(@TempDir Path work) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger hubLogger = (Logger) LoggerFactory.getLogger("io.dunninghub");
        Level before = hubLogger.getLevel();
        hubLogger.setLevel(Level.DEBUG);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try (HubFixture hub = new HubFixture(work)) {
            hub.writeLadderYaml("""
                    ladders:
                      - id: early
                        steps:
                          - id: early
                            dpd: 1..
                            channels:
                              - { channel: sms,   template: overdue_early }
                              - { channel: email, template: overdue_early }
                    """);
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", INJECTED_EMAIL, null, false, 2, today, false);
            hub.borrower("B2", "李娜\u0007", "zh-CN", "Asia/Shanghai", "+8613800138001", "li.na@example.com", null, false, 2,
                    today, false);
            hub.borrower("B3", "王芳", "zh-CN", "Asia/Shanghai", "+8613800138002", "wang.fang@example.com", null, false, 2,
                    today, false);
            // an installment whose id carries a line break of its own
            try (Connection c = hub.core.getConnection(); PreparedStatement i = c.prepareStatement(
                    "INSERT INTO installment VALUES (?, 'LB3', 2, ?, 100.00, 0, 0, 0)")) {
                i.setString(1, "I-B3\n2026-11-23 08:00 INFO forged");
                i.setDate(2, Date.valueOf(today.minusDays(2)));
                i.executeUpdate();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream o = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = Main.execute("run", "--once", "--config", hub.configDir.toString(), "--routes", "routes");
            } finally {
                System.setOut(o);
            }
            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("(1 unreadable)").contains("INVALID_CONTACT_DATA");

            // B1 and B2: every notice suppressed with the reason, nothing sent; B3's good installment goes out
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id IN ('B1', 'B2')")).isEqualTo(4);
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id IN ('B1', 'B2') "
                    + "AND status = 'SUPPRESSED' AND reason = 'INVALID_CONTACT_DATA'")).isEqualTo(4);
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B3' AND status = 'SENT'")).isEqualTo(2);
            assertThat(hub.smtp.getReceivedMessages()).hasSize(1);
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE installment_id LIKE 'I-B3%' AND installment_id <> 'IB3'"))
                    .as("the installment with a line break in its id was not planned").isZero();
            List<String> columns = new ArrayList<>();
            try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT n.recipient_masked, n.last_error, e.detail FROM notice n "
                         + "LEFT JOIN notice_event e ON e.notice_id = n.id")) {
                while (rs.next()) {
                    for (int i = 1; i <= 3; i++) {
                        columns.add(String.valueOf(rs.getString(i)));
                    }
                }
            }
            assertThat(columns).allSatisfy(v -> assertThat(v).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0007")
                    .doesNotContain("victim"));
        } finally {
            root.detachAppender(captured);
            hubLogger.setLevel(before);
        }
        List<String> lines = captured.list.stream()
                .filter(e -> e.getLoggerName().startsWith("io.dunninghub") || e.getLoggerName().startsWith("org.apache.camel"))
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("I-B3\\n2026-11-23"));
        for (String line : lines) {
            assertThat(line).as(line).doesNotContain("\r").doesNotContain("\u0007").doesNotContain("victim")
                    .doesNotContain("\nBcc").doesNotContain("\n2026-11-23 08:00 INFO");
        }
    }
}
