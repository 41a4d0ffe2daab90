package io.dunninghub.channel;

import org.apache.camel.CamelContext;

/** Builds the adapter named by a provider's {@code adapter} key, from the {@link AdapterCatalog}. */
public final class ProviderAdapterFactory {

    private final CamelContext camel;

    /** @param camel the running context; the smtp and route adapters send through it */
    public ProviderAdapterFactory(CamelContext camel) {
        this.camel = camel;
    }

    public ProviderAdapter create(ProviderSettings s) {
        AdapterType type = AdapterCatalog.find(s.adapter()).orElseThrow(() -> new IllegalArgumentException(
                "provider " + s.name() + ": unknown adapter '" + s.adapter() + "'"));
        return type.factory().create(s, camel);
    }
}
