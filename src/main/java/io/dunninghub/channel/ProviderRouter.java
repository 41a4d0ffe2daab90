package io.dunninghub.channel;

import io.dunninghub.common.Mask;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Picks the provider for a notice: the enabled providers of its channel in priority order, failing
 * over to the next one while the answer is RETRY. Immutable after construction, so dispatch threads
 * share one instance.
 *
 * <p>Route contract of {@code direct:channel.<name>}: body {@link OutboundMessage} in, header
 * {@value #RESULT_HEADER} with the {@link DeliveryResult} out (see {@link #process(Exchange)}).
 */
public final class ProviderRouter implements Processor, AutoCloseable {

    public static final String RESULT_HEADER = "hub.result";

    /**
     * Answers after which the message may already be on its way: another provider now would likely
     * send a duplicate, so the notice goes back to the ledger's backoff instead of failing over.
     */
    static final Set<String> MAYBE_DELIVERED = Set.of("TIMEOUT", "CONNECTION_LOST");

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRouter.class);

    private final Map<String, List<ProviderAdapter>> byChannel;
    private final List<ProviderAdapter> all;

    /**
     * @param providers all providers from providers.yaml; disabled ones are skipped
     * @param adapters  builds one adapter per enabled provider, e.g. {@code new ProviderAdapterFactory(ctx)::create}
     */
    public ProviderRouter(List<ProviderSettings> providers, Function<ProviderSettings, ProviderAdapter> adapters) {
        Map<String, List<ProviderAdapter>> map = new LinkedHashMap<>();
        List<ProviderAdapter> built = new ArrayList<>();
        try {
            // stable sort: equal priorities keep their order in the file
            for (ProviderSettings p : providers.stream().filter(ProviderSettings::enabled)
                    .sorted(Comparator.comparingInt(ProviderSettings::priority)).toList()) {
                ProviderAdapter a = adapters.apply(p);
                built.add(a);
                map.computeIfAbsent(p.channel(), c -> new ArrayList<>()).add(a);
            }
        } catch (RuntimeException e) {
            built.forEach(ProviderRouter::closeQuietly);
            throw e;
        }
        map.replaceAll((c, list) -> List.copyOf(list));
        this.byChannel = Map.copyOf(map);
        this.all = List.copyOf(built);
    }

    public static ProviderRouter of(ProvidersConfig config, ProviderAdapterFactory factory) {
        return new ProviderRouter(config.providers(), factory::create);
    }

    public Set<String> channels() {
        return byChannel.keySet();
    }

    public DeliveryResult deliver(OutboundMessage m) {
        List<ProviderAdapter> candidates = byChannel.getOrDefault(m.channel(), List.of());
        if (candidates.isEmpty()) {
            LOG.warn("notice {}: no provider for channel '{}'", m.noticeId(), m.channel());
            return DeliveryResult.failed(null, "NO_PROVIDER", "no enabled provider for channel '" + m.channel() + "'");
        }
        DeliveryResult attempted = null;
        DeliveryResult held = null;
        for (ProviderAdapter adapter : candidates) {
            DeliveryResult result = attempt(adapter, m);
            if (result.isHeld()) {
                // nothing was sent (rate limit, pause, open circuit): keep the soonest wait in case none can take it
                if (held == null || sooner(result, held)) {
                    held = result;
                }
                LOG.debug("notice {}: {} holds it ({}), trying the next provider", m.noticeId(), adapter.name(),
                        result.reasonCode());
                continue;
            }
            attempted = result;
            if (result.outcome() != DeliveryResult.Outcome.RETRY || MAYBE_DELIVERED.contains(result.reasonCode())) {
                return result;
            }
            LOG.info("notice {} to {}: {} answered RETRY {}, trying the next provider", m.noticeId(),
                    Mask.recipient(m.channel(), m.recipient()), adapter.name(), result.reasonCode());
        }
        // A real attempt counts towards the notice's attempts even if a later provider only held it.
        return attempted != null ? attempted : held;
    }

    private static boolean sooner(DeliveryResult a, DeliveryResult b) {
        return a.retryAfter() != null && (b.retryAfter() == null || a.retryAfter().compareTo(b.retryAfter()) < 0);
    }

    private static DeliveryResult attempt(ProviderAdapter adapter, OutboundMessage m) {
        try {
            DeliveryResult r = adapter.send(m);
            return r != null ? r : DeliveryResult.retry(adapter.name(), "PROVIDER_EXCEPTION", "adapter returned no result", null);
        } catch (RuntimeException e) {
            // an adapter bug: the exception message may quote personal data, so only its class is kept
            LOG.error("notice {}: provider {} threw {}", m.noticeId(), adapter.name(), e.getClass().getName());
            return DeliveryResult.retry(adapter.name(), "PROVIDER_EXCEPTION", e.getClass().getName(), null);
        }
    }

    /** Body OutboundMessage in, header {@value #RESULT_HEADER} out; the body is left as it was. */
    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        OutboundMessage m = exchange.getMessage().getMandatoryBody(OutboundMessage.class);
        exchange.getMessage().setHeader(RESULT_HEADER, deliver(m));
    }

    @Override
    public void close() {
        all.forEach(ProviderRouter::closeQuietly);
    }

    private static void closeQuietly(ProviderAdapter a) {
        try {
            a.close();
        } catch (Exception e) {
            LOG.warn("provider {} did not close cleanly: {}", a.name(), e.getClass().getSimpleName());
        }
    }
}
