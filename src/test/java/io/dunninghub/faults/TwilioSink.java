package io.dunninghub.faults;

import io.dunninghub.support.LoopbackHttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback peer answering like Twilio's Messages API ({@code 201} and a message resource with a fresh
 * {@code SM…} sid) fast enough for tens of thousands of messages: keep-alive HTTP/1.1, one thread per
 * connection, no request journal. It counts messages by recipient ({@code To}) and keeps each arrival time
 * per account, so two providers (two Twilio accounts) can share it.
 */
final class TwilioSink implements AutoCloseable {

    private final LoopbackHttpServer server;
    private final AtomicLong sids = new AtomicLong();
    /** Messages per recipient. */
    final Map<String, AtomicInteger> byRecipient = new ConcurrentHashMap<>();
    /** Arrival of every message per Twilio account (the path's account SID), epoch milliseconds. */
    final Map<String, ConcurrentLinkedQueue<Long>> arrivals = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    TwilioSink() throws IOException {
        server = new LoopbackHttpServer("twilio-sink", this::answer);
    }

    String baseUrl() {
        return server.baseUrl();
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

    private LoopbackHttpServer.Response answer(LoopbackHttpServer.Request r) {
        String to = formField(r.body(), "To");
        if (!r.method().equals("POST") || !r.path().endsWith("/Messages.json") || to == null) {
            return new LoopbackHttpServer.Response(400,
                    "{\"code\":21604,\"message\":\"A 'To' phone number is required.\",\"status\":400}");
        }
        requests.incrementAndGet();
        arrivals.computeIfAbsent(account(r.path()), k -> new ConcurrentLinkedQueue<>()).add(r.arrivedMillis());
        byRecipient.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
        return new LoopbackHttpServer.Response(201, message(to));
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

    /** {@code /2010-04-01/Accounts/AC…/Messages.json} → {@code AC…}. */
    private static String account(String path) {
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

    @Override
    public void close() throws IOException {
        server.close();
    }
}
