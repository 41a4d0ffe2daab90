package io.dunninghub.dispatch;

import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.LiveProviders;
import io.dunninghub.channel.Messages;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.ProvidersConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.event.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A channel whose route is the shipped one reaches its providers without a Camel exchange; every other route —
 * a step added, another bean under the name, a route configuration, a stopped route — runs through Camel as
 * written. Counted with Camel's own exchange-created events.
 */
class ShippedChannelRouteTest {

    private final AtomicInteger exchanges = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private CamelContext camel;
    private LiveProviders providers;

    @BeforeEach
    void camel() {
        camel = new DefaultCamelContext();
        // a missing consumer answers at once instead of after the direct component's 30 s wait
        camel.getComponent("direct", org.apache.camel.component.direct.DirectComponent.class).setBlock(false);
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof ExchangeCreatedEvent) {
                    exchanges.incrementAndGet();
                }
            }
        });
        providers = new LiveProviders(new ProvidersConfig("providers.yaml",
                List.of(new ProviderSettings("sms-a", "sms", "file", 1, true, Map.of()))), s -> new ProviderAdapter() {
            @Override
            public String name() {
                return s.name();
            }

            @Override
            public DeliveryResult send(OutboundMessage message) {
                calls.incrementAndGet();
                return DeliveryResult.sent(s.name(), "id-" + message.noticeId());
            }

            @Override
            public void close() {
            }
        });
        camel.getRegistry().bind("providerRouter", providers);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private static OutboundMessage sms(String id) {
        return Messages.message(id, "k-" + id, "sms", "+8613800138000", null, "zh-CN", null, "text", null, null);
    }

    private CamelChannelGateway started(RouteBuilder routes) throws Exception {
        camel.addRoutes(routes);
        camel.start();
        return new CamelChannelGateway(camel.createProducerTemplate(), providers, "providerRouter");
    }

    private static RouteBuilder shipped() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:channel.sms").routeId("channel.sms").process("providerRouter");
            }
        };
    }

    @Test
    void theShippedRouteCallsTheProvidersWithoutAnExchange() throws Exception {
        CamelChannelGateway gateway = started(shipped());
        int before = exchanges.get();

        DeliveryResult r = gateway.send(sms("n1"));

        assertThat(r.outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
        assertThat(r.providerMessageId()).isEqualTo("id-n1");
        assertThat(calls).hasValue(1);
        assertThat(exchanges.get() - before).isZero();
        assertThat(gateway.direct("sms")).isTrue();
    }

    @Test
    void aStepAddedToTheRouteRunsThroughCamel() throws Exception {
        AtomicInteger copies = new AtomicInteger();
        CamelChannelGateway gateway = started(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:channel.sms").routeId("channel.sms").process("providerRouter")
                        .process(e -> copies.incrementAndGet());
            }
        });

        DeliveryResult r = gateway.send(sms("n1"));

        assertThat(r.outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
        assertThat(copies).hasValue(1);
        assertThat(exchanges.get()).isPositive();
        assertThat(gateway.direct("sms")).isFalse();
    }

    @Test
    void anotherBeanUnderTheNameRunsThroughCamel() throws Exception {
        camel.getRegistry().unbind("providerRouter");
        camel.getRegistry().bind("providerRouter", (org.apache.camel.Processor) e ->
                e.getMessage().setHeader(CamelChannelGateway.RESULT_HEADER, DeliveryResult.sent("integrator", "x")));
        CamelChannelGateway gateway = started(shipped());

        DeliveryResult r = gateway.send(sms("n1"));

        assertThat(r.provider()).isEqualTo("integrator");
        assertThat(calls).hasValue(0);
        assertThat(gateway.direct("sms")).isFalse();
    }

    @Test
    void aRouteConfigurationKeepsEveryChannelOnCamel() throws Exception {
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration().onException(IllegalStateException.class).handled(true);
            }
        });
        CamelChannelGateway gateway = started(shipped());

        assertThat(gateway.send(sms("n1")).outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
        assertThat(exchanges.get()).isPositive();
        assertThat(gateway.direct("sms")).isFalse();
    }

    @Test
    void aStoppedRouteIsNotBypassedAndTheNoticeIsKeptForARetry() throws Exception {
        CamelChannelGateway gateway = started(shipped());
        assertThat(gateway.send(sms("n1")).outcome()).isEqualTo(DeliveryResult.Outcome.SENT);

        camel.getRouteController().stopRoute("channel.sms");
        DeliveryResult r = gateway.send(sms("n2"));

        assertThat(r.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
        assertThat(r.reasonCode()).isEqualTo("NO_ROUTE");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aChannelWithoutARouteIsKeptForARetry() throws Exception {
        CamelChannelGateway gateway = started(shipped());

        DeliveryResult r = gateway.send(Messages.message("n1", "k", "fax", "+8613800138000", null, "zh-CN", null,
                "text", null, null));

        assertThat(r.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
        assertThat(r.reasonCode()).isEqualTo("NO_ROUTE");
    }
}
