package io.dunninghub.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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

/**
 * A minimal keep-alive HTTP/1.1 server on loopback for peers that must take tens of thousands of requests a
 * second: one thread per connection, no request journal, the answer computed by a handler. WireMock and the
 * JDK's HttpServer cost the measured side a large share of a 2-core machine's CPU at these rates.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** One request: {@code POST}, {@code /2010-04-01/Accounts/AC…/Messages.json}, the body as UTF-8. */
    public record Request(String method, String path, String body, long arrivedMillis) {
    }

    /** The answer: a status code and a JSON body. */
    public record Response(int status, String json) {
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    private final ServerSocket server;
    private final Handler handler;
    private final ExecutorService threads;

    public LoopbackHttpServer(String name, Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    threads.execute(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
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
                String[] parts = requestLine.split(" ");
                Response r = handler.handle(new Request(parts[0], parts.length > 1 ? parts[1] : "/", body, arrived));
                byte[] bytes = r.json().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + r.status() + " " + reason(r.status())
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client closed the connection (or was killed)
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            default -> "Status";
        };
    }

    /**
     * One line of a line-based protocol (HTTP head, SMTP), without its CRLF (or bare LF); bytes as ISO-8859-1,
     * so a line's length is its byte count. Null at the end of the stream.
     */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = line.size();
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, n > 0 && bytes[n - 1] == '\r' ? n - 1 : n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
