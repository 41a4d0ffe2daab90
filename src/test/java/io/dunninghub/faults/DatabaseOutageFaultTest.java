package io.dunninghub.faults;

import io.dunninghub.support.Slow;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dunninghub.demo.DemoBank;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.web.Readiness;
import io.dunninghub.support.HubFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 4: the PostgreSQL server holding both the ledger and the core banking data is stopped while the daemon
 * dispatches, and started again a few seconds later. The daemon keeps running, reports the outage, resumes by
 * itself and sends every notice exactly once.
 */
@Slow
class DatabaseOutageFaultTest {

    private static final int NOTICES = 1500;

    @TempDir
    Path work;
    HubFixture hub;
    EmbeddedPostgres pg;

    @AfterEach
    void stop() throws Exception {
        hub.close();
        if (pg != null) {
            pg.close();
        }
    }

    private EmbeddedPostgres startPostgres(int port) throws Exception {
        // a server of its own, on a fixed port and data folder, so it can be stopped and started again
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(work.resolve("pgdata"))
                .setCleanDataDirectory(false).start();
    }

    @Test
    void daemonRidesOutAPostgresRestartUnderLoad() throws Exception {
        int port = HubFixture.freePort();
        pg = startPostgres(port);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE core");
            s.execute("CREATE DATABASE ledger");
        }
        DemoBank.createSchema(pg.getDatabase("postgres", "core"));
        HubFixture.bulkBorrowers(pg.getDatabase("postgres", "core"), 7, NOTICES, LocalDate.now(ZoneId.of("Asia/Shanghai")));

        hub = new HubFixture(work);
        hub.smsOnlyLadder();
        hub.writeProperties(Map.of(
                "hub.core.url", pg.getJdbcUrl("postgres", "core"),
                "hub.ledger.url", pg.getJdbcUrl("postgres", "ledger"),
                "hub.dispatch.lease-seconds", "10", "hub.dispatch.batch-size", "50", "hub.dispatch.threads", "4"));

        try (HubDaemon app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, Clock.systemUTC())) {
            app.start();
            Readiness readiness = app.camelContext().getRegistry().lookupByNameAndType("readiness", Readiness.class);
            await().atMost(Duration.ofSeconds(120)).until(() -> sms().size() >= 300);

            pg.close(); // the database goes away mid-dispatch
            int sentBefore = sms().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> !readiness.isUp("ledger") && !readiness.isUp("core"));
            assertThat(sentBefore).as("load was still running").isLessThan(NOTICES);
            Thread.sleep(1_000);
            pg = startPostgres(port);

            DataSource ledger = pg.getDatabase("postgres", "ledger");
            // reconnecting, the lease of the batch in flight, and the rest of the load: slow on a loaded machine
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(ledger, "SELECT COUNT(*) FROM notice WHERE status = 'SENT'") == NOTICES);
            await().atMost(Duration.ofSeconds(15)).until(readiness::isReady);
            assertThat(app.camelContext().getStatus()).isEqualTo(ServiceStatus.Started);
            assertThat(app.camelContext().getRouteController().getRouteStatus("dispatch")).isEqualTo(ServiceStatus.Started);

            assertThat(count(ledger, "SELECT COUNT(*) FROM notice")).isEqualTo(NOTICES);
            assertThat(count(ledger, "SELECT COUNT(*) FROM notice_event WHERE event_type = 'SENT'")).isEqualTo(NOTICES);
        }
        // every borrower got exactly one SMS: outcomes that could not be written during the outage were kept
        // and written when the ledger came back, so nothing was sent again
        List<String> to = sms().stream().map(DatabaseOutageFaultTest::recipient).toList();
        assertThat(to).hasSize(NOTICES).doesNotHaveDuplicates();
    }

    private List<LoggedRequest> sms() {
        return hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)));
    }

    private static String recipient(LoggedRequest r) {
        return Arrays.stream(r.getBodyAsString().split("&")).map(kv -> kv.split("=", 2)).filter(kv -> kv[0].equals("To"))
                .map(kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)).findFirst().orElseThrow();
    }

    private static int count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
