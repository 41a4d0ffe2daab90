package io.dunninghub.dispatch;

import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** Sends a notice through the route {@code direct:channel.<name>} and reads its {@code hub.result}. */
public final class CamelChannelGateway implements ChannelGateway {

    public static final String RESULT_HEADER = "hub.result";

    private final ProducerTemplate template;

    public CamelChannelGateway(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        Exchange done = template.send("direct:channel." + message.channel(), ex -> {
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
