package io.dunninghub.channel;

import io.dunninghub.channel.email.SmtpEmailAdapter;
import io.dunninghub.channel.file.FileOutboxAdapter;
import io.dunninghub.channel.sms.TwilioSmsAdapter;
import org.apache.camel.CamelContext;

/** Builds the adapter named by a provider's {@code adapter} key. */
public final class ProviderAdapterFactory {

    private final CamelContext context;

    /** @param context needed by camel-mail based adapters; may be null when no smtp provider is configured */
    public ProviderAdapterFactory(CamelContext context) {
        this.context = context;
    }

    public ProviderAdapter create(ProviderSettings s) {
        return switch (s.adapter()) {
            case "twilio" -> new TwilioSmsAdapter(s);
            case "smtp" -> {
                if (context == null) {
                    throw new IllegalStateException("provider " + s.name() + ": the smtp adapter needs a CamelContext");
                }
                yield new SmtpEmailAdapter(s, context);
            }
            case "file" -> new FileOutboxAdapter(s);
            default -> throw new IllegalArgumentException("provider " + s.name() + ": unknown adapter '" + s.adapter() + "'");
        };
    }
}
