package io.dunninghub.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback peer answering like Twilio's Messages API ({@code 201} and a message resource with a fresh
 * {@code SM…} sid) fast enough for tens of thousands of messages: keep-alive HTTP/1.1, one thread per
 * connection, no request journal. It counts messages by recipient ({@code To}) and keeps each arrival time
 * per account, so two providers (two Twilio accounts) can share it.
 */
final class TwilioSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "twilio-sink");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sids = new AtomicLong();
    /** Messages per recipient. */
    final Map<String, AtomicInteger> byRecipient = new ConcurrentHashMap<>();
    /** Arrival of every message per Twilio account (the path's account SID), epoch milliseconds. */
    final Map<String, ConcurrentLinkedQueue<Long>> arrivals = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    TwilioSink() throws IOException {
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    threads.execute(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }, "twilio-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Recipients that got more than one message. */
    List<String> repeated() {
        List<String> out = new ArrayList<>();
        byRecipient.forEach((to, n) -> {
            if (n.get() > 1) {
                out.add(to);
            }
        });
        return out;
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
             OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            String requestLine;
            while ((requestLine = readLine(in)) != null) {
                if (requestLine.isEmpty()) {
                    continue;
                }
                long arrived = System.currentTimeMillis();
                int length = 0;
                boolean close = false;
                String header;
                while ((header = readLine(in)) != null && !header.isEmpty()) {
                    String h = header.toLowerCase(Locale.ROOT);
                    if (h.startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).strip());
                    } else if (h.startsWith("connection:") && h.contains("close")) {
                        close = true;
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                String to = formField(body, "To");
                int status;
                String answer;
                if (!requestLine.startsWith("POST ") || !requestLine.contains("/Messages.json") || to == null) {
                    status = 400;
                    answer = "{\"code\":21604,\"message\":\"A 'To' phone number is required.\",\"status\":400}";
                } else {
                    requests.incrementAndGet();
                    arrivals.computeIfAbsent(account(requestLine), k -> new ConcurrentLinkedQueue<>()).add(arrived);
                    byRecipient.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
                    status = 201;
                    answer = message(to);
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + status + (status == 201 ? " Created" : " Bad Request")
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // the hub closed the connection (or was killed)
        }
    }

    private String message(String to) {
        String sid = "SM%032x".formatted(sids.incrementAndGet());
        return """
                {"account_sid":"AC0123456789abcdef0123456789abcdef","api_version":"2010-04-01","body":"…",\
                "date_created":"Mon, 23 Nov 2026 02:00:00 +0000","date_sent":null,\
                "date_updated":"Mon, 23 Nov 2026 02:00:00 +0000","direction":"outbound-api","error_code":null,\
                "error_message":null,"from":"+15005550006","messaging_service_sid":null,"num_media":"0",\
                "num_segments":"1","price":null,"price_unit":"USD","sid":"%s","status":"queued",\
                "to":"%s","uri":"/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/%s.json"}"""
                .formatted(sid, to, sid);
    }

    /** {@code POST /2010-04-01/Accounts/AC…/Messages.json HTTP/1.1} → {@code AC…}. */
    private static String account(String requestLine) {
        String path = requestLine.split(" ")[1];
        int at = path.indexOf("/Accounts/") + "/Accounts/".length();
        return path.substring(at, path.indexOf('/', at));
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
