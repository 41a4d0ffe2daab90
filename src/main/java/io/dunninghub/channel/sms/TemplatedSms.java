package io.dunninghub.channel.sms;

import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.common.Mask;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a template-based SMS provider (Alibaba, Tencent) needs before it is called: a valid number in E.164 and
 * the provider's approved template for the hub template. Such providers send their own approved text, so a
 * message without a mapped template cannot go out at all.
 */
final class TemplatedSms {

    private static final Logger LOG = LoggerFactory.getLogger(TemplatedSms.class);

    /** The checked number and template, or the failure to record instead of calling the provider. */
    record Prepared(String e164, String template, DeliveryResult failure) {
    }

    private final String provider;
    private final String option;
    private final String defaultTemplate;
    private final Map<String, String> templates;
    private final String defaultRegion;

    /**
     * @param option the provider's option naming its template, e.g. {@code template-code}; {@code <option>.<hub
     *     template>} options map one hub template each, {@code <option>} alone is the fallback
     */
    TemplatedSms(ProviderSettings s, String option) {
        this.provider = s.name();
        this.option = option;
        this.defaultTemplate = s.option(option);
        Map<String, String> byHubTemplate = new TreeMap<>();
        s.options().forEach((k, v) -> {
            if (k.startsWith(option + ".") && v != null && !v.isBlank()) {
                byHubTemplate.put(k.substring(option.length() + 1), v.strip());
            }
        });
        this.templates = Map.copyOf(byHubTemplate);
        this.defaultRegion = s.option("default-region", "CN");
    }

    /**
     * The check of providers.yaml for a template-based SMS provider: a default code ({@code option}) or one per
     * hub template ({@code option.<template>}) must be there.
     */
    static AdapterType.CrossCheck requiresTemplate(String option) {
        return options -> {
            boolean any = options.entrySet().stream().anyMatch(e -> (e.getKey().equals(option)
                    || e.getKey().startsWith(option + ".")) && e.getValue() != null && !e.getValue().isBlank());
            return any ? null : new AdapterType.Problem(option, "missing: the provider's approved template (" + option
                    + ", or " + option + ".<hub template>)");
        };
    }

    Prepared prepare(OutboundMessage m) {
        String e164;
        try {
            e164 = PhoneNumbers.sms(m.recipient(), defaultRegion);
        } catch (IllegalArgumentException e) {
            LOG.info("{}: notice {} not sent to {}: {}", provider, m.noticeId(), Mask.phone(m.recipient()), e.getMessage());
            return new Prepared(null, null, DeliveryResult.failed(provider, "INVALID_RECIPIENT", e.getMessage()));
        }
        Object hubTemplate = m.template();
        String template = hubTemplate == null ? defaultTemplate : templates.getOrDefault(hubTemplate.toString(), defaultTemplate);
        if (template == null) {
            return new Prepared(e164, null, DeliveryResult.failed(provider, "NO_TEMPLATE_CODE",
                    "no " + option + " for hub template '" + hubTemplate + "'"));
        }
        return new Prepared(e164, template, null);
    }
}
