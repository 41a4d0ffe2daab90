package io.dunninghub;

import io.dunninghub.support.Slow;
import io.dunninghub.cli.Main;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.ShippedConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An integrator adds a WeChat Work channel with one YAML route file, a provider entry, a ladder step and a
 * template, and no Java: the daemon delivers through it and the ledger records it like a built-in channel.
 */
@Slow
class CustomChannelTest {

    private static final String SEND = "/cgi-bin/message/send";

    @TempDir
    Path work;
    HubFixture hub;
    Path routes;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        routes = Files.createDirectories(work.resolve("routes"));
        ShippedConfig.copyTree(Path.of("routes"), routes);
        Files.copy(Path.of("src/test/resources/custom-channel/wechat.yaml"), routes.resolve("wechat.yaml"));
        Files.writeString(hub.configDir.resolve("ladder.yaml"), """
                ladders:
                  - id: consumer
                    steps:
                      - id: early
                        dpd: 1..3
                        channels:
                          - { channel: wechat, template: overdue_early }
                          - { channel: sms,    template: overdue_early }
                """);
        Path providers = hub.configDir.resolve("providers.yaml");
        Files.writeString(providers, Files.readString(providers) + """
                  - name: wecom-app
                    channel: wechat
                    adapter: route
                    options: { uri: "direct:provider.wecom" }
                """);
        Files.writeString(hub.configDir.resolve("templates/zh-CN/overdue_early.wechat.ftl"),
                "${borrower.name}您好, 您的借款已逾期${installment.dpd}天, 请尽快还款 (\"还款\" > \"立即还款\")。如有疑问请致电${lender.hotline}。");
        Files.writeString(hub.configDir.resolve("templates/en/overdue_early.wechat.ftl"),
                "Hello ${borrower.name}, your payment is ${installment.dpd} days late.");
        hub.writeProperties(Map.of("wecom.url", hub.twilio.baseUrl(), "wecom.access-token", "ACCESS_TOKEN+1/2",
                "wecom.agent-id", "1000002", "hub.dispatch.backoff-initial-seconds", "60"));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void wecomAnswers(String user, String body) {
        hub.twilio.stubFor(post(urlPathEqualTo(SEND)).withRequestBody(containing(user))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void aYamlRouteAndAProviderEntryDeliverAndTheLedgerRecordsIt() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", null, null, false, 2, today, false);
        hub.borrower("B2", "李娜", "zh-CN", "Asia/Shanghai", "+8613800138001", null, null, false, 2, today, false);
        hub.borrower("B3", "王芳", "zh-CN", "Asia/Shanghai", "+8613800138002", null, null, false, 2, today, false);
        wecomAnswers("+8613800138000", "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\",\"msgid\":\"xCmZ2uGL7Z4RbhN7mWq6\"}");
        wecomAnswers("+8613800138001", "{\"errcode\":81013,\"errmsg\":\"user & party & tag all invalid\"}");
        wecomAnswers("+8613800138002", "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.execute("run", "--once", "--config", hub.configDir.toString(), "--routes", routes.toString());
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();

        List<LoggedRequest> sent = hub.twilio.findAll(postRequestedFor(urlPathEqualTo(SEND)));
        assertThat(sent).hasSize(3);
        LoggedRequest toZhang = sent.stream().filter(r -> r.getBodyAsString().contains("+8613800138000")).findFirst().orElseThrow();
        assertThat(toZhang.queryParameter("access_token").firstValue()).isEqualTo("ACCESS_TOKEN+1/2");
        JsonNode body = new ObjectMapper().readTree(toZhang.getBodyAsString());
        assertThat(body.get("touser").asText()).isEqualTo("+8613800138000");
        assertThat(body.get("msgtype").asText()).isEqualTo("text");
        assertThat(body.get("agentid").asText()).isEqualTo("1000002");
        assertThat(body.at("/text/content").asText()).isEqualTo("张伟您好, 您的借款已逾期2天, 请尽快还款 (\"还款\" > \"立即还款\")。如有疑问请致电400-000-0000。");
        assertThat(toZhang.getHeader("hub.noticeId")).isNull();

        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'wechat' AND borrower_id = 'B1' AND status = 'SENT'"
                + " AND provider = 'wecom-app' AND provider_message_id = 'xCmZ2uGL7Z4RbhN7mWq6'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'wechat' AND borrower_id = 'B2' AND status = 'FAILED'"
                + " AND reason = 'WECOM_81013'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'wechat' AND borrower_id = 'B3' AND status = 'RETRY'"
                + " AND reason = 'WECOM_45009'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id"
                + " WHERE n.channel = 'wechat' AND e.event_type = 'SENT' AND e.provider = 'wecom-app'")).isEqualTo(1);
        // the built-in SMS channel ran beside it, and its segments are in the ledger
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'sms' AND status = 'SENT' AND segments = 1")).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wechat");
    }
}
