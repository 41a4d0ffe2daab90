package io.dunninghub.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP peer that answers at once, shaped like the real providers: Twilio's Messages API
 * ({@code 201} and a message resource with {@code sid}) and FCM HTTP v1 ({@code 200} and the message
 * {@code name}). It keeps connections alive and counts what it took, nothing more.
 */
final class HttpSink implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    final AtomicLong sms = new AtomicLong();
    final AtomicLong push = new AtomicLong();
    final AtomicLong other = new AtomicLong();

    HttpSink(int threadCount) throws IOException {
        // without it every response waits for the client's delayed ACK (~40 ms): headers and body are two writes
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "http-sink");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String path = ex.getRequestURI().getPath();
        int status;
        String body;
        if (path.endsWith("/Messages.json")) {
            long n = sms.incrementAndGet();
            String sid = "SM" + String.format("%032x", n);
            status = 201;
            body = "{\"account_sid\":\"AC0123456789abcdef0123456789abcdef\",\"api_version\":\"2010-04-01\","
                    + "\"direction\":\"outbound-api\",\"error_code\":null,\"error_message\":null,"
                    + "\"from\":\"+15005550006\",\"num_media\":\"0\",\"num_segments\":\"1\",\"price\":null,"
                    + "\"sid\":\"" + sid + "\",\"status\":\"queued\",\"uri\":\"/2010-04-01/Accounts/"
                    + "AC0123456789abcdef0123456789abcdef/Messages/" + sid + ".json\"}";
        } else if (path.endsWith("/messages:send")) {
            long n = push.incrementAndGet();
            status = 200;
            body = "{\"name\":\"projects/bench/messages/0:" + n + "\"}";
        } else {
            other.incrementAndGet();
            status = 404;
            body = "{}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
