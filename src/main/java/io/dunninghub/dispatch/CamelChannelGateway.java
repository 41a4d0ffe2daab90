package io.dunninghub.dispatch;

import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sends a notice through the route {@code direct:channel.<name>} and reads its {@code hub.result}. */
public final class CamelChannelGateway implements ChannelGateway {

    public static final String RESULT_HEADER = "hub.result";

    private final ProducerTemplate template;
    // resolved once per channel: looking the URI up on every send showed in the dispatch profile
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    public CamelChannelGateway(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        Endpoint endpoint = endpoints.computeIfAbsent(message.channel(),
                c -> template.getCamelContext().getEndpoint("direct:channel." + c));
        Exchange done = template.send(endpoint, ex -> {
            ex.getIn().setBody(message);
            ex.getIn().setHeader("hub.noticeId", message.noticeId());
            ex.getIn().setHeader("hub.channel", message.channel());
        });
        if (done.getException() != null) {
            // No route for the channel, or a route that broke: keep the notice and retry rather than lose it.
            Throwable e = done.getException();
            String reason = e.getClass().getSimpleName().contains("DirectConsumerNotAvailable") ? "NO_ROUTE" : "ROUTE_ERROR";
            return DeliveryResult.retry("route:channel." + message.channel(), reason, e.getClass().getSimpleName(), null);
        }
        Object result = done.getMessage().getHeader(RESULT_HEADER);
        if (result instanceof DeliveryResult r) {
            return r;
        }
        return DeliveryResult.failed("route:channel." + message.channel(), "NO_RESULT",
                "channel route set no " + RESULT_HEADER + " header");
    }
}
