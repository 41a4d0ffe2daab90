package io.dunninghub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a dialer and an agency get: a call task with the person's time zone, the hours it may be worked and when it
 * expires, and only what the agent needs; an agency case for every borrower due one, with whatever contact exists.
 */
@Slow
class CallTaskAndAgencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 10:00 in Shanghai. */
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    @Test
    void callTasksCarryTheWindowAndAnExpiryAndAgencyCasesGoOutWithoutAPhone(@TempDir Path work) throws Exception {
        try (HubFixture hub = new HubFixture(work)) {
            hub.writeLadderYaml("""
                    ladders:
                      - id: late
                        steps:
                          - id: late
                            dpd: 30..
                            channels:
                              - { channel: call,   template: overdue_call }
                              - { channel: agency, template: overdue_agency }
                    """);
            hub.writePolicyYaml("""
                    contact-windows:
                      default: "08:00-21:00"
                      call: "08:00-20:00"
                      agency: always
                    time-zone:
                      by-phone-region: { CN: Asia/Shanghai }
                    phone:
                      default-region: CN
                    """);
            LocalDate today = LocalDate.ofInstant(NOW, ZoneId.of("Asia/Shanghai"));
            hub.borrower("C1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zhang.wei@example.com", null, false, 35, today, false);
            hub.borrower("C2", "李娜", "zh-CN", "Asia/Shanghai", null, "li.na@example.com", null, false, 35, today, false);
            hub.borrower("C3", "王芳", "zh-CN", "Asia/Shanghai", null, null, null, false, 35, today, false);
            try (Connection c = hub.core.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE borrower SET postal_address = NULL WHERE borrower_id = 'C3'");
            }
            try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false,
                    Clock.fixed(NOW, ZoneOffset.UTC))) {
                HubRuntime runtime = app.start();
                runtime.planningPass().run(NOW);
                runtime.dispatchJob().drain();
            }

            // the call task: the one borrower with a phone; the agent's minimum plus zone, hours and expiry
            List<Path> calls = files(hub.outbox.resolve("call"));
            assertThat(calls).hasSize(1);
            String callText = Files.readString(calls.get(0), StandardCharsets.UTF_8);
            JsonNode task = JSON.readTree(callText);
            assertThat(task.get("phone").asText()).isEqualTo("+8613800138000");
            assertThat(task.get("name").asText()).isEqualTo("张伟");
            assertThat(task.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
            assertThat(task.at("/callWindow/from").asText()).isEqualTo("08:00");
            assertThat(task.at("/callWindow/until").asText()).isEqualTo("20:00");
            assertThat(task.get("notAfter").asText()).isEqualTo("2026-11-23T12:00:00Z"); // 20:00 in Shanghai
            assertThat(task.get("script").asText()).contains("张伟");
            assertThat(task.get("daysPastDue").asInt()).isEqualTo(35);
            assertThat(task.has("attributes")).isFalse();
            assertThat(callText).doesNotContain("世纪大道").doesNotContain("zhang.wei@").doesNotContain("\"pdf\"");
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'call' AND reason = 'NO_ADDRESS'"))
                    .as("no phone, no call").isEqualTo(2);

            // the agency: all three, with what contact each has
            List<Path> batches = files(hub.outbox.resolve("agency"));
            assertThat(batches).hasSize(1);
            List<JsonNode> cases = new ArrayList<>();
            for (String line : Files.readAllLines(batches.get(0), StandardCharsets.UTF_8)) {
                cases.add(JSON.readTree(line));
            }
            assertThat(cases).hasSize(3);
            JsonNode c1 = byBorrower(cases, "C1");
            JsonNode c2 = byBorrower(cases, "C2");
            JsonNode c3 = byBorrower(cases, "C3");
            assertThat(c1.get("phone").asText()).isEqualTo("+8613800138000");
            assertThat(c2.get("phone").isNull()).isTrue();
            assertThat(c2.get("email").asText()).isEqualTo("li.na@example.com");
            assertThat(c2.get("address").asText()).contains("世纪大道");
            assertThat(c3.get("phone").isNull() && c3.get("email").isNull() && c3.get("address").isNull()).isTrue();
            assertThat(c3.get("name").asText()).isEqualTo("王芳");
            assertThat(c1.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'agency' AND status = 'SENT'")).isEqualTo(3);
        }
    }

    private static JsonNode byBorrower(List<JsonNode> cases, String borrower) {
        return cases.stream().filter(c -> c.get("borrowerId").asText().equals(borrower)).findFirst().orElseThrow();
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
