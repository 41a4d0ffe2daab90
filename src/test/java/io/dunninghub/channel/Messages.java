package io.dunninghub.channel;

import io.dunninghub.render.TemplateRenderer;
import java.util.Map;

/** Outbound messages as the dispatcher builds them, with the sample template model attached. */
public final class Messages {

    private Messages() {
    }

    public static OutboundMessage of(String noticeId, String channel, String recipient, String subject, String text, byte[] pdf) {
        return new OutboundMessage(noticeId, "I-77:formal:" + channel + ":borrower:0", channel, recipient, "张伟", "zh-CN",
                subject, text, null, pdf,
                Map.of("step", "formal", "template", "overdue_formal", "borrowerId", "B00042",
                        "installmentId", "INS-20260919-000381", "model", TemplateRenderer.sampleModel()));
    }

    public static ProviderSettings settings(String name, String channel, String adapter, Map<String, String> options) {
        return new ProviderSettings(name, channel, adapter, 0, true, options);
    }
}
