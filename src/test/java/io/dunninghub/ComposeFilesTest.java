package io.dunninghub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dunninghub.support.PromQl;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the compose stack is kept honest by reading it: the compose file, Prometheus'
 * configuration, Grafana's provisioning and the dashboard parse, every file they mount exists, they point at each
 * other by the same names, ports and paths, and {@code promtool} accepts the alert rules and passes their unit
 * tests. {@link ComposeStackTest} holds the dashboard's and the rules' metric names against a running hub.
 */
class ComposeFilesTest {

    static final Path COMPOSE = Path.of("compose.yaml");
    static final Path HUB_CONFIG = Path.of("deploy/compose/hub");
    static final Path PROMETHEUS = Path.of("deploy/compose/prometheus/prometheus.yml");
    static final Path DATASOURCES = Path.of("deploy/compose/grafana/provisioning/datasources/prometheus.yaml");
    static final Path DASHBOARDS = Path.of("deploy/compose/grafana/provisioning/dashboards/dunning-hub.yaml");
    static final Path ALERTS = Path.of("deploy/monitoring/alerts.yml");
    static final Path ALERT_TESTS = Path.of("deploy/monitoring/alerts.test.yml");
    static final Path DASHBOARD = Path.of("deploy/monitoring/dunning-hub.json");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode yaml(Path file) throws Exception {
        JsonNode n = YAML.readTree(file.toFile());
        assertThat(n).as("%s is a YAML mapping", file).isNotNull();
        assertThat(n.isObject()).as("%s is a YAML mapping", file).isTrue();
        return n;
    }

    static JsonNode dashboard() throws Exception {
        return JSON.readTree(DASHBOARD.toFile());
    }

    /** Every PromQL expression of the dashboard's panels, with where it is. */
    static Map<String, String> dashboardQueries() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : dashboard().path("panels")) {
            for (JsonNode t : p.path("targets")) {
                out.put(p.path("title").asText() + " " + t.path("refId").asText(), t.path("expr").asText());
            }
        }
        return out;
    }

    /** Every rule's expression in alerts.yml, by alert or record name. */
    static Map<String, String> ruleQueries() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode g : yaml(ALERTS).path("groups")) {
            for (JsonNode r : g.path("rules")) {
                out.put(r.has("alert") ? r.path("alert").asText() : r.path("record").asText(), r.path("expr").asText());
            }
        }
        return out;
    }

    /** The series the recording rules make, which the dashboard may read like any other. */
    static Set<String> recordedSeries() throws Exception {
        Set<String> out = new TreeSet<>();
        for (JsonNode g : yaml(ALERTS).path("groups")) {
            for (JsonNode r : g.path("rules")) {
                if (r.has("record")) {
                    out.add(r.path("record").asText());
                }
            }
        }
        return out;
    }

    /** {@code ./host/path:/container/path[:ro]} → host path → container path. */
    private static Map<String, String> mounts(JsonNode service) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode v : service.path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts[0].startsWith("./")) {
                out.put(parts[0].substring(2), parts[1]);
            }
        }
        return out;
    }

    @Test
    void composeBuildsTheHubFromTheDockerfileAndMountsFilesThatExist() throws Exception {
        JsonNode services = yaml(COMPOSE).path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("postgres", "mailpit", "hub", "prometheus", "grafana");
        assertThat(services.path("hub").path("build").asText()).isEqualTo(".");
        assertThat(Path.of("Dockerfile")).exists();
        for (String service : names) {
            if (!service.equals("hub")) {
                assertThat(services.path(service).path("image").asText()).as("%s has a pinned image", service)
                        .matches("[a-z/-]+:v?\\d[\\w.-]*");
            }
            mounts(services.path(service)).keySet().forEach(host ->
                    assertThat(Path.of(host)).as("%s mounts %s", service, host).exists());
        }
        Map<String, String> hub = mounts(services.path("hub"));
        assertThat(hub).containsEntry("deploy/compose/hub/application.properties", "/app/config/application.properties")
                .containsEntry("deploy/compose/hub/providers.yaml", "/app/config/providers.yaml");
        // the image's own config/ holds what the compose files do not replace
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("COPY config /app/config").contains("WORKDIR /app");
        assertThat(mounts(services.path("postgres"))).containsEntry("deploy/compose/postgres", "/docker-entrypoint-initdb.d");
        assertThat(services.path("hub").path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.path("postgres").path("healthcheck").path("test").toString()).contains("pg_isready");
    }

    @Test
    void theDockerIgnoreKeepsWhatTheImageIsBuiltFrom() throws Exception {
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).contains("target/", ".git/", "var/");
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        for (String copied : List.of("pom.xml", "src", "config", "routes")) {
            assertThat(dockerfile).contains("COPY " + copied);
            assertThat(ignored).as(".dockerignore must not leave out %s, which the Dockerfile copies", copied)
                    .noneMatch(i -> i.replaceAll("/$", "").equals(copied) || i.equals("*"));
        }
    }

    @Test
    void theHubsComposeConfigurationReachesTheOtherServicesByTheirNames() throws Exception {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(HUB_CONFIG.resolve("application.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        assertThat(p.getProperty("hub.core.url")).isEqualTo("jdbc:postgresql://postgres:5432/corebank");
        assertThat(p.getProperty("hub.ledger.url")).isEqualTo("jdbc:postgresql://postgres:5432/ledger");
        assertThat(p.getProperty("hub.core.password")).isEqualTo("{{env:CORE_DB_PASSWORD}}");
        assertThat(p.getProperty("hub.ledger.password")).isEqualTo("{{env:LEDGER_DB_PASSWORD}}");
        JsonNode env = yaml(COMPOSE).path("services").path("hub").path("environment");
        assertThat(env.has("CORE_DB_PASSWORD") && env.has("LEDGER_DB_PASSWORD")).isTrue();
        // the passwords compose hands the hub are the ones the init script gives the roles
        String roles = Files.readString(Path.of("deploy/compose/postgres/01-databases.sql"));
        assertThat(roles).contains("CREATE ROLE core_reader LOGIN PASSWORD '" + env.path("CORE_DB_PASSWORD").asText() + "'")
                .contains("CREATE ROLE dunning_hub LOGIN PASSWORD '" + env.path("LEDGER_DB_PASSWORD").asText() + "'");
        assertThat(p.getProperty("hub.core.username")).isEqualTo("core_reader");
        assertThat(p.getProperty("hub.ledger.username")).isEqualTo("dunning_hub");
        JsonNode smtp = null;
        for (JsonNode provider : yaml(HUB_CONFIG.resolve("providers.yaml")).path("providers")) {
            if ("smtp".equals(provider.path("adapter").asText())) {
                smtp = provider.path("options");
            }
        }
        assertThat(smtp).as("an smtp provider").isNotNull();
        assertThat(smtp.path("host").asText()).isEqualTo("mailpit");
        assertThat(yaml(COMPOSE).path("services").path("mailpit").path("ports").toString())
                .contains("\"" + smtp.path("port").asText() + ":" + smtp.path("port").asText() + "\"");
        assertThat(p.getProperty("hub.http.port")).isEqualTo("8080");
    }

    @Test
    void prometheusScrapesTheHubsMetricsAndLoadsTheMountedRules() throws Exception {
        JsonNode prom = yaml(PROMETHEUS);
        JsonNode job = prom.path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(job.path("static_configs").get(0).path("targets").get(0).asText()).isEqualTo("hub:8080");
        assertThat(Files.readString(Path.of("routes/metrics.yaml"))).contains("platform-http:/metrics");
        String rulesMount = mounts(yaml(COMPOSE).path("services").path("prometheus")).get(ALERTS.toString());
        assertThat(rulesMount).as("compose mounts %s", ALERTS).isNotNull();
        String glob = prom.path("rule_files").get(0).asText();
        assertThat(Path.of(rulesMount).getParent()).isEqualTo(Path.of(glob).getParent());
        assertThat(rulesMount).endsWith(".yml");
        assertThat(glob).endsWith("/*.yml");
        assertThat(mounts(yaml(COMPOSE).path("services").path("prometheus")))
                .containsEntry(PROMETHEUS.toString(), "/etc/prometheus/prometheus.yml");
    }

    @Test
    void grafanaLoadsTheDashboardWhoseEveryPanelReadsTheProvisionedDatasource() throws Exception {
        JsonNode ds = yaml(DATASOURCES).path("datasources").get(0);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");
        String uid = ds.path("uid").asText();
        JsonNode provider = yaml(DASHBOARDS).path("providers").get(0);
        Map<String, String> grafana = mounts(yaml(COMPOSE).path("services").path("grafana"));
        assertThat(grafana).containsEntry("deploy/compose/grafana/provisioning", "/etc/grafana/provisioning");
        String dashboardMount = grafana.get(DASHBOARD.toString());
        assertThat(dashboardMount).isNotNull();
        assertThat(Path.of(dashboardMount).getParent().toString()).isEqualTo(provider.path("options").path("path").asText());
        assertThat(yaml(COMPOSE).path("services").path("grafana").path("environment")
                .path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText()).isEqualTo(dashboardMount);

        JsonNode dash = dashboard();
        assertThat(dash.path("uid").asText()).isNotBlank();
        int queries = 0;
        for (JsonNode p : dash.path("panels")) {
            if ("row".equals(p.path("type").asText())) {
                continue;
            }
            assertThat(p.path("datasource").path("uid").asText()).as("panel %s", p.path("title")).isEqualTo(uid);
            assertThat(p.path("targets").size()).as("panel %s has queries", p.path("title")).isPositive();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("datasource").path("uid").asText()).isEqualTo(uid);
                assertThat(t.path("expr").asText()).isNotBlank();
                queries++;
            }
        }
        assertThat(queries).isGreaterThan(20);
    }

    @Test
    void theDashboardShowsWhatOpsLookAt() throws Exception {
        Set<String> read = new TreeSet<>();
        dashboardQueries().values().forEach(q -> read.addAll(PromQl.seriesNames(q)));
        assertThat(read).contains("dunninghub_notices_sent_total", "dunninghub_notices_failed_total",
                "dunninghub_notices_deferred_total", "dunninghub_notices_suppressed_total",
                "dunninghub_notices_dead_total", "dunninghub_backlog_due", "dunninghub_backlog_oldest_age_seconds",
                "dunninghub_provider_latency_seconds_bucket", "dunninghub_provider_circuit_state",
                "dunninghub_provider_rate_wait_seconds_sum", "dunninghub_scan_duration_seconds_max",
                "dunninghub_scan_last_success_timestamp_seconds", "dunninghub_ready");
        Set<String> alerts = ruleQueries().keySet();
        assertThat(alerts).contains("DunningHubBacklogOld", "DunningHubProviderCircuitOpen",
                "DunningHubNoSuccessfulScan", "DunningHubDeadNotices", "DunningHubNotReady");
    }

    @Test
    void seriesNamesAreReadOutOfQueriesAndNothingElse() {
        assertThat(PromQl.seriesNames("sum by (channel, provider) (increase(dunninghub_notices_sent_total{channel=\"sms\"}[$__range]))"))
                .containsExactly("dunninghub_notices_sent_total");
        assertThat(PromQl.seriesNames("(time() - max(max_over_time(a_b[27h])) > 26 * 3600) or (max(up{job=\"x\"}) > 1 unless c > 0)"))
                .containsExactly("a_b", "up", "c");
        assertThat(PromQl.seriesNames("dunninghub:provider_latency_seconds:p95 / on (provider) group_left x"))
                .containsExactly("dunninghub:provider_latency_seconds:p95", "x");
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        String promtool = promtool();
        assumeTrue(promtool != null || "true".equals(System.getenv("CI")),
                "promtool not installed (Debian: apt-get install prometheus); CI installs it");
        assertThat(promtool).as("promtool on the PATH (CI=true: .ci/run installs Debian's prometheus)").isNotNull();
        run(promtool, "check", "rules", ALERTS.toString());
        run(promtool, "check", "config", PROMETHEUS.toString());
        run(promtool, "test", "rules", ALERT_TESTS.toString());
    }

    private static String promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s:%n%s", String.join(" ", command), out).isZero();
    }
}
