package io.dunninghub.channel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers in force behind the channel routes' {@code providerRouter}: a {@link ProviderRouter} that a
 * configuration reload replaces as a whole. A provider whose settings did not change keeps its adapter and
 * guard (circuit, Retry-After pause, rate bucket); a changed one is built anew; a removed one is closed.
 */
public final class LiveProviders implements Processor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveProviders.class);

    private final Function<ProviderSettings, ProviderAdapter> build;
    private Map<ProviderSettings, ProviderAdapter> adapters = Map.of();
    private volatile ProviderRouter router;

    /** @param build builds one guarded adapter, e.g. {@code guards.around(factory::create)} */
    public LiveProviders(ProvidersConfig config, Function<ProviderSettings, ProviderAdapter> build) {
        this.build = build;
        prepare(config).commit();
    }

    public ProviderRouter current() {
        return router;
    }

    /**
     * Builds the adapters of new and changed providers; nothing is in force until {@link Change#commit()}. A
     * provider that cannot be built (bad key file, unknown option) throws, and whatever was built is closed.
     */
    public synchronized Change prepare(ProvidersConfig next) {
        Map<ProviderSettings, ProviderAdapter> kept = new HashMap<>();
        List<ProviderAdapter> fresh = new ArrayList<>();
        try {
            for (ProviderSettings s : next.enabled()) {
                ProviderAdapter a = adapters.get(s);
                if (a == null) {
                    a = build.apply(s);
                    fresh.add(a);
                }
                kept.put(s, a);
            }
        } catch (RuntimeException e) {
            fresh.forEach(LiveProviders::closeQuietly);
            throw e;
        }
        ProviderRouter nextRouter = new ProviderRouter(next.providers(), kept::get);
        return new Change(nextRouter, Map.copyOf(kept), fresh);
    }

    /** A prepared set of providers. */
    public final class Change {

        private final ProviderRouter nextRouter;
        private final Map<ProviderSettings, ProviderAdapter> nextAdapters;
        private final List<ProviderAdapter> fresh;

        private Change(ProviderRouter nextRouter, Map<ProviderSettings, ProviderAdapter> nextAdapters,
                       List<ProviderAdapter> fresh) {
            this.nextRouter = nextRouter;
            this.nextAdapters = nextAdapters;
            this.fresh = fresh;
        }

        /** How many providers were built anew. */
        public int built() {
            return fresh.size();
        }

        /** Puts the new providers in force and closes the adapters no longer used. */
        public void commit() {
            synchronized (LiveProviders.this) {
                List<ProviderAdapter> retired = new ArrayList<>(adapters.values());
                retired.removeAll(nextAdapters.values());
                adapters = nextAdapters;
                router = nextRouter;
                retired.forEach(LiveProviders::closeQuietly);
            }
        }

        /** Forgets the prepared providers, closing the ones built for them. */
        public void abort() {
            fresh.forEach(LiveProviders::closeQuietly);
        }
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        router.process(exchange);
    }

    @Override
    public synchronized void close() {
        adapters.values().forEach(LiveProviders::closeQuietly);
    }

    private static void closeQuietly(ProviderAdapter a) {
        try {
            a.close();
        } catch (Exception e) {
            LOG.warn("provider {} did not close cleanly: {}", a.name(), e.getClass().getSimpleName());
        }
    }
}
