package io.dunninghub.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 peer that answers at once, shaped like the real providers: Twilio's Messages API
 * ({@code 201} and a message resource with {@code sid}) and FCM HTTP v1 ({@code 200} and the message
 * {@code name}). Keep-alive, one thread per connection, and nothing but counting: the JDK's HttpServer
 * took a third of the machine's CPU at these rates, which the measured side then lacked.
 */
final class HttpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "http-sink");
        t.setDaemon(true);
        return t;
    });
    final AtomicLong sms = new AtomicLong();
    final AtomicLong push = new AtomicLong();
    final AtomicLong other = new AtomicLong();

    HttpSink() throws IOException {
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
        }, "http-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
             OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            String requestLine;
            while ((requestLine = SmtpSink.readLine(in)) != null) {
                if (requestLine.isEmpty()) {
                    continue;
                }
                long length = 0;
                boolean close = false;
                String header;
                while ((header = SmtpSink.readLine(in)) != null && !header.isEmpty()) {
                    String h = header.toLowerCase(Locale.ROOT);
                    if (h.startsWith("content-length:")) {
                        length = Long.parseLong(h.substring(15).strip());
                    } else if (h.startsWith("connection:") && h.contains("close")) {
                        close = true;
                    }
                }
                in.skipNBytes(length);
                out.write(answer(requestLine.split(" ")[1]));
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    private byte[] answer(String path) {
        String status;
        String body;
        if (path.endsWith("/Messages.json")) {
            String sid = "SM" + String.format("%032x", sms.incrementAndGet());
            status = "201 Created";
            body = "{\"account_sid\":\"AC0123456789abcdef0123456789abcdef\",\"api_version\":\"2010-04-01\","
                    + "\"direction\":\"outbound-api\",\"error_code\":null,\"error_message\":null,"
                    + "\"from\":\"+15005550006\",\"num_media\":\"0\",\"num_segments\":\"1\",\"price\":null,"
                    + "\"sid\":\"" + sid + "\",\"status\":\"queued\",\"uri\":\"/2010-04-01/Accounts/"
                    + "AC0123456789abcdef0123456789abcdef/Messages/" + sid + ".json\"}";
        } else if (path.endsWith("/messages:send")) {
            status = "200 OK";
            body = "{\"name\":\"projects/bench/messages/0:" + push.incrementAndGet() + "\"}";
        } else {
            other.incrementAndGet();
            status = "404 Not Found";
            body = "{}";
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
