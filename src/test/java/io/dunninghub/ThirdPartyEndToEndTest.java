package io.dunninghub;

import io.dunninghub.support.Slow;
import io.dunninghub.cli.Main;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.HubFixture;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core database knows the borrower's mother, employer and emergency contact as well as the guarantor, and
 * the configured query carelessly returns all of them. The hub reminds the borrower and the guarantor, and never
 * contacts anyone else.
 */
@Slow
class ThirdPartyEndToEndTest {

    @Test
    void relativesEmployersAndEmergencyContactsAreNeverContacted(@TempDir Path work) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        try (HubFixture hub = new HubFixture(work)) {
            hub.writeLadderYaml("""
                    ladders:
                      - id: with-guarantor
                        steps:
                          - id: early
                            dpd: 1..3
                            channels:
                              - { channel: sms,   template: overdue_early }
                              - { channel: sms,   template: overdue_early, audience: guarantor }
                              - { channel: email, template: overdue_early, audience: guarantor }
                              - { channel: sms,   template: overdue_early, audience: co-borrower }
                    """);
            // no relation filter in the SQL: the hub has to refuse the third parties itself
            hub.writeProperties(Map.of("hub.parties.sql", "SELECT loan_id, person_id AS party_id, relation AS role, "
                    + "full_name AS name, locale, time_zone, mobile AS phone, email FROM contact_person WHERE loan_id IN (:loanIds)"));
            hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", null, null, false, 2, today, false);
            hub.borrower("B2", "李娜", "zh-CN", "Asia/Shanghai", "+8613800138001", null, null, false, 2, today, false);
            hub.person("G1", "LB1", "guarantor", "王保", "+8613900139001", "guarantor@example.org");
            hub.person("R1", "LB1", "relative", "张母", "+8613700137001", "mother@example.org");
            hub.person("E1", "LB1", "employer", "某公司人事部", "+8613700137002", "hr@employer.example");
            hub.person("X1", "LB1", "emergency_contact", "赵友", "+8613700137003", "friend@example.org");
            hub.person("R2", "LB2", "Relative", "李父", "+8613700137004", "father@example.org");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream original = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                assertThat(Main.execute("run", "--once", "--config", hub.configDir.toString(), "--routes", "routes")).isZero();
            } finally {
                System.setOut(original);
            }

            List<String> smsTo = hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH))).stream()
                    .map(r -> Arrays.stream(r.getBodyAsString().split("&")).filter(kv -> kv.startsWith("To="))
                            .map(kv -> URLDecoder.decode(kv.substring(3), StandardCharsets.UTF_8)).findFirst().orElseThrow())
                    .toList();
            assertThat(smsTo).containsExactlyInAnyOrder("+8613800138000", "+8613900139001", "+8613800138001");
            List<String> mailTo = Arrays.stream(hub.smtp.getReceivedMessages()).map(ThirdPartyEndToEndTest::recipient).toList();
            assertThat(mailTo).containsExactly("guarantor@example.org");

            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE audience = 'guarantor/G1' AND status = 'SENT'")).isEqualTo(2);
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE audience NOT IN ('borrower', 'guarantor/G1')")).isZero();
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE audience LIKE 'co-borrower%'")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("THIRD_PARTY (relative rows ignored)")
                    .contains("THIRD_PARTY (employer rows ignored)").contains("THIRD_PARTY (emergency-contact rows ignored)");
        }
    }

    private static String recipient(MimeMessage m) {
        try {
            return ((InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
