package io.dunninghub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dunninghub.demo.DemoBank;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A whole world for the daemon: a core banking database and a ledger on real PostgreSQL, Twilio as WireMock
 * (real request and response shapes), SMTP as GreenMail, and a config folder pointing at all of them.
 */
public final class HubFixture implements AutoCloseable {

    public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String AUTH_TOKEN = "test-auth-token";
    public static final String TWILIO_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    public final String coreDb = Postgres.newDatabase("core");
    public final String ledgerDb = Postgres.newDatabase("ledger");
    public final DataSource core = Postgres.dataSource(coreDb);
    public final DataSource ledger = Postgres.dataSource(ledgerDb);
    public final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    public final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    public final Path configDir;
    public final Path outbox;

    /** Port of the daemon's HTTP server (receipts) in this world. */
    public final int httpPort = freePort();

    public HubFixture(Path workDir) throws Exception {
        twilio.start();
        stubTwilioSent(twilio);
        smtp.start();
        DemoBank.createSchema(core);
        configDir = Files.createDirectories(workDir.resolve("config"));
        outbox = workDir.resolve("outbox");
        ShippedConfig.copyTree(Path.of("config/templates"), configDir.resolve("templates"));
        ShippedConfig.copyTree(Path.of("config/fonts"), configDir.resolve("fonts"));
        Files.copy(Path.of("config/ladder.yaml"), configDir.resolve("ladder.yaml"));
        writePolicy("always");
        writeProviders();
        writeProperties(Map.of());
    }

    /** Twilio's answer to a created message: 201 with a fresh {@code SM…} sid. */
    public static void stubTwilioSent(WireMockServer server) {
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("""
                        {"account_sid":"%s","api_version":"2010-04-01","body":"…","date_created":"Mon, 23 Nov 2026 02:00:00 +0000",
                         "date_sent":null,"date_updated":"Mon, 23 Nov 2026 02:00:00 +0000","direction":"outbound-api",
                         "error_code":null,"error_message":null,"from":"+15005550006","messaging_service_sid":null,
                         "num_media":"0","num_segments":"1","price":null,"price_unit":"USD",
                         "sid":"SM{{randomValue length=32 type='HEXADECIMAL'}}","status":"queued",
                         "subresource_uris":{"media":"/2010-04-01/Accounts/%s/Messages/SM1/Media.json"},
                         "to":"+8613800138000","uri":"/2010-04-01/Accounts/%s/Messages/SM1.json"}
                        """.formatted(ACCOUNT_SID, ACCOUNT_SID, ACCOUNT_SID))));
    }

    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Replaces providers.yaml. */
    public void writeProviders(String yaml) throws IOException {
        Files.writeString(configDir.resolve("providers.yaml"), yaml);
    }

    /** A ladder with one step: an SMS from 1 day past due on. */
    public void smsOnlyLadder() throws IOException {
        Files.writeString(configDir.resolve("ladder.yaml"), """
                ladders:
                  - id: sms-only
                    steps:
                      - id: early
                        dpd: 1..
                        channels:
                          - { channel: sms, template: overdue_early }
                """);
    }

    /**
     * Adds {@code n} borrowers {@code <prefix>1..n} with one installment 2 days past due each and mobile numbers
     * +86 138 <prefix digit><7 digits>, in three statements (PostgreSQL).
     *
     * @param prefixDigit 0-9, keeps the numbers of several batches apart
     */
    public static void bulkBorrowers(DataSource core, int prefixDigit, int n, LocalDate today) throws SQLException {
        String id = "'P" + prefixDigit + "-' || g";
        try (Connection c = core.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO borrower (borrower_id, full_name, locale, time_zone, mobile, sms_opt_out) "
                    + "SELECT " + id + ", '借款人' || g, 'zh-CN', 'Asia/Shanghai', '+86138" + prefixDigit
                    + "' || LPAD(g::text, 7, '0'), false FROM generate_series(1, " + n + ") g");
            s.executeUpdate("INSERT INTO loan SELECT 'L' || " + id + ", " + id + ", 'instalment', 'first', 3000.00, 'CNY', DATE '"
                    + today.minusMonths(3) + "' FROM generate_series(1, " + n + ") g");
            s.executeUpdate("INSERT INTO installment SELECT 'I' || " + id + ", 'L' || " + id + ", 1, DATE '" + today.minusDays(2)
                    + "', 500.00, 25.50, 10.00, 0 FROM generate_series(1, " + n + ") g");
        }
    }

    public void writePolicy(String window) throws IOException {
        Files.writeString(configDir.resolve("policy.yaml"), """
                contact-windows:
                  default: "%s"
                  letter: always
                time-zone:
                  by-phone-region: { CN: Asia/Shanghai, TW: Asia/Taipei }
                phone:
                  default-region: CN
                """.formatted(window));
    }

    private void writeProviders() throws IOException {
        Files.writeString(configDir.resolve("providers.yaml"), """
                providers:
                  - name: twilio-test
                    channel: sms
                    adapter: twilio
                    priority: 1
                    options:
                      base-url: "%s"
                      account-sid: "{{twilio.account-sid}}"
                      auth-token: "{{twilio.auth-token}}"
                      from: "+15005550006"
                      default-region: CN
                  - name: smtp-test
                    channel: email
                    adapter: smtp
                    priority: 1
                    options:
                      host: 127.0.0.1
                      port: "%d"
                      from: reminders@lender.example
                      from-name: 示例消费金融
                  - name: outbox-push
                    channel: push
                    adapter: file
                    options: { dir: "%s" }
                  - name: outbox-letter
                    channel: letter
                    adapter: file
                    options: { dir: "%s" }
                  - name: outbox-call
                    channel: call
                    adapter: file
                    options: { dir: "%s" }
                  - name: agency-batch
                    channel: agency
                    adapter: agency-file
                    options: { dir: "%s/agency" }
                """.formatted(twilio.baseUrl(), smtp.getSmtp().getPort(), outbox, outbox, outbox, outbox));
    }

    public void writeProperties(Map<String, String> extra) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hub.business-zone", "Asia/Shanghai");
        p.put("hub.demo.enabled", "false");
        p.put("hub.core.url", Postgres.jdbcUrl(coreDb));
        p.put("hub.core.username", "postgres");
        p.put("hub.ledger.url", Postgres.jdbcUrl(ledgerDb));
        p.put("hub.ledger.username", "postgres");
        p.put("hub.lender.name", "示例消费金融有限公司");
        p.put("hub.lender.hotline", "400-000-0000");
        p.put("hub.lender.app-name", "示例借");
        // the shipped e-mail and call templates name these; start-up refuses a ladder whose templates need them empty
        p.put("hub.lender.email", "service@lender.example");
        p.put("hub.lender.website", "https://www.lender.example");
        p.put("hub.lender.complaints", "complaints@lender.example");
        p.put("hub.lender.address", "上海市浦东新区世纪大道1号");
        p.put("hub.dispatch.period-ms", "200");
        p.put("hub.http.port", String.valueOf(httpPort));
        p.put("hub.dispatch.backoff-initial-seconds", "1");
        p.put("hub.scan.on-startup", "true");
        p.put("twilio.account-sid", ACCOUNT_SID);
        p.put("twilio.auth-token", "{{env:TEST_TWILIO_TOKEN:" + AUTH_TOKEN + "}}");
        for (String key : new String[] {"hub.scan.sql", "hub.recheck.sql", "hub.contacts.sql"}) {
            p.put(key, shippedProperty(key));
        }
        p.putAll(extra);
        StringBuilder text = new StringBuilder();
        p.forEach((k, v) -> text.append(k).append(" = ").append(v.replace("\n", " ")).append('\n'));
        Files.writeString(configDir.resolve("application.properties"), text.toString());
    }

    /** A key's value in the shipped config/application.properties (e.g. the scan SQL a test builds on). */
    public static String shippedProperty(String key) throws IOException {
        java.util.Properties shipped = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(in);
        }
        return shipped.getProperty(key);
    }

    /** Adds a borrower with one loan and one installment {@code dpd} days past due on {@code today}. */
    public void borrower(String id, String name, String locale, String zone, String phone, String email, String pushToken,
                         boolean smsOptOut, int dpd, LocalDate today, boolean paid) throws SQLException {
        try (Connection c = core.getConnection()) {
            try (PreparedStatement b = c.prepareStatement("INSERT INTO borrower VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, false, false)")) {
                b.setString(1, id);
                b.setString(2, name);
                b.setString(3, locale);
                b.setString(4, zone);
                b.setString(5, phone);
                b.setString(6, email);
                b.setString(7, pushToken);
                b.setString(8, "上海市浦东新区世纪大道100号 " + name);
                b.setBoolean(9, smsOptOut);
                b.executeUpdate();
            }
            try (PreparedStatement l = c.prepareStatement("INSERT INTO loan VALUES (?, ?, 'instalment', 'first', 3000.00, 'CNY', ?)")) {
                l.setString(1, "L" + id);
                l.setString(2, id);
                l.setDate(3, Date.valueOf(today.minusMonths(3)));
                l.executeUpdate();
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO installment VALUES (?, ?, 1, ?, 500.00, 25.50, 10.00, ?)")) {
                i.setString(1, "I" + id);
                i.setString(2, "L" + id);
                i.setDate(3, Date.valueOf(today.minusDays(dpd)));
                i.setBigDecimal(4, paid ? new BigDecimal("535.50") : BigDecimal.ZERO);
                i.executeUpdate();
            }
        }
    }

    /** Another loan of an existing borrower ({@code L<id>-<suffix>}), with one installment {@code dpd} days past due. */
    public void loan(String borrowerId, String suffix, int dpd, LocalDate today) throws SQLException {
        String loan = "L" + borrowerId + "-" + suffix;
        try (Connection c = core.getConnection()) {
            try (PreparedStatement l = c.prepareStatement("INSERT INTO loan VALUES (?, ?, 'instalment', 'first', 3000.00, 'CNY', ?)")) {
                l.setString(1, loan);
                l.setString(2, borrowerId);
                l.setDate(3, Date.valueOf(today.minusMonths(3)));
                l.executeUpdate();
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO installment VALUES (?, ?, 1, ?, 500.00, 25.50, 10.00, 0)")) {
                i.setString(1, "I" + borrowerId + "-" + suffix);
                i.setString(2, loan);
                i.setDate(3, Date.valueOf(today.minusDays(dpd)));
                i.executeUpdate();
            }
        }
    }

    /** Someone the core database knows in connection with a loan: a guarantor, or a relative the hub must ignore. */
    public void person(String personId, String loanId, String relation, String name, String phone, String email)
            throws SQLException {
        try (Connection c = core.getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO contact_person VALUES (?, ?, ?, ?, 'zh-CN', 'Asia/Shanghai', 'CN', ?, ?)")) {
            p.setString(1, personId);
            p.setString(2, loanId);
            p.setString(3, relation);
            p.setString(4, name);
            p.setString(5, phone);
            p.setString(6, email);
            p.executeUpdate();
        }
    }

    public void writePolicyYaml(String yaml) throws IOException {
        Files.writeString(configDir.resolve("policy.yaml"), yaml);
    }

    public void writeLadderYaml(String yaml) throws IOException {
        Files.writeString(configDir.resolve("ladder.yaml"), yaml);
    }

    public void markPaid(String borrowerId) throws SQLException {
        try (Connection c = core.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE installment SET paid_amount = 535.50 WHERE loan_id = 'L" + borrowerId + "'");
        }
    }

    public int ledgerCount(String sql) throws SQLException {
        try (Connection c = ledger.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Each row of a ledger query as its columns joined by a space (null as "null"). */
    public java.util.List<String> ledgerRows(String sql) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = ledger.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Override
    public void close() {
        twilio.stop();
        smtp.stop();
    }
}
