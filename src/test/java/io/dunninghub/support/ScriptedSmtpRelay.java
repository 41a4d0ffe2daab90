package io.dunninghub.support;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An SMTP server that accepts the envelope and answers the end of DATA with the given reply, or with a reply chosen
 * by the message's recipient; the messages it answered 250 are kept as sent.
 */
public final class ScriptedSmtpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final Thread loop;
    private final java.util.List<String> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ScriptedSmtpRelay(String endOfDataReply) throws Exception {
        this(recipient -> endOfDataReply);
    }

    /** @param replyTo the end-of-DATA reply for a message to this recipient (the address in RCPT TO, without brackets) */
    public ScriptedSmtpRelay(java.util.function.Function<String, String> replyTo) throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        loop = new Thread(() -> {
            while (!server.isClosed()) {
                Socket accepted;
                try {
                    accepted = server.accept();
                } catch (Exception e) {
                    return; // closed
                }
                // one thread per connection: a client that keeps a connection open does not hold up the next
                Thread session = new Thread(() -> converse(accepted, replyTo), "scripted-relay-session");
                session.setDaemon(true);
                session.start();
            }
        }, "scripted-relay");
        loop.setDaemon(true);
        loop.start();
    }

    private void converse(Socket socket, java.util.function.Function<String, String> replyTo) {
        try (Socket s = socket) {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    s.getInputStream(), StandardCharsets.US_ASCII));
            java.io.Writer out = new java.io.OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
            out.write("220 relay.example ESMTP\r\n");
            out.flush();
            boolean data = false;
            String recipient = "";
            StringBuilder message = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        String reply = replyTo.apply(recipient);
                        if (reply.startsWith("250")) {
                            accepted.add(message.toString());
                        }
                        message.setLength(0);
                        out.write(reply + "\r\n");
                        out.flush();
                    } else {
                        message.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    continue;
                }
                if (line.toUpperCase(java.util.Locale.ROOT).startsWith("RCPT TO:")) {
                    recipient = line.substring(8).strip().replaceAll("^<|>.*$", "");
                }
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> out.write("250-relay.example\r\n250 8BITMIME\r\n");
                    case "DATA" -> {
                        data = true;
                        out.write("354 go ahead\r\n");
                    }
                    case "QUIT" -> {
                        out.write("221 bye\r\n");
                        out.flush();
                        return;
                    }
                    default -> out.write("250 OK\r\n");
                }
                out.flush();
            }
        } catch (Exception e) {
            // closed
        }
    }

    /** The raw messages answered 250, in the order they came. */
    public java.util.List<String> accepted() {
        return java.util.List.copyOf(accepted);
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.close();
        loop.join(2000);
    }
}
