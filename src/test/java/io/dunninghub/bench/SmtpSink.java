package io.dunninghub.bench;

import io.dunninghub.support.LoopbackHttpServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal loopback SMTP server (RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) that
 * accepts every message and keeps only counts. GreenMail keeps every message in memory and parses it,
 * which at a million messages measures GreenMail rather than the sender.
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    final AtomicLong messages = new AtomicLong();
    /** When the last message was taken (epoch ms). */
    final AtomicLong lastMillis = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> session(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
             OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            reply(out, "220 bench-sink ESMTP\r\n");
            String line;
            while ((line = LoopbackHttpServer.readLine(in)) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (cmd) {
                    case "EHLO" -> reply(out, "250-bench-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK\r\n");
                    case "DATA" -> {
                        reply(out, "354 go ahead\r\n");
                        String data;
                        long size = 0;
                        while ((data = LoopbackHttpServer.readLine(in)) != null && !data.equals(".")) {
                            size += data.length() + 2;
                        }
                        bytes.addAndGet(size);
                        messages.incrementAndGet();
                        lastMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
                        reply(out, "250 OK queued\r\n");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye\r\n");
                        return;
                    }
                    default -> reply(out, "502 not implemented\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
