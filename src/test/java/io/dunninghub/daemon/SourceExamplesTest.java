package io.dunninghub.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dunninghub.config.HubConfig;
import io.dunninghub.demo.DemoBank;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.plan.PlanSummary;
import io.dunninghub.plan.PlanningJob;
import io.dunninghub.scan.CsvRows;
import io.dunninghub.scan.InstallmentRows;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Postgres;
import io.dunninghub.support.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three shipped source examples of examples/ (a camel-jdbc route, a REST API read with camel-http, a daily CSV
 * drop), each run in a Camel context with the hub's {@code direct:installments} route, on a core bank on real
 * PostgreSQL seeded with the demo bank's borrowers. Each one plans, into a ledger of its own, exactly the notices the
 * SQL scan plans from the same data at the same instant: the same dedupe keys, debts, steps, channels, templates,
 * audiences, decisions and send times.
 */
@Slow
class SourceExamplesTest extends CamelTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(LocalTime.of(10, 0)).atZone(ZONE).toInstant(), ZONE);
    /** The installments as the core bank's own extract gives them: the jdbc example's query. */
    static final String EXTRACT = """
            SELECT i.installment_id, i.loan_id, l.borrower_id, i.due_date,
                   i.principal_due + i.interest_due + i.fees_due + i.penalty_due - i.paid_amount AS amount_due,
                   i.principal_due AS principal, i.interest_due AS interest, i.fees_due AS fees,
                   i.penalty_due AS penalty, l.currency, l.product, l.segment, i.seq_no AS installment_no,
                   l.prior_defaults AS previous_defaults
            FROM installment i JOIN loan l ON l.loan_id = i.loan_id
            WHERE i.principal_due + i.interest_due + i.fees_due + i.penalty_due - i.paid_amount > 0
            ORDER BY l.borrower_id, i.loan_id, i.due_date""";
    /** The borrowers' contacts as the core bank's API gives them: the shipped hub.contacts.sql, for everyone. */
    static final String CONTACTS = """
            SELECT borrower_id, full_name AS name, locale, time_zone, mobile AS phone, email, push_token,
                   postal_address, sms_opt_out, email_opt_out, push_opt_out, country, email_is_work, gender
            FROM borrower ORDER BY borrower_id""";

    @TempDir
    static Path work;
    static HubFixture hub;
    /** The demo bank's borrowers on PostgreSQL: the same data for the SQL scan and every example. */
    static String coreDb;
    static DataSource core;
    /** What the SQL scan planned: the notices every example must plan too. */
    static List<String> bySql;
    /** Whom the SQL scan's notices go to: each notice's borrower's contact as hub.contacts.sql reads it. */
    static Map<String, io.dunninghub.contact.Contact> recipientsBySql;
    static PlanSummary sqlSummary;

    Stages stages;
    WireMockServer bank;

    @BeforeAll
    static void sqlScan() throws Exception {
        hub = new HubFixture(work);
        coreDb = Postgres.newDatabase("demo");
        core = Postgres.dataSource(coreDb);
        assertThat(DemoBank.seedIfEmpty(core, 60, TODAY)).isTrue();
        try (Stages sql = stages(Map.of())) {
            sqlSummary = sql.planningJob().run();
            bySql = notices(sql.ledgerDataSource());
            recipientsBySql = recipients(sql);
        }
        assertThat(recipientsBySql.values()).allSatisfy(c -> assertThat(c.refused()).isNull())
                .anySatisfy(c -> assertThat(c.optedOut()).isNotEmpty());
        assertThat(sqlSummary.newNotices()).isGreaterThan(20);
        assertThat(bySql).hasSize((int) sqlSummary.newNotices());
        // loan notices, suppressions and deferrals are among them, not only one plain kind
        assertThat(bySql).anyMatch(n -> n.contains("SUPPRESSED")).anyMatch(n -> n.contains("PLANNED"));
    }

    @AfterAll
    static void close() {
        if (hub != null) {
            hub.close();
        }
    }

    @AfterEach
    void stopStages() {
        if (stages != null) {
            stages.close();
        }
        if (bank != null) {
            bank.stop();
        }
    }

    @Override
    public boolean isUseAdviceWith() {
        return true; // the routes are loaded in each test, advised, then the context is started
    }

    /** The stages of a hub on the shared core bank with a ledger of its own. */
    static Stages stages(Map<String, String> extra) throws Exception {
        return stages(extra, Stages.SourceRoutes.NONE);
    }

    static Stages stages(Map<String, String> extra, Stages.SourceRoutes routes) throws Exception {
        Map<String, String> p = new LinkedHashMap<>(extra);
        p.put("hub.ledger.url", Postgres.jdbcUrl(Postgres.newDatabase("ledger")));
        p.put("hub.core.url", Postgres.jdbcUrl(coreDb));
        hub.writeProperties(p);
        HubConfig.Read read = HubConfig.read(hub.configDir, Path.of("routes"), Map.of());
        assertThat(read.problems()).isEmpty();
        return new Stages(read.config(), Stages.Mode.RUN, CLOCK, HubMetrics.NONE, routes);
    }

    /** The ledger's notices, one line each, in dedupe-key order. */
    static List<String> notices(DataSource ledger) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ledger.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT dedupe_key, debt, installment_id, installment_ids, loan_id, borrower_id, "
                     + "ladder_id, step_id, step_cycle, channel, audience, template, status, reason, not_before "
                     + "FROM notice ORDER BY dedupe_key")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    cols.add(v instanceof java.time.OffsetDateTime t ? t.toInstant().toString() : String.valueOf(v));
                }
                out.add(String.join(" | ", cols));
            }
        }
        return out;
    }

    /** The contact each notice of the stages' ledger is sent to, by borrower, as the stages' directory reads it. */
    static Map<String, io.dunninghub.contact.Contact> recipients(Stages stages) throws Exception {
        List<String> borrowers = new ArrayList<>();
        try (Connection c = stages.ledgerDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT borrower_id FROM notice ORDER BY borrower_id")) {
            while (rs.next()) {
                borrowers.add(rs.getString(1));
            }
        }
        return new java.util.TreeMap<>(stages.contacts().lookup(borrowers));
    }

    /** The core bank's extract as rows of strings (dates ISO, amounts as written), for the JSON and the CSV. */
    static List<Map<String, Object>> extract() throws Exception {
        return rows(EXTRACT);
    }

    static List<Map<String, Object>> rows(String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = core.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.put(meta.getColumnLabel(i), v instanceof java.sql.Date d ? d.toLocalDate().toString() : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A hub whose planner is fed by routes, bound into this test's Camel context with the example's route. */
    void routeFed(String example, Map<String, String> placeholders) throws Exception {
        routeFed(example, placeholders, Map.of());
    }

    /** @param sources more hub.*.source keys set to route: the re-check and contacts answered by the context's routes */
    void routeFed(String example, Map<String, String> placeholders, Map<String, String> sources) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>(sources);
        keys.put("hub.scan.source", "route");
        CamelContext camel = context();
        stages = stages(keys, HubRuntime.sourceRoutes(camel));
        camel.getRegistry().bind(Beans.PLANNING_JOB, stages.planningJob());
        camel.getRegistry().bind(Beans.CORE_BANK, stages.coreDataSource());
        camel.getRegistry().bind(Beans.INSTALLMENT_CSV, new CsvRows());
        Properties props = new Properties();
        props.put("hub.scan.cron", "0 0 8 * * ?");
        props.put("hub.business-zone", ZONE.getId());
        props.putAll(placeholders);
        camel.getPropertiesComponent().setOverrideProperties(props);
        var loader = PluginHelper.getRoutesLoader(camel);
        loader.loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/installments.yaml"));
        loader.loadRoutes(ResourceHelper.resolveResource(camel,
                "file:examples/" + example + "/routes/" + example + ".yaml"));
    }

    /** Replaces the example's cron with a direct endpoint the test calls, then starts the context. */
    PlanningJob.FedPass runOnce(String routeId) throws Exception {
        AdviceWith.adviceWith(context(), routeId, a -> a.replaceFromWith("direct:now"));
        context().start();
        Object answer = template().requestBody("direct:now", (Object) null);
        assertThat(answer).isInstanceOf(PlanningJob.FedPass.class);
        return (PlanningJob.FedPass) answer;
    }

    @Test
    void aCoreBankReadThroughCamelJdbcPlansWhatTheSqlScanPlans() throws Exception {
        routeFed("core-bank-jdbc", Map.of());
        PlanningJob.FedPass pass = runOnce("core-bank-jdbc");
        assertThat(pass.badRows()).isZero();
        assertThat(pass.newNotices()).isEqualTo(sqlSummary.newNotices());
        assertThat(notices(stages.ledgerDataSource())).containsExactlyElementsOf(bySql);
        assertThat(recipients(stages)).isEqualTo(recipientsBySql);
    }

    @Test
    void aCoreBankBehindARestApiPlansWhatTheSqlScanPlans() throws Exception {
        bank = new WireMockServer(wireMockConfig().dynamicPort());
        bank.start();
        ObjectMapper json = new ObjectMapper();
        String installments = json.writeValueAsString(extract());
        bank.stubFor(get(urlPathEqualTo("/api/v1/installments/overdue")).withHeader("Authorization", equalTo("Bearer t0k"))
                .willReturn(okJson(installments)));
        // the lookups answer every row they have; the hub keeps those it asked for
        bank.stubFor(post(urlPathEqualTo("/api/v1/installments/lookup")).withHeader("Authorization", equalTo("Bearer t0k"))
                .willReturn(okJson(installments)));
        bank.stubFor(post(urlPathEqualTo("/api/v1/borrowers/lookup")).withHeader("Authorization", equalTo("Bearer t0k"))
                .willReturn(okJson(json.writeValueAsString(rows(CONTACTS)))));
        routeFed("core-bank-rest", Map.of("bank.api.url", bank.baseUrl() + "/api", "bank.api.token", "t0k"),
                Map.of("hub.recheck.source", "route", "hub.contacts.source", "route"));
        PlanningJob.FedPass pass = runOnce("core-bank-rest");
        bank.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/installments/overdue")));
        bank.verify(postRequestedFor(urlPathEqualTo("/api/v1/borrowers/lookup"))
                .withRequestBody(matchingJsonPath("$[0]")));
        assertThat(pass.badRows()).isZero();
        assertThat(notices(stages.ledgerDataSource())).containsExactlyElementsOf(bySql);
        assertThat(recipients(stages)).isEqualTo(recipientsBySql);

        // right before sending, the installments' rows come from the API too, as the SQL re-check reads them
        List<String> ids = List.of(String.valueOf(extract().get(0).get("installment_id")),
                String.valueOf(extract().get(7).get("installment_id")), "nobody");
        Map<String, io.dunninghub.scan.Installment> current = stages.scanner().recheck(ids);
        Map<String, io.dunninghub.scan.Installment> bySqlRecheck;
        try (Stages sql = stages(Map.of())) {
            bySqlRecheck = sql.scanner().recheck(ids);
        }
        assertThat(current).hasSize(2).isEqualTo(bySqlRecheck);
        bank.verify(postRequestedFor(urlPathEqualTo("/api/v1/installments/lookup"))
                .withRequestBody(equalToJson(json.writeValueAsString(ids))));
    }

    @Test
    void aDailyCsvDropPlansWhatTheSqlScanPlansAndABadRowFailsAlone() throws Exception {
        Path drop = Files.createDirectories(work.resolve("drop-" + System.nanoTime()));
        List<Map<String, Object>> rows = extract();
        List<String> header = List.copyOf(rows.get(0).keySet());
        StringBuilder csv = new StringBuilder("\uFEFF").append(String.join(",", header)).append('\n');
        for (Map<String, Object> r : rows) {
            csv.append(header.stream().map(h -> r.get(h) == null ? "" : "\"" + r.get(h) + "\"")
                    .collect(Collectors.joining(","))).append('\n');
        }
        // a row the core bank's export got wrong: refused with its reason, the rest planned
        csv.append("IX,LX,BX,31/11/2026,100.00,,,,,CNY,instalment,mass,1,0\n");
        Path file = Files.writeString(drop.resolve("installments-" + TODAY + ".csv"), csv);
        routeFed("core-bank-csv", Map.of("bank.drop.dir", drop.toString()));
        context().start();
        // the file waits for its done file
        Thread.sleep(1500);
        assertThat(file).exists();
        Files.writeString(drop.resolve("installments-" + TODAY + ".done"), "");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(drop.resolve(".done").resolve(file.getFileName()))
                || Files.exists(drop.resolve(".failed").resolve(file.getFileName())));
        assertThat(drop.resolve(".done").resolve(file.getFileName())).exists();
        assertThat(notices(stages.ledgerDataSource())).containsExactlyElementsOf(bySql);
        assertThat(recipients(stages)).isEqualTo(recipientsBySql);
        assertThat(stages.planningJob().lastSummary().badRows()).isEqualTo(1);
    }

    @Test
    void theRouteIsRefusedWhileTheSqlScanPlans() throws Exception {
        try (Stages sql = stages(Map.of())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.planningJob().feed(List.of()))
                    .hasMessageContaining("hub.scan.source");
        }
        assertThat(InstallmentRows.Problem.values()).hasSize(5);
    }
}
