package io.dunninghub.channel;

/**
 * A provider instance from providers.yaml that can deliver messages of one channel.
 * Implementations never throw for a provider's answer: every outcome is a {@link DeliveryResult}.
 */
public interface ProviderAdapter extends AutoCloseable {

    /** Instance name from providers.yaml, e.g. {@code twilio-main}. */
    String name();

    DeliveryResult send(OutboundMessage message);

    @Override
    default void close() {
    }
}
