package io.dunninghub.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.channel.Messages;
import io.dunninghub.channel.OutboundMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatedSmsTest {

    private static OutboundMessage to(String recipient, String hubTemplate) {
        OutboundMessage m = Messages.of("N-1", "sms", recipient, null, "text", null);
        return Messages.withTemplate(m, hubTemplate);
    }

    private static TemplatedSms templated(Map<String, String> options) {
        return new TemplatedSms(Messages.settings("tpl", "sms", "aliyun-sms", options), "template-code");
    }

    @Test
    void aMappedHubTemplateWinsOverTheFallback() {
        TemplatedSms sms = templated(Map.of("template-code", "SMS_DEFAULT", "template-code.overdue_early", "SMS_EARLY"));
        TemplatedSms.Prepared early = sms.prepare(to("13800138000", "overdue_early"));
        assertThat(early.failure()).isNull();
        assertThat(early.e164()).isEqualTo("+8613800138000");
        assertThat(early.template()).isEqualTo("SMS_EARLY");
        assertThat(sms.prepare(to("13800138000", "overdue_formal")).template()).isEqualTo("SMS_DEFAULT");
    }

    @Test
    void anUnmappedTemplateWithoutFallbackFailsNamingTheOption() {
        TemplatedSms.Prepared p = templated(Map.of("template-code.overdue_early", "SMS_EARLY")).prepare(to("13800138000", "overdue_formal"));
        assertThat(p.failure().reasonCode()).isEqualTo("NO_TEMPLATE_CODE");
        assertThat(p.failure().detail()).contains("template-code").contains("overdue_formal");
    }

    @Test
    void anInvalidNumberFailsBeforeAnyTemplateLookupAndKeepsTheNumberOutOfTheReason() {
        TemplatedSms.Prepared p = templated(Map.of("template-code", "SMS_DEFAULT")).prepare(to("+86 123", "overdue_early"));
        assertThat(p.failure().reasonCode()).isEqualTo("INVALID_RECIPIENT");
        assertThat(p.failure().detail()).doesNotContain("123");
        assertThat(p.e164()).isNull();
    }
}
