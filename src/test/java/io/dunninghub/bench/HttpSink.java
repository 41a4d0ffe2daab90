package io.dunninghub.bench;

import io.dunninghub.support.LoopbackHttpServer;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 peer that answers at once, shaped like the real providers: Twilio's Messages API
 * ({@code 201} and a message resource with {@code sid}) and FCM HTTP v1 ({@code 200} and the message
 * {@code name}). Nothing but counting, on the shared {@link LoopbackHttpServer}: the JDK's HttpServer took a
 * third of the machine's CPU at these rates, which the measured side then lacked.
 */
final class HttpSink implements AutoCloseable {

    private final LoopbackHttpServer server;
    final AtomicLong sms = new AtomicLong();
    final AtomicLong push = new AtomicLong();
    final AtomicLong other = new AtomicLong();
    final AtomicLong slowAnswered = new AtomicLong();
    /** When the last answer that was not held back went out (epoch ms). */
    final AtomicLong lastFastMillis = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private volatile long slowEvery;
    private volatile long slowMs;

    HttpSink() throws IOException {
        server = new LoopbackHttpServer("http-sink", this::answer);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /**
     * From now on every {@code 1/fraction}-th request (Twilio or FCM) is answered after {@code ms} (a provider's
     * tail); 0 for all at once.
     */
    void slow(double fraction, long ms) {
        slowEvery = fraction <= 0 ? 0 : Math.max(1, Math.round(1 / fraction));
        slowMs = ms;
        requests.set(0);
    }

    private LoopbackHttpServer.Response answer(LoopbackHttpServer.Request request) {
        long every = slowEvery;
        if (every > 0 && requests.incrementAndGet() % every == 0) {
            try {
                Thread.sleep(slowMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowAnswered.incrementAndGet();
            return respond(request);
        }
        LoopbackHttpServer.Response r = respond(request);
        lastFastMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
        return r;
    }

    private LoopbackHttpServer.Response respond(LoopbackHttpServer.Request request) {
        String path = request.path();
        int status;
        String body;
        if (path.endsWith("/Messages.json")) {
            String sid = "SM" + String.format("%032x", sms.incrementAndGet());
            status = 201;
            body = "{\"account_sid\":\"AC0123456789abcdef0123456789abcdef\",\"api_version\":\"2010-04-01\","
                    + "\"direction\":\"outbound-api\",\"error_code\":null,\"error_message\":null,"
                    + "\"from\":\"+15005550006\",\"num_media\":\"0\",\"num_segments\":\"1\",\"price\":null,"
                    + "\"sid\":\"" + sid + "\",\"status\":\"queued\",\"uri\":\"/2010-04-01/Accounts/"
                    + "AC0123456789abcdef0123456789abcdef/Messages/" + sid + ".json\"}";
        } else if (path.endsWith("/messages:send")) {
            status = 200;
            body = "{\"name\":\"projects/bench/messages/0:" + push.incrementAndGet() + "\"}";
        } else {
            other.incrementAndGet();
            status = 404;
            body = "{}";
        }
        return new LoopbackHttpServer.Response(status, body);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
