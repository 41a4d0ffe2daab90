package io.dunninghub.config;

import io.dunninghub.support.Slow;
import io.dunninghub.daemon.HubDaemon;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.ShippedConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Live configuration on the running daemon: edits to templates, the ladder, providers and routes take effect
 * without a restart, through the file watch and through POST /admin/reload; broken edits are refused with one
 * log line per problem and the configuration in force keeps working.
 */
@Slow
class ConfigReloadTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "reload-test-token-0123456789abcdef";

    @TempDir
    Path work;
    HubFixture hub;
    Path routes;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        routes = work.resolve("routes");
        ShippedConfig.copyTree(Path.of("routes"), routes);
        hub.smsOnlyLadder();
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stop() {
        root.detachAppender(log);
        hub.close();
    }

    private List<String> lines(String start) {
        return List.copyOf(log.list).stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith(start)).toList();
    }

    private HttpResponse<String> http(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void smsBorrower(String id, String phone) throws Exception {
        hub.borrower(id, "王" + id, "zh-CN", "Asia/Shanghai", phone, id.toLowerCase() + "@example.com", null, false, 2, today, false);
    }

    private boolean sentEmail(String borrower) throws Exception {
        return hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = '" + borrower
                + "' AND channel = 'email' AND status = 'SENT'") == 1
                && java.util.Arrays.stream(hub.smtp.getReceivedMessages()).anyMatch(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().contains(borrower.toLowerCase() + "@example.com");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                });
    }

    @Test
    void fileChangesTakeEffectWithoutRestartAndBrokenOnesAreRefused() throws Exception {
        smsBorrower("B1", "+8613800138001");
        try (HubDaemon app = new HubDaemon(hub.configDir, routes, Map.of(), true, Clock.systemUTC())) {
            app.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'") == 1);

            // A template edit: the next notice is rendered from it.
            Files.writeString(hub.configDir.resolve("templates/zh-CN/overdue_early.sms.ftl"),
                    "【${lender.name}】RELOADED-TEMPLATE 您的还款已逾期${installment.dpd}天，请尽快还款。");
            await().atMost(Duration.ofSeconds(60)).until(() -> lines("config reloaded (file change)").stream()
                    .anyMatch(l -> l.contains("templates/zh-CN/overdue_early.sms.ftl")));
            smsBorrower("B2", "+8613800138002");
            app.runtime().planningJob().run();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(hub.twilio.findAll(
                    postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)).withRequestBody(containing("To=%2B8613800138002"))
                            .withRequestBody(containing("RELOADED-TEMPLATE")))).hasSize(1));

            // A ladder edit: the step now sends an e-mail instead of an SMS.
            hub.writeLadderYaml("""
                    ladders:
                      - id: email-only
                        steps:
                          - id: early
                            dpd: 1..
                            channels:
                              - { channel: email, template: overdue_early }
                    """);
            // this reload itself, not a late one of the template edit's (which would leave the SMS ladder in force)
            await().atMost(Duration.ofSeconds(60)).until(() -> lines("config reloaded").stream().anyMatch(l -> l.contains("ladder.yaml")));
            smsBorrower("B3", "+8613800138003");
            app.runtime().planningJob().run();
            // (B1 and B2 get the e-mail step too: it is a new notice for them)
            await().atMost(Duration.ofSeconds(60)).until(() -> sentEmail("B3"));
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B3' AND channel = 'sms'")).isZero();

            // A broken ladder: refused with file, key and problem; the e-mail ladder stays in force.
            String emailLadder = Files.readString(hub.configDir.resolve("ladder.yaml"));
            hub.writeLadderYaml(emailLadder.replace("dpd: 1..", "dpd: soon"));
            await().atMost(Duration.ofSeconds(60)).until(() -> lines("config reload rejected: ").stream()
                    .anyMatch(l -> l.contains("ladder.yaml: ladders[0].steps[0].dpd")));
            smsBorrower("B4", "+8613800138004");
            app.runtime().planningJob().run();
            await().atMost(Duration.ofSeconds(60)).until(() -> sentEmail("B4"));

            // A broken policy and broken providers (with the ladder repaired): each refused, one line per problem.
            hub.writeLadderYaml(emailLadder); // back to the ladder in force: nothing to reload
            log.list.clear();
            hub.writePolicyYaml("contact-windows:\n  default: \"8:00-21:00\"\n");
            await().atMost(Duration.ofSeconds(60)).until(() -> !lines("config reload rejected: ").isEmpty());
            assertThat(lines("config reload rejected: ")).singleElement().asString()
                    .contains("policy.yaml: contact-windows.default");
            hub.writePolicy("always");
            String providers = Files.readString(hub.configDir.resolve("providers.yaml"));
            log.list.clear();
            hub.writeProviders(providers.replace("adapter: smtp", "adapter: smtp-relay"));
            await().atMost(Duration.ofSeconds(60)).until(() -> !lines("config reload rejected: ").isEmpty());
            assertThat(lines("config reload rejected: ")).anyMatch(l -> l.contains("providers.yaml") && l.contains("smtp-relay"));
            smsBorrower("B5", "+8613800138005");
            app.runtime().planningJob().run();
            await().atMost(Duration.ofSeconds(60)).until(() -> sentEmail("B5"));
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE channel = 'sms' AND borrower_id IN ('B4', 'B5')")).isZero();
        }
    }

    @Test
    void adminReloadAppliesRoutesAndProvidersWhenTheWatchIsOff() throws Exception {
        hub.writeProperties(Map.of("hub.admin.token", TOKEN, "hub.config.watch", "false"));
        smsBorrower("B1", "+8613800138001");
        try (HubDaemon app = new HubDaemon(hub.configDir, routes, Map.of(), true, Clock.systemUTC())) {
            app.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'") == 1);
            assertThat(http("POST", "/admin/reload", null).statusCode()).isEqualTo(401);
            JsonNode unchanged = new ObjectMapper().readTree(http("POST", "/admin/reload", TOKEN).body());
            assertThat(unchanged.get("status").asText()).isEqualTo("unchanged");

            // A new route file and a provider change; the watch is off, so nothing happens until the reload.
            Files.writeString(routes.resolve("ping.yaml"), """
                    - route:
                        id: ping
                        from:
                          uri: platform-http:/ping
                          steps:
                            - setBody: { constant: pong }
                    """);
            String providers = Files.readString(hub.configDir.resolve("providers.yaml"));
            hub.writeProviders(providers.replace("from: \"+15005550006\"", "from: \"+15005550009\""));
            Thread.sleep(ConfigReloader.DEBOUNCE.toMillis() * 2);
            assertThat(http("GET", "/ping", null).statusCode()).isEqualTo(404);

            HttpResponse<String> reload = http("POST", "/admin/reload", TOKEN);
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
            JsonNode r = new ObjectMapper().readTree(reload.body());
            assertThat(r.get("status").asText()).isEqualTo("applied");
            assertThat(r.get("changed").toString()).contains("routes/ping.yaml").contains("providers.yaml");
            HttpResponse<String> ping = http("GET", "/ping", null);
            assertThat(ping.statusCode()).isEqualTo(200);
            assertThat(ping.body()).isEqualTo("pong");
            smsBorrower("B2", "+8613800138002");
            app.runtime().planningJob().run();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(hub.twilio.findAll(
                    postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)).withRequestBody(containing("To=%2B8613800138002"))
                            .withRequestBody(containing("From=%2B15005550009")))).hasSize(1));

            // An edited route and a broken route file: refused as a whole, the old route keeps answering.
            Files.writeString(routes.resolve("ping.yaml"), Files.readString(routes.resolve("ping.yaml")).replace("pong", "pong-2"));
            Files.writeString(routes.resolve("broken.yaml"), """
                    - route:
                        id: broken
                        from:
                          uri: direct:broken
                          steps:
                            - frobnicate: { x: 1 }
                    """);
            HttpResponse<String> refused = http("POST", "/admin/reload", TOKEN);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("broken.yaml");
            assertThat(lines("config reload rejected: ")).anyMatch(l -> l.contains("broken.yaml"));
            assertThat(http("GET", "/ping", null).body()).isEqualTo("pong");

            // Repaired: the edit goes in; a deleted route file takes its routes with it.
            Files.delete(routes.resolve("broken.yaml"));
            assertThat(http("POST", "/admin/reload", TOKEN).statusCode()).isEqualTo(200);
            assertThat(http("GET", "/ping", null).body()).isEqualTo("pong-2");
            Files.delete(routes.resolve("ping.yaml"));
            assertThat(http("POST", "/admin/reload", TOKEN).statusCode()).isEqualTo(200);
            assertThat(http("GET", "/ping", null).statusCode()).isEqualTo(404);
            assertThat(http("GET", "/health/live", null).statusCode()).isEqualTo(200);

            // A route Camel parses but cannot start (no such component): taken out again and refused.
            String nowhere = """
                    - route:
                        id: nowhere
                        from:
                          uri: nosuchcomponent:x
                          steps:
                            - log: never
                    """;
            Files.writeString(routes.resolve("nowhere.yaml"), nowhere);
            HttpResponse<String> cannotStart = http("POST", "/admin/reload", TOKEN);
            assertThat(cannotStart.statusCode()).as(cannotStart.body()).isEqualTo(422);
            assertThat(cannotStart.body()).contains("nowhere.yaml");
            assertThat(app.camelContext().getRoute("nowhere")).isNull();
            Files.writeString(routes.resolve("nowhere.yaml"), nowhere.replace("nosuchcomponent:x", "direct:nowhere"));
            assertThat(http("POST", "/admin/reload", TOKEN).statusCode()).isEqualTo(200);
            assertThat(app.camelContext().getRoute("nowhere")).isNotNull();
            assertThat(http("GET", "/health/live", null).statusCode()).isEqualTo(200);
        }
    }
}
