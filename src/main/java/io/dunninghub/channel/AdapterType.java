package io.dunninghub.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * One kind of provider adapter, declared once: its name in providers.yaml, the channels it can serve (empty:
 * any), what it is, its options, a check across options the types cannot express, and how to build it. The
 * catalog of every type is {@link AdapterCatalog}.
 */
public record AdapterType(String name, Set<String> channels, String summary, List<AdapterOption> options,
                          CrossCheck check, Factory factory) {

    /** Builds one adapter for one provider entry. */
    @FunctionalInterface
    public interface Factory {
        /** @param camel the running Camel context (the smtp and route adapters send through it) */
        ProviderAdapter create(ProviderSettings settings, CamelContext camel);
    }

    /** What a type checks across its options, beyond each option's own type: the problem, or null. */
    @FunctionalInterface
    public interface CrossCheck {
        CrossCheck NONE = options -> null;

        Problem check(Map<String, String> options);
    }

    /** A problem with one option's value. */
    public record Problem(String option, String problem) {
    }

    public AdapterType {
        channels = Set.copyOf(channels);
        options = List.copyOf(options);
    }

    /** The options every adapter that calls an HTTP API takes. */
    public static List<AdapterOption> httpTimeouts() {
        return List.of(
                AdapterOption.of("connect-timeout-ms", AdapterOption.Type.POSITIVE_INTEGER, "connection set-up limit")
                        .defaultsTo("5000"),
                AdapterOption.of("timeout-ms", AdapterOption.Type.POSITIVE_INTEGER,
                        "longest wait for an answer; past it the notice is TIMEOUT (it may have arrived: no failover)")
                        .defaultsTo("15000"));
    }

    /** {@code options} followed by {@code more}, for types that share a set of options. */
    public static List<AdapterOption> with(List<AdapterOption> options, List<AdapterOption> more) {
        List<AdapterOption> all = new ArrayList<>(options);
        all.addAll(more);
        return all;
    }

    public boolean serves(String channel) {
        return channels.isEmpty() || channels.contains(channel);
    }

    /** The option a key belongs to, if the type has it. */
    public java.util.Optional<AdapterOption> option(String key) {
        return options.stream().filter(o -> o.matches(key)).findFirst();
    }
}
