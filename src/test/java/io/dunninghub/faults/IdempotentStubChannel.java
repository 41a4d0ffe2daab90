package io.dunninghub.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderRouter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A channel route's processor for a JSON message API that honours an {@code Idempotency-Key} header, the shape
 * of Lob's and of generic webhook providers: the notice id is the key, so the provider creates a message once
 * however often the hub asks. Used by the crash test's daemon through a YAML route (an integrator's channel).
 */
public final class IdempotentStubChannel implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private String url;

    public void setUrl(String url) {
        this.url = url;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        OutboundMessage m = exchange.getMessage().getMandatoryBody(OutboundMessage.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", m.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("to", m.recipient(), "body", m.text())),
                        StandardCharsets.UTF_8))
                .build();
        DeliveryResult result;
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                JsonNode body = JSON.readTree(r.body());
                result = DeliveryResult.sent("stub-provider", body.path("id").asText());
            } else {
                result = DeliveryResult.retry("stub-provider", "HTTP_" + r.statusCode(), null, null);
            }
        } catch (HttpTimeoutException e) {
            result = DeliveryResult.retry("stub-provider", "TIMEOUT", "no answer", null);
        } catch (IOException e) {
            result = DeliveryResult.retry("stub-provider", "CONNECTION_LOST", e.getClass().getSimpleName(), null);
        }
        exchange.getMessage().setHeader(ProviderRouter.RESULT_HEADER, result);
    }
}
