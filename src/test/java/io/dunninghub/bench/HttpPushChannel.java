package io.dunninghub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The benchmark's push channel: a channel route bean (the hub's documented way to add a channel without an
 * adapter) that posts an FCM HTTP v1 request ({@code {"message":{"token","notification","data"}}}) to the
 * sink and answers with {@code hub.result}. Used until a push provider adapter ships in the hub.
 */
public final class HttpPushChannel implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private URI endpoint;

    public void setUrl(String url) {
        this.endpoint = URI.create(url);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        OutboundMessage m = exchange.getMessage().getMandatoryBody(OutboundMessage.class);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode message = body.putObject("message");
        message.put("token", m.recipient());
        message.putObject("notification").put("title", m.subject()).put("body", m.text());
        message.putObject("data").put("notice_id", m.noticeId());
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer bench-token")
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        DeliveryResult result;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode answer = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            result = answer != null && answer.hasNonNull("name")
                    ? DeliveryResult.sent("bench-push", answer.get("name").asText())
                    : DeliveryResult.retry("bench-push", "HTTP_" + response.statusCode(), "push sink answered " + response.statusCode(), null);
        } catch (java.io.IOException e) {
            result = DeliveryResult.retry("bench-push", "CONNECTION_LOST", e.getClass().getSimpleName(), null);
        }
        exchange.getMessage().setHeader(ProviderRouter.RESULT_HEADER, result);
    }
}
