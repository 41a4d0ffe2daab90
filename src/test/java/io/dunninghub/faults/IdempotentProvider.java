package io.dunninghub.faults;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * WireMock as a provider that honours idempotency keys the way Lob does: the first request with a key creates
 * a message, a repeat returns that same message. Counts what it saw and can act on the n-th request (the crash
 * test kills the hub there, while the request is in flight).
 */
final class IdempotentProvider implements ResponseTransformerV2 {

    final Map<String, String> messageByKey = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger replays = new AtomicInteger();
    volatile IntConsumer onRequest = n -> { };

    @Override
    public String getName() {
        return "idempotent-provider";
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        String key = serveEvent.getRequest().getHeader("Idempotency-Key");
        if (key == null || key.isBlank()) {
            return Response.Builder.like(response).but().status(422)
                    .body("{\"error\":{\"message\":\"Idempotency-Key required\",\"status_code\":422}}").build();
        }
        int n = requests.incrementAndGet();
        onRequest.accept(n);
        boolean[] created = {false};
        String id = messageByKey.computeIfAbsent(key, k -> {
            created[0] = true;
            return "msg_" + n;
        });
        if (!created[0]) {
            replays.incrementAndGet();
        }
        return Response.Builder.like(response).but().status(200)
                .body("{\"id\":\"" + id + "\",\"idempotency_key\":\"" + key + "\",\"replayed\":" + !created[0] + "}").build();
    }
}
