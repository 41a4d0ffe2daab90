package io.dunninghub.channel;

import io.dunninghub.channel.DeliveryResult.Outcome;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderRouterTest {

    /** Answers with a fixed result and remembers who it was asked for. */
    private static final class ScriptedAdapter implements ProviderAdapter {
        final String name;
        final Function<String, DeliveryResult> answer;
        final List<String> calls;
        boolean closed;

        ScriptedAdapter(String name, Function<String, DeliveryResult> answer, List<String> calls) {
            this.name = name;
            this.answer = answer;
            this.calls = calls;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult send(OutboundMessage m) {
            calls.add(name);
            return answer.apply(name);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private static ProviderSettings provider(String name, String channel, int priority, boolean enabled) {
        return new ProviderSettings(name, channel, "file", priority, enabled, Map.of());
    }

    private static OutboundMessage sms(String id) {
        return Messages.message(id, "k", "sms", "+8613800138000", null, "zh-CN", null, "text", null, null);
    }

    private ProviderRouter router(Map<String, Function<String, DeliveryResult>> answers, ProviderSettings... providers) {
        return new ProviderRouter(List.of(providers), p -> new ScriptedAdapter(p.name(), answers.get(p.name()), calls));
    }

    private static Function<String, DeliveryResult> sent() {
        return n -> DeliveryResult.sent(n, n + "-id");
    }

    private static Function<String, DeliveryResult> retry(String reason) {
        return n -> DeliveryResult.retry(n, reason, null, null);
    }

    @Test
    void triesProvidersByPriorityAndStopsAtSent() {
        ProviderRouter router = router(Map.of("b", sent(), "a", sent(), "off", sent()),
                provider("b", "sms", 2, true), provider("off", "sms", 0, false), provider("a", "sms", 1, true));

        DeliveryResult result = router.deliver(sms("N-1"));

        assertThat(result.outcome()).isEqualTo(Outcome.SENT);
        assertThat(result.provider()).isEqualTo("a");
        assertThat(calls).containsExactly("a");
        assertThat(router.channels()).containsExactly("sms");
    }

    @Test
    void failsOverToTheNextProviderOnRetry() {
        ProviderRouter router = router(Map.of("primary", retry("HTTP_503"), "backup", sent()),
                provider("primary", "sms", 1, true), provider("backup", "sms", 2, true));

        DeliveryResult result = router.deliver(sms("N-2"));

        assertThat(result.outcome()).isEqualTo(Outcome.SENT);
        assertThat(result.provider()).isEqualTo("backup");
        assertThat(calls).containsExactly("primary", "backup");
    }

    @Test
    void returnsTheLastRetryWhenAllProvidersAreDown() {
        ProviderRouter router = router(Map.of("primary", retry("HTTP_503"), "backup", retry("RATE_LIMITED")),
                provider("primary", "sms", 1, true), provider("backup", "sms", 2, true));

        DeliveryResult result = router.deliver(sms("N-3"));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(result.provider()).isEqualTo("backup");
        assertThat(result.reasonCode()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void permanentFailureStops() {
        ProviderRouter router = router(Map.of("primary", n -> DeliveryResult.failed(n, "TWILIO_21211", null), "backup", sent()),
                provider("primary", "sms", 1, true), provider("backup", "sms", 2, true));

        DeliveryResult result = router.deliver(sms("N-4"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reasonCode()).isEqualTo("TWILIO_21211");
        assertThat(calls).containsExactly("primary");
    }

    @Test
    void noFailoverWhenTheFirstProviderMayHaveSent() {
        ProviderRouter router = router(Map.of("primary", retry("TIMEOUT"), "backup", sent()),
                provider("primary", "sms", 1, true), provider("backup", "sms", 2, true));

        DeliveryResult result = router.deliver(sms("N-5"));

        assertThat(result.reasonCode()).isEqualTo("TIMEOUT");
        assertThat(calls).containsExactly("primary");
    }

    @Test
    void noProviderForTheChannel() {
        ProviderRouter router = router(Map.of("a", sent()), provider("a", "sms", 1, true));

        OutboundMessage push = Messages.message("N-6", "k", "push", "token", null, "en", "t", "b", null, null);
        DeliveryResult result = router.deliver(push);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reasonCode()).isEqualTo("NO_PROVIDER");
        assertThat(calls).isEmpty();
    }

    @Test
    void aThrowingAdapterIsATransientProviderException() {
        ProviderRouter router = router(Map.of(
                        "buggy", n -> {
                            throw new IllegalStateException("boom for +8613800138000");
                        },
                        "backup", sent()),
                provider("buggy", "sms", 1, true));

        DeliveryResult result = router.deliver(sms("N-7"));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(result.reasonCode()).isEqualTo("PROVIDER_EXCEPTION");
        assertThat(result.detail()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void closesEveryAdapter() {
        List<ScriptedAdapter> built = new ArrayList<>();
        ProviderRouter router = new ProviderRouter(List.of(provider("a", "sms", 1, true), provider("b", "email", 1, true)), p -> {
            ScriptedAdapter a = new ScriptedAdapter(p.name(), sent(), calls);
            built.add(a);
            return a;
        });

        router.close();

        assertThat(built).hasSize(2).allMatch(a -> a.closed);
    }

    @Test
    void aRouteProviderNeedsACamelContextAndHalfBuiltRoutersCloseWhatTheyBuilt() {
        List<ScriptedAdapter> built = new ArrayList<>();
        ProviderAdapterFactory noCamel = new ProviderAdapterFactory(null);
        ProviderSettings relay = new ProviderSettings("relay", "wechat", "route", 2, true,
                Map.of("uri", "direct:provider.wecom"));

        assertThatThrownBy(() -> new ProviderRouter(List.of(provider("a", "sms", 1, true), relay), p -> {
            if (p.adapter().equals("route")) {
                return noCamel.create(p);
            }
            ScriptedAdapter a = new ScriptedAdapter(p.name(), sent(), calls);
            built.add(a);
            return a;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("relay");
        assertThat(built).hasSize(1).allMatch(a -> a.closed);
    }

    @Test
    void servesSeveralDispatchThreadsAtOnce() throws Exception {
        ProviderRouter router = router(Map.of("primary", retry("HTTP_503"), "backup", sent()),
                provider("primary", "sms", 1, true), provider("backup", "sms", 2, true));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<DeliveryResult>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "N-" + i;
                results.add(pool.submit(() -> router.deliver(sms(id))));
            }
            for (Future<DeliveryResult> f : results) {
                assertThat(f.get().provider()).isEqualTo("backup");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasSize(400);
    }

    @Test
    void channelRouteContractWithRealAdapters(@TempDir Path dir) throws Exception {
        ProvidersConfig config = ProvidersConfig.parse("providers.yaml", """
                providers:
                  - name: twilio-down
                    channel: sms
                    adapter: twilio
                    priority: 1
                    options:
                      base-url: http://127.0.0.1:1
                      account-sid: AC0123456789abcdef0123456789abcdef
                      auth-token: token
                      from: "+15005550006"
                      connect-timeout-ms: 500
                  - name: outbox
                    channel: sms
                    adapter: file
                    priority: 2
                    options:
                      dir: "{{outbox}}"
                """, s -> s.replace("{{outbox}}", dir.toString()));
        try (CamelContext camel = new DefaultCamelContext();
             ProviderRouter router = ProviderRouter.of(config, new ProviderAdapterFactory(null))) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:channel.sms").process(router);
                }
            });
            camel.start();

            OutboundMessage m = sms("N-8");
            var exchange = camel.createProducerTemplate().request("direct:channel.sms", e -> e.getIn().setBody(m));

            DeliveryResult result = exchange.getMessage().getHeader(ProviderRouter.RESULT_HEADER, DeliveryResult.class);
            assertThat(result.outcome()).isEqualTo(Outcome.SENT);
            assertThat(result.provider()).isEqualTo("outbox");
            assertThat(exchange.getMessage().getBody()).isSameAs(m);
            assertThat(Files.readString(dir.resolve("sms/N-8.txt"))).startsWith("To: +8613800138000");
        }
    }
}
