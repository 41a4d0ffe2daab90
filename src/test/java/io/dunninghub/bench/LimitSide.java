package io.dunninghub.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The limit side, in its own JVM: the same work as the hub and the baseline, done as leanly as known, so the
 * report can show how close the hub is to what the machine can do. Planning writes a chunk's notices and their
 * PLANNED events with one statement. Dispatch has no batch barrier: one statement claims a batch
 * ({@code UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING}), one query re-checks its
 * installments with the borrowers' contacts joined, the worker threads send pre-encoded bytes over their own
 * kept-open sockets (a bare HTTP/1.1 client, a bare SMTP client), and a recorder writes finished notices in small
 * groups, one statement each with its SENT events, while at most {@code window} notices are claimed and not
 * recorded. No framework, no templates, no policy. Only first attempts: the sinks never fail. Arguments:
 * settings file, results file.
 */
public final class LimitSide {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String OWNER = "limit";
    private static final String PLAN = """
            WITH n AS (
                INSERT INTO notice (id, dedupe_key, installment_id, loan_id, borrower_id, ladder_id, step_id, step_cycle,
                    channel, audience, template, status, not_before, next_attempt_at, attempts, planned_at, updated_at)
                SELECT r.id, r.dedupe_key, r.installment_id, r.loan_id, r.borrower_id, 'bench', r.step_id, 0,
                    r.channel, 'borrower', r.template, 'PLANNED', ?, ?, 0, ?, ?
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::varchar[]) AS r(id, dedupe_key, installment_id, loan_id, borrower_id, step_id,
                    channel, template)
                ON CONFLICT DO NOTHING
                RETURNING id)
            INSERT INTO notice_event (notice_id, occurred_at, event_type, instance_id)
            SELECT id, ?, 'PLANNED', 'limit' FROM n""";
    private static final String CLAIM = """
            UPDATE notice SET status = 'CLAIMED', lease_owner = 'limit', lease_until = ?, updated_at = ?
            WHERE id IN (SELECT id FROM notice WHERE status = 'PLANNED' AND next_attempt_at <= ?
                         ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id, installment_id, borrower_id, step_id, channel""";
    private static final String RECHECK = """
            SELECT i.installment_id, i.loan_id, i.due_date,
                   i.principal_due + i.interest_due + i.fees_due - i.paid_amount AS amount_due,
                   i.principal_due AS principal, i.interest_due AS interest, i.fees_due AS fees, l.currency,
                   b.full_name, b.mobile, b.email, b.push_token, b.sms_opt_out, b.email_opt_out, b.push_opt_out
            FROM installment i JOIN loan l ON l.loan_id = i.loan_id JOIN borrower b ON b.borrower_id = l.borrower_id
            WHERE i.installment_id = ANY (?::varchar[])
              AND i.principal_due + i.interest_due + i.fees_due - i.paid_amount > 0""";
    private static final String RECORD = """
            WITH u AS (
                UPDATE notice n SET status = 'SENT', provider = r.provider, provider_message_id = r.message_id,
                    recipient_masked = r.masked, attempts = n.attempts + 1, lease_owner = NULL, lease_until = NULL,
                    updated_at = ?, sent_at = ?
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) AS r(id, provider, message_id, masked)
                WHERE n.id = r.id AND n.lease_owner = 'limit'
                RETURNING n.id, r.provider)
            INSERT INTO notice_event (notice_id, occurred_at, event_type, provider, instance_id)
            SELECT id, ?, 'SENT', provider, 'limit' FROM u""";
    private static final int RECORD_GROUP = 100;

    record Claimed(String id, String installmentId, String step, String channel) {
    }

    /** The re-check's answer for one installment, contacts joined. */
    record Current(String loanId, LocalDate due, BigDecimal amount, BigDecimal principal, BigDecimal interest,
                   BigDecimal fees, String currency, String name, String phone, String email, String token,
                   boolean smsOut, boolean emailOut, boolean pushOut) {
        String address(String channel) {
            return switch (channel) {
                case "sms" -> smsOut ? null : phone;
                case "email" -> emailOut ? null : email;
                case "push" -> pushOut ? null : token;
                default -> null;
            };
        }
    }

    record Work(Claimed notice, Current current) {
    }

    record Sent(String id, String provider, String messageId, String masked) {
    }

    private static final Sent POISON = new Sent(null, null, null, null);

    private final Properties settings;
    private final String scanSql;
    private final URI twilio;
    private final URI push;
    private final int smtpPort;
    private final int threads;
    private final int batch;
    private final int window;
    private final byte[] twilioHead;
    private final byte[] pushHead;

    LimitSide(Properties settings) {
        this.settings = settings;
        this.scanSql = settings.getProperty("hub.scan.sql").replace(":dueBy", "?");
        String base = settings.getProperty("bench.sink.http");
        this.twilio = URI.create(base + "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json");
        this.push = URI.create(base + "/v1/projects/bench/messages:send");
        this.smtpPort = Integer.parseInt(settings.getProperty("bench.sink.smtp-port"));
        this.threads = Integer.parseInt(settings.getProperty("hub.dispatch.threads"));
        this.batch = Integer.parseInt(settings.getProperty("hub.dispatch.batch-size"));
        this.window = Integer.parseInt(settings.getProperty("hub.dispatch.window", String.valueOf(2 * batch)));
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                "AC0123456789abcdef0123456789abcdef:bench-token".getBytes(StandardCharsets.UTF_8));
        this.twilioHead = ("POST " + twilio.getRawPath() + " HTTP/1.1\r\nHost: " + twilio.getAuthority()
                + "\r\nAuthorization: " + auth + "\r\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8"
                + "\r\nAccept: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        this.pushHead = ("POST " + push.getRawPath() + " HTTP/1.1\r\nHost: " + push.getAuthority()
                + "\r\nAuthorization: Bearer bench-token\r\nContent-Type: application/json; charset=UTF-8"
                + "\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        Properties settings = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            settings.load(r);
        }
        BenchMetrics metrics = new BenchMetrics();
        LimitSide side = new LimitSide(settings);
        io.dunninghub.ledger.LedgerSchema.migrate(BaselineSide.dataSource(settings.getProperty("hub.ledger.url")));
        metrics.phase("startup");
        long[] plan = side.plan(Instant.now());
        metrics.phaseAndRetained("plan");
        metrics.put("dispatch.start-epoch-ms", System.currentTimeMillis());
        long sent = side.dispatch();
        metrics.phaseAndRetained("dispatch");
        metrics.put("scanned", plan[0]);
        metrics.put("planned", plan[1]);
        metrics.put("handled", sent);
        metrics.put("sent", sent);
        metrics.phase("shutdown");
        metrics.finish(Path.of(args[1]));
        System.exit(0);
    }

    private Connection connect(String key) throws SQLException {
        return DriverManager.getConnection(settings.getProperty(key), "postgres", "");
    }

    /** Scan streamed, step and channels by days past due, contacts per chunk, one statement per chunk. */
    long[] plan(Instant now) throws SQLException {
        int chunkSize = Integer.parseInt(settings.getProperty("hub.scan.chunk-size"));
        LocalDate asOf = LocalDate.ofInstant(now, ZONE);
        OffsetDateTime ts = now.atOffset(ZoneOffset.UTC);
        long rows = 0;
        long planned = 0;
        try (Connection scan = connect("hub.core.url"); Connection core = connect("hub.core.url");
             Connection ledger = connect("hub.ledger.url")) {
            scan.setAutoCommit(false);
            try (PreparedStatement ps = scan.prepareStatement(scanSql)) {
                ps.setFetchSize(Integer.parseInt(settings.getProperty("hub.scan.fetch-size")));
                ps.setDate(1, Date.valueOf(asOf.minusDays(1)));
                try (ResultSet rs = ps.executeQuery()) {
                    List<String[]> chunk = new ArrayList<>(chunkSize);
                    while (rs.next()) {
                        rows++;
                        chunk.add(new String[] {rs.getString("installment_id"), rs.getString("loan_id"),
                                rs.getString("borrower_id"), rs.getDate("due_date").toLocalDate().toString()});
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

    private int planChunk(List<String[]> chunk, LocalDate asOf, OffsetDateTime ts, Connection core, Connection ledger)
            throws SQLException {
        Map<String, boolean[]> reachable = new HashMap<>(); // borrower -> sms, email, push usable
        try (PreparedStatement ps = core.prepareStatement("SELECT borrower_id, mobile IS NOT NULL AND NOT sms_opt_out, "
                + "email IS NOT NULL AND NOT email_opt_out, push_token IS NOT NULL AND NOT push_opt_out "
                + "FROM borrower WHERE borrower_id = ANY (?::varchar[])")) {
            ps.setArray(1, core.createArrayOf("varchar", chunk.stream().map(r -> r[2]).distinct().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reachable.put(rs.getString(1), new boolean[] {rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)});
                }
            }
        }
        List<String[]> notices = new ArrayList<>();
        for (String[] r : chunk) {
            long dpd = ChronoUnit.DAYS.between(LocalDate.parse(r[3]), asOf);
            String step = dpd <= 0 ? null : dpd <= 3 ? "early" : dpd <= 29 ? "formal" : "late";
            boolean[] can = reachable.get(r[2]);
            if (step == null || can == null) {
                continue;
            }
            String template = step.equals("early") ? "overdue_early" : "overdue_formal";
            List<String> channels = switch (step) {
                case "early" -> List.of("sms", "push", "email");
                case "formal" -> List.of("email", "sms");
                default -> List.of("sms");
            };
            for (String channel : channels) {
                if (!can[channel.equals("sms") ? 0 : channel.equals("email") ? 1 : 2]) {
                    continue;
                }
                String key = r[0] + ":" + step + ":" + channel + ":borrower:0";
                String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
                notices.add(new String[] {id, key, r[0], r[1], r[2], step, channel, template});
            }
        }
        try (PreparedStatement ps = ledger.prepareStatement(PLAN)) {
            for (int i = 1; i <= 4; i++) {
                ps.setObject(i, ts);
            }
            for (int col = 0; col < 8; col++) {
                String[] values = new String[notices.size()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = notices.get(k)[col];
                }
                ps.setArray(5 + col, ledger.createArrayOf("varchar", values));
            }
            ps.setObject(13, ts);
            return ps.executeUpdate();
        }
    }

    /**
     * The claimer claims and re-checks a batch whenever the window has room for one; the workers send; the recorder
     * writes what finished. The window's permits are taken at claim and given back at record.
     */
    long dispatch() throws Exception {
        Semaphore room = new Semaphore(window);
        BlockingQueue<Work> toSend = new LinkedBlockingQueue<>();
        BlockingQueue<Sent> done = new ArrayBlockingQueue<>(window + threads + 1);
        AtomicLong recorded = new AtomicLong();
        Exception[] failure = new Exception[1];
        Thread recorder = new Thread(() -> {
            try (Connection ledger = connect("hub.ledger.url"); PreparedStatement ps = ledger.prepareStatement(RECORD)) {
                List<Sent> group = new ArrayList<>(RECORD_GROUP);
                while (true) {
                    Sent first = done.take();
                    if (first == POISON) {
                        return;
                    }
                    group.add(first);
                    done.drainTo(group, RECORD_GROUP - 1);
                    boolean last = group.remove(POISON);
                    OffsetDateTime ts = Instant.now().atOffset(ZoneOffset.UTC);
                    ps.setObject(1, ts);
                    ps.setObject(2, ts);
                    ps.setArray(3, array(ledger, group, Sent::id));
                    ps.setArray(4, array(ledger, group, Sent::provider));
                    ps.setArray(5, array(ledger, group, Sent::messageId));
                    ps.setArray(6, array(ledger, group, Sent::masked));
                    ps.setObject(7, ts);
                    ps.executeUpdate();
                    recorded.addAndGet(group.size());
                    room.release(group.size());
                    group.clear();
                    if (last) {
                        return;
                    }
                }
            } catch (Exception e) {
                failure[0] = e;
                room.release(window);
            }
        }, "limit-recorder");
        recorder.start();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                Peer peer = new Peer();
                try {
                    while (true) {
                        Work work = toSend.take();
                        if (work.notice() == null) {
                            return;
                        }
                        done.put(peer.send(work.notice(), work.current()));
                    }
                } catch (Exception e) {
                    failure[0] = e;
                } finally {
                    peer.close();
                }
            }, "limit-worker-" + t);
            w.start();
            workers.add(w);
        }
        long claimed = 0;
        try (Connection core = connect("hub.core.url"); Connection ledger = connect("hub.ledger.url");
             PreparedStatement claim = ledger.prepareStatement(CLAIM); PreparedStatement recheck = core.prepareStatement(RECHECK)) {
            while (failure[0] == null) {
                room.acquire(batch);
                Instant now = Instant.now();
                claim.setObject(1, now.plusSeconds(300).atOffset(ZoneOffset.UTC));
                claim.setObject(2, now.atOffset(ZoneOffset.UTC));
                claim.setObject(3, now.atOffset(ZoneOffset.UTC));
                claim.setInt(4, batch);
                List<Claimed> got = new ArrayList<>(batch);
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        got.add(new Claimed(rs.getString(1), rs.getString(2), rs.getString(4), rs.getString(5)));
                    }
                }
                room.release(batch - got.size());
                if (got.isEmpty()) {
                    break;
                }
                claimed += got.size();
                Map<String, Current> current = new HashMap<>();
                recheck.setArray(1, core.createArrayOf("varchar", got.stream().map(Claimed::installmentId).distinct().toArray()));
                try (ResultSet rs = recheck.executeQuery()) {
                    while (rs.next()) {
                        current.put(rs.getString(1), new Current(rs.getString(2), rs.getDate(3).toLocalDate(),
                                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                                rs.getBoolean(13), rs.getBoolean(14), rs.getBoolean(15)));
                    }
                }
                for (Claimed c : got) {
                    if (current.get(c.installmentId()) == null) {
                        throw new IllegalStateException("installment " + c.installmentId() + " paid: the bench never pays");
                    }
                    toSend.put(new Work(c, current.get(c.installmentId())));
                }
            }
        } finally {
            for (int t = 0; t < threads; t++) {
                toSend.put(new Work(null, null));
            }
            for (Thread w : workers) {
                w.join();
            }
            done.put(POISON);
            recorder.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return recorded.get();
    }

    private static Array array(Connection c, List<Sent> group, java.util.function.Function<Sent, String> column)
            throws SQLException {
        String[] values = new String[group.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = column.apply(group.get(k));
        }
        return c.createArrayOf("varchar", values);
    }

    /** One worker's kept-open connections to the HTTP and SMTP sinks, written to as whole pre-encoded requests. */
    private final class Peer {
        private Socket httpSocket;
        private InputStream httpIn;
        private OutputStream httpOut;
        private Socket smtpSocket;
        private InputStream smtpIn;
        private OutputStream smtpOut;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);

        Sent send(Claimed c, Current r) throws IOException {
            String address = r.address(c.channel());
            String masked = address.substring(0, Math.min(3, address.length())) + "****";
            String due = r.due().toString();
            return switch (c.channel()) {
                case "sms" -> {
                    String body = "Bench Consumer Finance Co., Ltd.: Hi " + r.name() + ", a friendly reminder that your loan "
                            + "payment due " + due + " has not reached us yet. You can pay in the BenchLoan app. Already paid? "
                            + "Please ignore this. Questions: 400-000-0000. Reply STOP to opt out.";
                    String form = "To=" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&From=%2B15005550006&Body="
                            + URLEncoder.encode(body, StandardCharsets.UTF_8);
                    String answer = post(twilioHead, form.getBytes(StandardCharsets.UTF_8));
                    yield new Sent(c.id(), "twilio-bench", field(answer, "\"sid\":\""), masked);
                }
                case "push" -> {
                    String json = "{\"message\":{\"token\":\"" + address + "\",\"notification\":{\"title\":\"Payment reminder\","
                            + "\"body\":\"Your payment due " + due + " has not reached us yet. Tap to pay in BenchLoan. "
                            + "Already paid? Please ignore this.\"},\"data\":{\"notice_id\":\"" + c.id() + "\"}}}";
                    String answer = post(pushHead, json.getBytes(StandardCharsets.UTF_8));
                    yield new Sent(c.id(), "bench-push", field(answer, "\"name\":\""), masked);
                }
                default -> {
                    String messageId = "<" + c.id() + "@dunning-hub.local>";
                    mail(address, email(c, r, address, messageId));
                    yield new Sent(c.id(), "smtp-bench", messageId, masked);
                }
            };
        }

        private String post(byte[] head, byte[] body) throws IOException {
            for (int attempt = 0; ; attempt++) {
                try {
                    if (httpSocket == null) {
                        httpSocket = new Socket(twilio.getHost(), twilio.getPort());
                        httpSocket.setTcpNoDelay(true);
                        httpIn = new BufferedInputStream(httpSocket.getInputStream(), 8192);
                        httpOut = httpSocket.getOutputStream();
                    }
                    buffer.reset();
                    buffer.write(head);
                    buffer.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    buffer.write(body);
                    buffer.writeTo(httpOut);
                    httpOut.flush();
                    return readResponse();
                } catch (IOException e) {
                    closeHttp();
                    if (attempt > 0) {
                        throw e;
                    }
                }
            }
        }

        private String readResponse() throws IOException {
            String status = line(httpIn);
            if (status == null || !status.startsWith("HTTP/1.1 2")) {
                throw new IOException("answer " + status);
            }
            int length = 0;
            String h;
            while ((h = line(httpIn)) != null && !h.isEmpty()) {
                if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            byte[] body = httpIn.readNBytes(length);
            return new String(body, StandardCharsets.UTF_8);
        }

        private void mail(String to, byte[] message) throws IOException {
            if (smtpSocket == null) {
                smtpSocket = new Socket("127.0.0.1", smtpPort);
                smtpSocket.setTcpNoDelay(true);
                smtpIn = new BufferedInputStream(smtpSocket.getInputStream(), 4096);
                smtpOut = smtpSocket.getOutputStream();
                reply(); // greeting
                smtpOut.write("EHLO limit\r\n".getBytes(StandardCharsets.US_ASCII));
                smtpOut.flush();
                reply();
            }
            smtpOut.write(("MAIL FROM:<reminders@lender.example>\r\nRCPT TO:<" + to + ">\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            smtpOut.flush();
            reply();
            reply();
            reply();
            smtpOut.write(message);
            smtpOut.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            smtpOut.flush();
            reply();
        }

        private void reply() throws IOException {
            String l;
            do {
                l = line(smtpIn);
                if (l == null || l.length() < 4 || (l.charAt(0) != '2' && l.charAt(0) != '3')) {
                    throw new IOException("SMTP answer " + l);
                }
            } while (l.charAt(3) == '-');
        }

        void close() {
            closeHttp();
            try {
                if (smtpSocket != null) {
                    smtpSocket.close();
                }
            } catch (IOException e) {
                // going away
            }
        }

        private void closeHttp() {
            try {
                if (httpSocket != null) {
                    httpSocket.close();
                }
            } catch (IOException e) {
                // reopened on the next request
            }
            httpSocket = null;
        }
    }

    /** The e-mail as the baseline builds it (text and HTML alternatives, UTF-8), encoded straight to bytes. */
    private static byte[] email(Claimed c, Current r, String address, String messageId) {
        String text = ("Dear " + r.name() + ",\n\nOur records show that installment of loan ****"
                + r.loanId().substring(Math.max(0, r.loanId().length() - 4)) + " due on " + r.due() + " is overdue. "
                + "The amount now due is " + r.amount() + " " + r.currency() + " (principal " + r.principal()
                + ", interest " + r.interest() + ", fees " + r.fees() + ").\n\n").repeat(c.step().equals("formal") ? 6 : 3)
                + "To stop e-mail reminders, reply or call 400-000-0000.\n";
        String html = "<html><body><p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace("\n\n", "</p><p>")
                + "</p></body></html>";
        String boundary = "=_" + c.id();
        Base64.Encoder b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII));
        String subject = c.step().equals("formal") ? "Formal notice: overdue payment" : "Payment reminder";
        String m = "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(ZoneOffset.UTC))
                + "\r\nFrom: =?UTF-8?B?" + b64(("BenchLoan")) + "?= <reminders@lender.example>"
                + "\r\nTo: =?UTF-8?B?" + b64(r.name()) + "?= <" + address + ">"
                + "\r\nMessage-ID: " + messageId
                + "\r\nSubject: =?UTF-8?B?" + b64(subject) + "?="
                + "\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0"
                + "\r\nContent-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64.encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--" + boundary + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64.encodeToString(html.getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--" + boundary + "--\r\n";
        return m.getBytes(StandardCharsets.US_ASCII);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String json, String prefix) {
        int at = json.indexOf(prefix);
        if (at < 0) {
            return null;
        }
        int from = at + prefix.length();
        return json.substring(from, json.indexOf('"', from));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
