package io.dunninghub.cli;

import io.dunninghub.support.Slow;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.cli.Main;
import io.dunninghub.support.HubFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, replay, cancel and audit against a real PostgreSQL ledger the daemon wrote. */
@Slow
class LedgerCommandsTest {

    @TempDir
    Path work;
    HubFixture hub;
    StubMapping refusal;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", null, null, false, 2, today, false);
        hub.borrower("B2", "李娜", "zh-CN", "Asia/Shanghai", "+8613800138001", null, null, false, 2, today, false);
        hub.borrower("B3", "Mary Smith", "en", "America/New_York", "+12125550143", "mary@example.com", null, false, 5, today, false);
        // Twilio refuses B2's number for good: that notice ends FAILED.
        refusal = hub.twilio.stubFor(post(urlEqualTo(HubFixture.TWILIO_PATH)).withRequestBody(containing("To=%2B8613800138001"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21614,\"message\":\"'To' number is not a valid mobile number\",\"more_info\":\"https://www.twilio.com/docs/errors/21614\",\"status\":400}")));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private String cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", hub.configDir.toString(), "--routes", "routes"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute(all.toArray(String[]::new))).as("exit code of %s", all).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusReplayCancelAndAudit() throws Exception {
        cli("run", "--once");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'FAILED' AND reason = 'TWILIO_21614'")).isEqualTo(1);

        String status = cli("status");
        assertThat(status).contains("FAILED").contains("SENT").contains("Due now: 0 notices");

        // Dry run changes nothing; the real replay makes the failed notice due, and it is sent again.
        assertThat(cli("replay", "--channel", "sms", "--dry-run")).contains("1 notices would be replayed").contains("TWILIO_21614");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'FAILED'")).isEqualTo(1);
        hub.twilio.removeStub(refusal); // the borrower gave a working number
        hub.twilio.resetRequests();
        assertThat(cli("replay", "--borrower", "B2", "--by", "ops-anna", "--reason", "number fixed")).contains("1 notices replayed");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'REPLAYED' AND detail = 'by ops-anna: number fixed'")).isEqualTo(1);
        cli("run", "--once");
        assertThat(hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)))).hasSize(1);

        // A complaint: cancel everything pending for B1's loan (its SMS is made pending again for tomorrow).
        try (var c = hub.ledger.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE notice SET status = 'PLANNED', next_attempt_at = CURRENT_TIMESTAMP + INTERVAL '1 day' WHERE borrower_id = 'B1' AND channel = 'sms'");
        }
        assertThat(cli("cancel", "--loan", "LB1", "--reason", "complaint C-17", "--by", "ops-ben")).contains("1 pending notices cancelled");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND status = 'CANCELLED'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B3' AND status = 'CANCELLED'")).isZero();

        String csv = cli("audit", "--borrower", "B2", "--format", "csv");
        String[] lines = csv.strip().split("\n");
        assertThat(lines[0]).isEqualTo("occurred_at,record,notice_id,dedupe_key,installment_id,loan_id,borrower_id,step,"
                + "channel,template,recipient,event,reason,provider,provider_message_id,detail,by,instance,content_sha256,"
                + "template_sha256,config_sha256");
        assertThat(csv).contains(",FAILED,TWILIO_21614,twilio-test,").contains(",REPLAYED,MANUAL,").contains(",SENT,,twilio-test,");
        assertThat(csv).doesNotContain("+8613800138001");

        JsonNode json = new ObjectMapper().readTree(cli("audit", "--loan", "LB1", "--format", "json"));
        assertThat(json.isArray()).isTrue();
        List<String> events = new ArrayList<>();
        json.forEach(e -> events.add(e.get("event").asText()));
        assertThat(events).contains("PLANNED", "SENT", "CANCELLED");
        assertThat(json.get(0).get("borrower_id").asText()).isEqualTo("B1");
    }
}
