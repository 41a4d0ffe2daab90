package io.dunninghub.channel;

import java.util.Map;

/**
 * One provider instance from providers.yaml.
 *
 * @param name     unique instance name, e.g. {@code twilio-main}; reported in {@link DeliveryResult#provider()}
 * @param channel  channel it delivers: sms, email, push, letter or an integrator's channel
 * @param adapter  adapter kind: twilio, smtp or file
 * @param priority lower is tried first within a channel
 * @param enabled  disabled providers are kept in the config but never built
 * @param options  adapter options, placeholders already resolved for enabled providers
 * @param limits   rate, burst and circuit breaker ({@code rate}, {@code burst}, {@code circuit-breaker} keys)
 */
public record ProviderSettings(
        String name,
        String channel,
        String adapter,
        int priority,
        boolean enabled,
        Map<String, String> options,
        ProviderLimits limits) {

    public ProviderSettings {
        options = options == null ? Map.of() : Map.copyOf(options);
        limits = limits == null ? ProviderLimits.DEFAULT : limits;
    }

    /** A provider without a rate limit and with the default circuit breaker. */
    public ProviderSettings(String name, String channel, String adapter, int priority, boolean enabled,
                            Map<String, String> options) {
        this(name, channel, adapter, priority, enabled, options, ProviderLimits.DEFAULT);
    }

    public String option(String key, String fallback) {
        String v = options.get(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    public String option(String key) {
        return option(key, null);
    }

    public int intOption(String key, int fallback) {
        String v = option(key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    public boolean boolOption(String key, boolean fallback) {
        String v = option(key);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    @Override
    public String toString() {
        // options hold secrets (auth-token, password): never print them
        return "ProviderSettings[" + name + ", " + channel + ", " + adapter + ", priority " + priority
                + (enabled ? "" : ", disabled") + "]";
    }
}
