package io.dunninghub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * Liveness and readiness on the embedded HTTP server. Live: the process answers. Ready: the ledger and the
 * core banking database are reachable and no scan is stuck; the providers' circuit states are reported alongside, since an open
 * circuit is a provider's trouble, not a reason to take the hub out of service.
 */
public final class HealthEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Readiness readiness;
    private final Supplier<Map<String, String>> circuits;

    /** @param circuits each provider's circuit state, by provider name */
    public HealthEndpoints(Readiness readiness, Supplier<Map<String, String>> circuits) {
        this.readiness = readiness;
        this.circuits = circuits;
    }

    public void live(Exchange exchange) throws JsonProcessingException {
        respond(exchange, 200, Map.of("status", "UP"));
    }

    public void ready(Exchange exchange) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, String> problems = readiness.problems();
        boolean ready = problems.isEmpty();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("down", problems);
        body.put("circuits", circuits.get());
        respond(exchange, ready ? 200 : 503, body);
    }

    private static void respond(Exchange exchange, int status, Map<String, ?> body) throws JsonProcessingException {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(body));
    }
}
