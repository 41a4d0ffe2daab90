package io.dunninghub.channel;

import java.util.Set;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A provider written as a Camel route (YAML in {@code routes/}, no Java): the message goes to the endpoint in
 * option {@code uri} with the same contract as a channel route (body {@link OutboundMessage}, headers
 * {@code hub.noticeId}, {@code hub.channel}, {@code hub.provider}) and the route answers with header
 * {@value ProviderRouter#RESULT_HEADER}. So an integrator's provider gets priorities, failover and the ledger
 * like a built-in one.
 */
public final class RouteAdapter implements ProviderAdapter {


    public static final AdapterType TYPE = new AdapterType("route", Set.of(),
            "A provider written as a YAML route: it gets the channel route's contract plus header hub.provider (the "
                    + "provider's name) and must set hub.result.",
            List.of(AdapterOption.of("uri", AdapterOption.Type.TEXT, "the route's endpoint, e.g. direct:provider.wecom")
                    .required()),
            AdapterType.CrossCheck.NONE, RouteAdapter::new);

    public static final String PROVIDER_HEADER = "hub.provider";

    private final String name;
    private final String uri;
    private final ProducerTemplate template;

    public RouteAdapter(ProviderSettings s, CamelContext context) {
        if (context == null) {
            throw new IllegalStateException("provider " + s.name() + ": the route adapter needs a CamelContext");
        }
        this.name = s.name();
        this.uri = s.option("uri");
        this.template = context.createProducerTemplate();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        Exchange done = template.send(uri, ex -> {
            ex.getIn().setBody(m);
            ex.getIn().setHeader("hub.noticeId", m.noticeId());
            ex.getIn().setHeader("hub.channel", m.channel());
            ex.getIn().setHeader(PROVIDER_HEADER, name);
        });
        if (done.getException() != null) {
            // the exception text may quote the request, so only its class is kept
            String type = done.getException().getClass().getSimpleName();
            String reason = type.contains("DirectConsumerNotAvailable") ? "NO_ROUTE" : "ROUTE_ERROR";
            return DeliveryResult.retry(name, reason, type, null);
        }
        if (done.getMessage().getHeader(ProviderRouter.RESULT_HEADER) instanceof DeliveryResult r) {
            return r.provider() == null ? r.withProvider(name) : r;
        }
        return DeliveryResult.failed(name, "NO_RESULT", "route " + uri + " set no " + ProviderRouter.RESULT_HEADER + " header");
    }

    @Override
    public void close() {
        ServiceHelper.stopService(template);
    }
}
