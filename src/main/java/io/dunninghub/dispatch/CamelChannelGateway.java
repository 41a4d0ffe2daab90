package io.dunninghub.dispatch;

import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.LiveProviders;
import io.dunninghub.channel.OutboundMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a notice through the route {@code direct:channel.<name>} and reads its {@code hub.result}.
 * <p>
 * A channel whose route is the shipped one — {@code from: direct:channel.<name>} with the single step
 * {@code process: providerRouter}, the hub's own providers bound under that name, no route configuration
 * (intercept, onException) in the context — is handed to the providers directly: a Camel exchange per notice
 * was a tenth of dispatch's CPU, and that route adds nothing to the call. Any other route (an integrator's
 * channel route, a shipped route with a step added, another bean under the name) goes through Camel as written,
 * and a stopped route is never bypassed: the notice is kept for a retry as before.
 */
public final class CamelChannelGateway implements ChannelGateway {

    public static final String RESULT_HEADER = "hub.result";

    private static final Logger LOG = LoggerFactory.getLogger(CamelChannelGateway.class);

    private final ProducerTemplate template;
    private final LiveProviders providers;
    private final String providersBean;
    // resolved once per channel: looking the URI up on every send showed in the dispatch profile
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /** Every channel through Camel. */
    public CamelChannelGateway(ProducerTemplate template) {
        this(template, null, null);
    }

    /**
     * @param providers     the hub's providers, called directly for channels whose route is the shipped one
     * @param providersBean the registry name the shipped routes call them by ({@code providerRouter})
     */
    public CamelChannelGateway(ProducerTemplate template, LiveProviders providers, String providersBean) {
        this.template = template;
        this.providers = providers;
        this.providersBean = providersBean;
    }

    /** How a channel's notices reach its providers. */
    private record Route(Endpoint endpoint, String shippedRouteId) {
        boolean shipped() {
            return shippedRouteId != null;
        }
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        Route route = routes.computeIfAbsent(message.channel(), this::route);
        if (route.shipped() && started(route.shippedRouteId())) {
            try {
                return providers.current().deliver(message);
            } catch (RuntimeException e) {
                // as a broken route: keep the notice and retry rather than lose it
                return DeliveryResult.retry("route:channel." + message.channel(), "ROUTE_ERROR",
                        e.getClass().getSimpleName(), null);
            }
        }
        Exchange done = template.send(route.endpoint(), ex -> {
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

    /** Whether the channel's notices may skip Camel; true only while its route is started. */
    boolean direct(String channel) {
        Route route = routes.computeIfAbsent(channel, this::route);
        return route.shipped() && started(route.shippedRouteId());
    }

    private boolean started(String routeId) {
        ServiceStatus status = template.getCamelContext().getRouteController().getRouteStatus(routeId);
        return status != null && status.isStarted();
    }

    private Route route(String channel) {
        CamelContext camel = template.getCamelContext();
        String uri = "direct:channel." + channel;
        String shipped = shippedRouteId(camel, uri);
        if (shipped != null) {
            LOG.info("channel {}: route {} is the shipped one, its providers are called directly", channel, shipped);
        }
        return new Route(camel.getEndpoint(uri), shipped);
    }

    private String shippedRouteId(CamelContext camel, String uri) {
        if (providers == null) {
            return null;
        }
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null || !model.getRouteConfigurationDefinitions().isEmpty()
                || camel.getRegistry().lookupByName(providersBean) != providers) {
            return null;
        }
        List<RouteDefinition> from = model.getRouteDefinitions().stream()
                .filter(r -> r.getInput() != null && uri.equals(r.getInput().getEndpointUri())).toList();
        if (from.size() != 1) {
            return null;
        }
        RouteDefinition r = from.get(0);
        boolean onlyProviders = r.getOutputs().size() == 1 && r.getOutputs().get(0) instanceof ProcessDefinition p
                && providersBean.equals(p.getRef());
        return onlyProviders && r.getRouteId() != null ? r.getRouteId() : null;
    }
}
