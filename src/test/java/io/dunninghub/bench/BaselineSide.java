package io.dunninghub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bare baseline, in its own JVM: the same work as the hub with nothing but JDBC, the JDK HttpClient
 * and JavaMail. It reads the same rows with the same SQL, writes the same ledger rows (notice, PLANNED
 * event, claim lease, outcome, SENT event) in the same batches, and sends the same requests (Twilio form
 * POST, FCM v1 JSON POST, multipart/alternative UTF-8 e-mail). What it leaves out is what the hub adds:
 * Camel, configurable ladders and SQL column mapping, the contact policy (phone validation, time zones,
 * windows), FreeMarker templates, failover, retries and reason codes. E-mail goes over one kept-open
 * SMTP connection per sending thread. Arguments: settings file, results file.
 */
public final class BaselineSide {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT_NOTICE = """
            INSERT INTO notice (id, dedupe_key, installment_id, loan_id, borrower_id, ladder_id, step_id, step_cycle,
                channel, audience, template, status, reason, not_before, next_attempt_at, attempts,
                planned_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 'bench', ?, 0, ?, 'borrower', ?, 'PLANNED', NULL, ?, ?, 0, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String INSERT_EVENT = """
            INSERT INTO notice_event (notice_id, occurred_at, event_type, reason, provider, detail, instance_id)
            VALUES (?, ?, ?, NULL, ?, NULL, 'baseline')""";
    // the hub's claim: one indexed query per status, merged by next_attempt_at
    private static final String SELECT_DUE = """
            SELECT id, installment_id, borrower_id, step_id, channel, template, next_attempt_at
            FROM notice
            WHERE status = ? AND next_attempt_at <= ?
            ORDER BY next_attempt_at
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";
    private static final String SELECT_EXPIRED = """
            SELECT id, installment_id, borrower_id, step_id, channel, template, next_attempt_at
            FROM notice
            WHERE status = 'CLAIMED' AND lease_until < ?
            ORDER BY next_attempt_at
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";
    private static final String TAKE_LEASE =
            "UPDATE notice SET status = 'CLAIMED', lease_owner = 'baseline', lease_until = ?, updated_at = ? WHERE id = ?";
    private static final String RECORD = """
            UPDATE notice SET status = 'SENT', provider = ?, provider_message_id = ?, recipient_masked = ?,
                attempts = attempts + 1, lease_owner = NULL, lease_until = NULL, updated_at = ?
            WHERE id = ? AND status = 'CLAIMED' AND lease_owner = 'baseline'""";

    record Row(String installmentId, String loanId, String borrowerId, LocalDate due, BigDecimal amount,
               BigDecimal principal, BigDecimal interest, BigDecimal fees, String currency) {
    }

    record Contact(String name, String locale, String phone, String email, String pushToken, boolean smsOut,
                   boolean emailOut, boolean pushOut) {
        String address(String channel) {
            return switch (channel) {
                case "sms" -> smsOut ? null : phone;
                case "email" -> emailOut ? null : email;
                case "push" -> pushOut ? null : pushToken;
                default -> null;
            };
        }
    }

    record Claimed(String id, String installmentId, String borrowerId, String step, String channel, String template) {
    }

    record Sent(String id, String provider, String messageId, String masked) {
    }

    private final Properties settings;
    private final String scanSql;
    private final String recheckSql;
    private final String contactsSql;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String twilioUrl;
    private final String pushUrl;
    private final String twilioAuth = "Basic " + Base64.getEncoder().encodeToString(
            "AC0123456789abcdef0123456789abcdef:bench-token".getBytes(StandardCharsets.UTF_8));
    private final Session mail;
    private final List<Transport> transports = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<Transport> transport = new ThreadLocal<>();
    private final int threads;

    BaselineSide(Properties settings) {
        this.settings = settings;
        // the bench ladder's earliest step is 1 day past due, so the latest due date it concerns is yesterday
        this.scanSql = settings.getProperty("hub.scan.sql").replace(":dueBy", "?");
        this.recheckSql = settings.getProperty("hub.recheck.sql");
        this.contactsSql = settings.getProperty("hub.contacts.sql");
        this.twilioUrl = settings.getProperty("bench.sink.http") + "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json";
        this.pushUrl = settings.getProperty("bench.sink.http") + "/v1/projects/bench/messages:send";
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", settings.getProperty("bench.sink.smtp-port"));
        // as the hub does: without TCP_NODELAY the end of DATA waits ~40 ms for the peer's delayed ACK
        p.put("mail.smtp.socketFactory", new javax.net.SocketFactory() {
            private java.net.Socket noDelay(java.net.Socket s) throws java.io.IOException {
                s.setTcpNoDelay(true);
                return s;
            }

            @Override
            public java.net.Socket createSocket() throws java.io.IOException {
                return noDelay(new java.net.Socket());
            }

            @Override
            public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
                return noDelay(new java.net.Socket(host, port));
            }

            @Override
            public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
                    throws java.io.IOException {
                return noDelay(new java.net.Socket(host, port, local, localPort));
            }

            @Override
            public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
                return noDelay(new java.net.Socket(host, port));
            }

            @Override
            public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local,
                                                int localPort) throws java.io.IOException {
                return noDelay(new java.net.Socket(host, port, local, localPort));
            }
        });
        this.mail = Session.getInstance(p);
        this.threads = Integer.parseInt(settings.getProperty("hub.dispatch.threads"));
    }

    public static void main(String[] args) throws Exception {
        Properties settings = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            settings.load(r);
        }
        // Jakarta Mail 2.1 looks its StreamProvider up through ServiceLoader on every body part unless named
        // here (jakartaee/mail-api#861); the hub names it too (NoticeMimeBuilder).
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        BenchMetrics metrics = new BenchMetrics();
        BaselineSide side = new BaselineSide(settings);
        String ledgerUrl = settings.getProperty("hub.ledger.url");
        io.dunninghub.ledger.LedgerSchema.migrate(dataSource(ledgerUrl));
        metrics.phase("startup");
        Instant now = Instant.now();
        long[] plan = side.plan(now);
        metrics.phaseAndRetained("plan");
        metrics.put("dispatch.start-epoch-ms", System.currentTimeMillis());
        long sent = side.dispatch();
        metrics.phaseAndRetained("dispatch");
        side.close();
        metrics.put("scanned", plan[0]);
        metrics.put("planned", plan[1]);
        metrics.put("handled", sent);
        metrics.put("sent", sent);
        metrics.phase("shutdown");
        metrics.finish(Path.of(args[1]));
        System.exit(0);
    }

    static javax.sql.DataSource dataSource(String url) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser("postgres");
        ds.setPassword("");
        return ds;
    }

    private Connection connect(String key) throws SQLException {
        return DriverManager.getConnection(settings.getProperty(key), "postgres", "");
    }

    /** Scan, pick the step and channels, look up contacts per chunk, insert notices and PLANNED events. */
    long[] plan(Instant now) throws SQLException {
        int chunkSize = Integer.parseInt(settings.getProperty("hub.scan.chunk-size"));
        LocalDate asOf = LocalDate.ofInstant(now, ZONE);
        OffsetDateTime ts = now.atOffset(ZoneOffset.UTC);
        long rows = 0;
        long planned = 0;
        try (Connection scan = connect("hub.core.url"); Connection core = connect("hub.core.url");
             Connection ledger = connect("hub.ledger.url")) {
            scan.setAutoCommit(false);
            ledger.setAutoCommit(false);
            try (PreparedStatement ps = scan.prepareStatement(scanSql)) {
                ps.setFetchSize(Integer.parseInt(settings.getProperty("hub.scan.fetch-size")));
                ps.setDate(1, Date.valueOf(asOf.minusDays(1)));
                try (ResultSet rs = ps.executeQuery()) {
                    List<Row> chunk = new ArrayList<>(chunkSize);
                    while (rs.next()) {
                        rows++;
                        chunk.add(row(rs));
                        if (chunk.size() == chunkSize) {
                            planned += planChunk(chunk, asOf, ts, core, ledger);
                            chunk.clear();
                        }
                    }
                    if (!chunk.isEmpty()) {
                        planned += planChunk(chunk, asOf, ts, core, ledger);
                    }
                }
            }
            scan.rollback();
        }
        return new long[] {rows, planned};
    }

    private int planChunk(List<Row> chunk, LocalDate asOf, OffsetDateTime ts, Connection core, Connection ledger)
            throws SQLException {
        Map<String, Contact> contacts = contacts(core, chunk.stream().map(Row::borrowerId).toList());
        List<String[]> notices = new ArrayList<>();
        for (Row r : chunk) {
            long dpd = ChronoUnit.DAYS.between(r.due(), asOf);
            String step = dpd <= 0 ? null : dpd <= 3 ? "early" : dpd <= 29 ? "formal" : "late";
            if (step == null) {
                continue;
            }
            String template = step.equals("early") ? "overdue_early" : "overdue_formal";
            List<String> channels = switch (step) {
                case "early" -> List.of("sms", "push", "email");
                case "formal" -> List.of("email", "sms");
                default -> List.of("sms");
            };
            Contact c = contacts.get(r.borrowerId());
            for (String channel : channels) {
                if (c == null || c.address(channel) == null) {
                    continue;
                }
                String key = r.installmentId() + ":" + step + ":" + channel + ":borrower:0";
                String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
                notices.add(new String[] {id, key, r.installmentId(), r.loanId(), r.borrowerId(), step, channel, template});
            }
        }
        int[] counts;
        try (PreparedStatement ps = ledger.prepareStatement(INSERT_NOTICE)) {
            for (String[] n : notices) {
                for (int i = 0; i < 8; i++) {
                    ps.setString(i + 1, n[i]);
                }
                ps.setObject(9, ts);
                ps.setObject(10, ts);
                ps.setObject(11, ts);
                ps.setObject(12, ts);
                ps.addBatch();
            }
            counts = ps.executeBatch();
        }
        int inserted = 0;
        try (PreparedStatement ev = ledger.prepareStatement(INSERT_EVENT)) {
            for (int k = 0; k < notices.size(); k++) {
                if (counts[k] == 0) {
                    continue;
                }
                inserted++;
                ev.setString(1, notices.get(k)[0]);
                ev.setObject(2, ts);
                ev.setString(3, "PLANNED");
                ev.setString(4, null);
                ev.addBatch();
            }
            ev.executeBatch();
        }
        ledger.commit();
        return inserted;
    }

    /** Claim, re-read installments and contacts, send in parallel, record outcomes and SENT events. */
    long dispatch() throws Exception {
        int batch = Integer.parseInt(settings.getProperty("hub.dispatch.batch-size"));
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        long sent = 0;
        try (Connection core = connect("hub.core.url"); Connection ledger = connect("hub.ledger.url")) {
            ledger.setAutoCommit(false);
            while (true) {
                Instant now = Instant.now();
                OffsetDateTime ts = now.atOffset(ZoneOffset.UTC);
                List<Object[]> due = new ArrayList<>();
                try (PreparedStatement ps = ledger.prepareStatement(SELECT_DUE)) {
                    for (String status : new String[] {"PLANNED", "RETRY"}) {
                        ps.setString(1, status);
                        ps.setObject(2, ts);
                        ps.setInt(3, batch);
                        readDue(ps, due);
                    }
                }
                try (PreparedStatement ps = ledger.prepareStatement(SELECT_EXPIRED)) {
                    ps.setObject(1, ts);
                    ps.setInt(2, batch);
                    readDue(ps, due);
                }
                due.sort(java.util.Comparator.comparing(d -> (OffsetDateTime) d[1]));
                List<Claimed> claimed = new ArrayList<>(batch);
                for (Object[] d : due.subList(0, Math.min(batch, due.size()))) {
                    claimed.add((Claimed) d[0]);
                }
                if (claimed.isEmpty()) {
                    ledger.commit();
                    break;
                }
                try (PreparedStatement up = ledger.prepareStatement(TAKE_LEASE)) {
                    for (Claimed c : claimed) {
                        up.setObject(1, now.plusSeconds(300).atOffset(ZoneOffset.UTC));
                        up.setObject(2, ts);
                        up.setString(3, c.id());
                        up.addBatch();
                    }
                    up.executeBatch();
                }
                ledger.commit();
                Map<String, Row> rows = recheck(core, claimed.stream().map(Claimed::installmentId).distinct().toList());
                Map<String, Contact> contacts = contacts(core, claimed.stream().map(Claimed::borrowerId).toList());
                List<Future<Sent>> futures = new ArrayList<>(claimed.size());
                for (Claimed c : claimed) {
                    futures.add(workers.submit(() -> send(c, rows.get(c.installmentId()), contacts.get(c.borrowerId()))));
                }
                OffsetDateTime done = Instant.now().atOffset(ZoneOffset.UTC);
                try (PreparedStatement rec = ledger.prepareStatement(RECORD);
                     PreparedStatement ev = ledger.prepareStatement(INSERT_EVENT)) {
                    for (Future<Sent> f : futures) {
                        Sent s = f.get();
                        rec.setString(1, s.provider());
                        rec.setString(2, s.messageId());
                        rec.setString(3, s.masked());
                        rec.setObject(4, done);
                        rec.setString(5, s.id());
                        rec.addBatch();
                        ev.setString(1, s.id());
                        ev.setObject(2, done);
                        ev.setString(3, "SENT");
                        ev.setString(4, s.provider());
                        ev.addBatch();
                    }
                    rec.executeBatch();
                    ev.executeBatch();
                }
                ledger.commit();
                sent += claimed.size();
            }
        } finally {
            workers.shutdown();
        }
        return sent;
    }

    private static void readDue(PreparedStatement ps, List<Object[]> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new Object[] {new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), rs.getObject(7, OffsetDateTime.class)});
            }
        }
    }

    private Sent send(Claimed c, Row r, Contact contact) throws Exception {
        String address = contact.address(c.channel());
        String masked = address.substring(0, Math.min(3, address.length())) + "****";
        String due = r.due().toString();
        return switch (c.channel()) {
            case "sms" -> {
                String body = "Bench Consumer Finance Co., Ltd.: Hi " + contact.name() + ", a friendly reminder that your loan "
                        + "payment due " + due + " has not reached us yet. You can pay in the BenchLoan app. Already paid? "
                        + "Please ignore this. Questions: 400-000-0000. Reply STOP to opt out.";
                String form = "To=" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&From=%2B15005550006&Body="
                        + URLEncoder.encode(body, StandardCharsets.UTF_8);
                HttpRequest req = HttpRequest.newBuilder(URI.create(twilioUrl))
                        .header("Authorization", twilioAuth)
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
                HttpResponse<String> res = post(req);
                yield new Sent(c.id(), "twilio-bench", JSON.readTree(res.body()).path("sid").asText(), masked);
            }
            case "push" -> {
                String json = JSON.writeValueAsString(Map.of("message", Map.of("token", address,
                        "notification", Map.of("title", "Payment reminder",
                                "body", "Your payment due " + due + " has not reached us yet. Tap to pay in BenchLoan. "
                                        + "Already paid? Please ignore this."),
                        "data", Map.of("notice_id", c.id()))));
                HttpRequest req = HttpRequest.newBuilder(URI.create(pushUrl))
                        .header("Authorization", "Bearer bench-token")
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
                HttpResponse<String> res = post(req);
                yield new Sent(c.id(), "bench-push", JSON.readTree(res.body()).path("name").asText(), masked);
            }
            default -> {
                String messageId = "<" + c.id() + "@dunning-hub.local>";
                sendMail(email(c, r, contact, address, messageId));
                yield new Sent(c.id(), "smtp-bench", messageId, masked);
            }
        };
    }

    /**
     * One retry on an I/O error: the JDK client sometimes reuses a pooled connection just as it closes
     * ("header parser received no bytes"); the hub retries such failures too.
     */
    private HttpResponse<String> post(HttpRequest req) throws Exception {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        }
    }

    private MimeMessage email(Claimed c, Row r, Contact contact, String address, String messageId) throws Exception {
        String text = ("Dear " + contact.name() + ",\n\nOur records show that installment of loan ****"
                + r.loanId().substring(Math.max(0, r.loanId().length() - 4)) + " due on " + r.due() + " is overdue. "
                + "The amount now due is " + r.amount() + " " + r.currency() + " (principal " + r.principal()
                + ", interest " + r.interest() + ", fees " + r.fees() + ").\n\n").repeat(c.step().equals("formal") ? 6 : 3)
                + "To stop e-mail reminders, reply or call 400-000-0000.\n";
        String html = "<html><body><p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace("\n\n", "</p><p>")
                + "</p></body></html>";
        MimeMessage m = new MimeMessage(mail) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress("reminders@lender.example", "BenchLoan", "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(address, contact.name(), "UTF-8"));
        m.setSubject(c.step().equals("formal") ? "Formal notice: overdue payment" : "Payment reminder", "UTF-8");
        m.setSentDate(new java.util.Date());
        m.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        m.setContent(new MimeMultipart("alternative", plain, rich));
        m.saveChanges();
        return m;
    }

    private void sendMail(MimeMessage m) throws Exception {
        Transport t = transport.get();
        if (t == null || !t.isConnected()) {
            t = mail.getTransport("smtp");
            t.connect();
            transport.set(t);
            transports.add(t);
        }
        t.sendMessage(m, m.getAllRecipients());
    }

    private Map<String, Contact> contacts(Connection core, List<String> borrowerIds) throws SQLException {
        List<String> ids = List.copyOf(new LinkedHashSet<>(borrowerIds));
        Map<String, Contact> found = new HashMap<>();
        try (PreparedStatement ps = core.prepareStatement(contactsSql.replace(":borrowerIds",
                String.join(",", Collections.nCopies(ids.size(), "?"))))) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString("borrower_id"), new Contact(rs.getString("name"), rs.getString("locale"),
                            rs.getString("phone"), rs.getString("email"), rs.getString("push_token"),
                            rs.getBoolean("sms_opt_out"), rs.getBoolean("email_opt_out"), rs.getBoolean("push_opt_out")));
                }
            }
        }
        return found;
    }

    private Map<String, Row> recheck(Connection core, List<String> installmentIds) throws SQLException {
        Map<String, Row> found = new HashMap<>();
        try (PreparedStatement ps = core.prepareStatement(recheckSql.replace(":installmentIds",
                String.join(",", Collections.nCopies(installmentIds.size(), "?"))))) {
            for (int i = 0; i < installmentIds.size(); i++) {
                ps.setString(i + 1, installmentIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = row(rs);
                    found.put(r.installmentId(), r);
                }
            }
        }
        return found;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("installment_id"), rs.getString("loan_id"), rs.getString("borrower_id"),
                rs.getDate("due_date").toLocalDate(), rs.getBigDecimal("amount_due"), rs.getBigDecimal("principal"),
                rs.getBigDecimal("interest"), rs.getBigDecimal("fees"), rs.getString("currency"));
    }

    void close() {
        for (Transport t : transports) {
            try {
                t.close();
            } catch (Exception e) {
                // the sink is going away too
            }
        }
    }
}
