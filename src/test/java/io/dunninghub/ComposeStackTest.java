package io.dunninghub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Postgres;
import io.dunninghub.support.PromQl;
import io.dunninghub.support.Scrape;
import io.dunninghub.support.ShippedConfig;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's hub, as near as this machine can run it: the compose PostgreSQL init scripts build the
 * roles, the ledger and the demo core bank on real PostgreSQL, the hub runs on the compose configuration (host
 * names pointed at this machine) and sends its e-mail over SMTP; then every metric the dashboard and the alert
 * rules name must be in its real {@code /metrics} page, after notices were sent, failed, retried, given up,
 * deferred and suppressed. A misspelled or renamed metric fails here.
 */
@Slow
class ComposeStackTest {

    /** Prometheus' own series for each scrape target, never in the hub's page. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyMetricTheDashboardAndTheAlertsReadIsInARealScrapeOfTheComposeHub(@TempDir Path work) throws Exception {
        EmbeddedPostgres pg = Postgres.server();
        initCompose(pg);
        LocalDate today = today(pg);

        WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        twilio.start();
        smtp.start();
        try {
            HubFixture.stubTwilioSent(twilio);
            // borrower B00002's number is refused for good, B00003's gets no answer in time (twice: DEAD)
            twilio.stubFor(post(urlEqualTo(HubFixture.TWILIO_PATH)).withRequestBody(containing("To=%2B8613810000002"))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\","
                                    + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));
            twilio.stubFor(post(urlEqualTo(HubFixture.TWILIO_PATH)).withRequestBody(containing("To=%2B8613810000003"))
                    .willReturn(aResponse().withStatus(201).withFixedDelay(6000)));

            Path config = composeConfig(work, pg.getPort(), smtp.getSmtp().getPort(), twilio.baseUrl());
            int port = HubFixture.freePort();
            Map<String, String> overrides = Map.of(
                    "hub.core.password", "core-reader-demo", "hub.ledger.password", "dunning-hub-demo",
                    "hub.http.port", String.valueOf(port), "hub.scan.on-startup", "false",
                    "hub.scan.cron", "0 0 0 1 1 ? 2099", "hub.dispatch.max-attempts", "2",
                    "hub.metrics.backlog-refresh-seconds", "1", "hub.config.watch", "false");
            // 03:00 UTC: late morning in Shanghai and Taipei, night in New York (those notices wait)
            TestClock clock = new TestClock(today.atTime(3, 0).toInstant(ZoneOffset.UTC));
            try (HubDaemon app = new HubDaemon(config, Path.of("routes"), overrides, true, clock)) {
                HubRuntime runtime = app.start();
                app.camelContext().getRouteController().stopRoute("dispatch");
                runtime.planningJob().run();
                runtime.dispatchJob().drain();
                clock.advance(Duration.ofHours(2));
                runtime.dispatchJob().drain();

                Map<String, Long> events = new TreeMap<>();
                try (Connection c = DriverManager.getConnection(url(pg, "ledger"), "dunning_hub", "dunning-hub-demo");
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT event_type, COUNT(*) FROM notice_event GROUP BY event_type")) {
                    while (rs.next()) {
                        events.put(rs.getString(1), rs.getLong(2));
                    }
                }
                assertThat(events).as("what the hub did with the demo core bank")
                        .containsKeys("SENT", "FAILED", "RETRY", "DEAD", "DEFERRED", "SUPPRESSED");
                assertThat(smtp.getReceivedMessages()).as("e-mail sent through the compose smtp provider").isNotEmpty();

                Scrape scrape = scrape(port);
                Set<String> recorded = ComposeFilesTest.recordedSeries();
                Map<String, Set<String>> missing = new TreeMap<>();
                Set<String> checked = new TreeSet<>();
                Map<String, String> queries = new TreeMap<>(ComposeFilesTest.dashboardQueries());
                ComposeFilesTest.ruleQueries().forEach((rule, expr) -> queries.put("rule " + rule, expr));
                queries.forEach((where, expr) -> {
                    for (String name : PromQl.seriesNames(expr)) {
                        checked.add(name);
                        if (!scrape.has(name) && !recorded.contains(name) && !PROMETHEUS_OWN.contains(name)) {
                            missing.computeIfAbsent(where, w -> new TreeSet<>()).add(name);
                        }
                    }
                });
                assertThat(missing).as("metrics the dashboard or the alert rules read that the hub does not export "
                        + "(see docs/reference/metrics.md)").isEmpty();
                assertThat(checked).hasSizeGreaterThan(15);
                assertThat(scrape.value("dunninghub_ready")).isEqualTo(1);
            }
        } finally {
            twilio.stop();
            smtp.stop();
        }
    }

    /** Runs the compose PostgreSQL init scripts as the image would, psql's \connect aside. */
    private static void initCompose(EmbeddedPostgres pg) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // one run of this test per server; a second run in the same JVM starts from scratch
            s.execute("DROP DATABASE IF EXISTS corebank");
            s.execute("DROP DATABASE IF EXISTS ledger");
            s.execute("DROP ROLE IF EXISTS core_reader");
            s.execute("DROP ROLE IF EXISTS dunning_hub");
            for (String statement : statements(Files.readString(Path.of("deploy/compose/postgres/01-databases.sql")))) {
                s.execute(statement);
            }
        }
        String corebank = Files.readString(Path.of("deploy/compose/postgres/02-corebank.sql"));
        assertThat(corebank).startsWith("--").contains("\n\\connect corebank\n");
        try (Connection c = pg.getDatabase("postgres", "corebank").getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements(corebank)) {
                s.execute(statement);
            }
        }
        // the hub's account reads the core bank and can change nothing in it
        try (Connection c = DriverManager.getConnection(url(pg, "corebank"), "core_reader", "core-reader-demo");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM installment")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1800); // six for each of the 300 loans
            }
            assertThatThrownBy(() -> s.executeUpdate("UPDATE installment SET paid_amount = 0"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    /** A script's statements, one by one as psql sends them; comment lines and psql's own commands left out. */
    private static java.util.List<String> statements(String script) {
        String sql = script.lines().filter(l -> !l.startsWith("--") && !l.startsWith("\\"))
                .collect(Collectors.joining("\n"));
        return java.util.Arrays.stream(sql.split(";\\s*\n")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static LocalDate today(EmbeddedPostgres pg) throws SQLException {
        // the demo data's due dates count from the database's CURRENT_DATE
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CURRENT_DATE")) {
            rs.next();
            return rs.getDate(1).toLocalDate();
        }
    }

    /**
     * The image's config/ with the two compose files over it, as compose.yaml mounts them, the services' host
     * names pointed at this machine, and one more SMS provider that fails on purpose (Twilio on WireMock).
     */
    private static Path composeConfig(Path work, int pgPort, int smtpPort, String twilioUrl) throws Exception {
        Path config = work.resolve("config");
        ShippedConfig.copyTree(Path.of("config"), config);
        Path outbox = work.resolve("outbox");
        Files.writeString(config.resolve("application.properties"),
                Files.readString(Path.of("deploy/compose/hub/application.properties"))
                        .replace("postgres:5432", "localhost:" + pgPort));
        String providers = Files.readString(Path.of("deploy/compose/hub/providers.yaml"))
                .replace("host: mailpit", "host: 127.0.0.1").replace("port: \"1025\"", "port: \"" + smtpPort + "\"")
                .replace("dir: var/outbox", "dir: " + outbox);
        Files.writeString(config.resolve("providers.yaml"), providers + """
                  - name: twilio-test
                    channel: sms
                    adapter: twilio
                    priority: 0
                    rate: 1000/s
                    options:
                      base-url: "%s"
                      account-sid: "%s"
                      auth-token: "%s"
                      from: "+15005550006"
                      default-region: CN
                      timeout-ms: "3000"
                """.formatted(twilioUrl, HubFixture.ACCOUNT_SID, HubFixture.AUTH_TOKEN));
        return config;
    }

    private static String url(EmbeddedPostgres pg, String database) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database;
    }

    private Scrape scrape(int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new Scrape(r.body());
    }
}
