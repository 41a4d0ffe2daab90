package io.dunninghub.support;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** An SMTP server that accepts the envelope and answers the end of DATA with the given reply. */
public final class ScriptedSmtpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final Thread loop;

    public ScriptedSmtpRelay(String endOfDataReply) throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        loop = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                            s.getInputStream(), StandardCharsets.US_ASCII));
                    java.io.Writer out = new java.io.OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
                    out.write("220 relay.example ESMTP\r\n");
                    out.flush();
                    boolean data = false;
                    for (String line; (line = in.readLine()) != null; ) {
                        if (data) {
                            if (line.equals(".")) {
                                data = false;
                                out.write(endOfDataReply + "\r\n");
                                out.flush();
                            }
                            continue;
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
        }, "scripted-relay");
        loop.setDaemon(true);
        loop.start();
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
