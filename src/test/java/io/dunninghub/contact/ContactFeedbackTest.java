package io.dunninghub.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactFeedbackTest {

    @Test
    void reasonsThatAreAboutTheAddress() {
        assertThat(ContactFeedback.forReason("sms", "TWILIO_21610")).isEqualTo(ContactFeedback.Reason.OPTED_OUT);
        assertThat(ContactFeedback.forReason("push", "FCM_UNREGISTERED")).isEqualTo(ContactFeedback.Reason.TOKEN_UNREGISTERED);
        assertThat(ContactFeedback.forReason("push", "TOKEN_UNREGISTERED")).isEqualTo(ContactFeedback.Reason.TOKEN_UNREGISTERED);
        assertThat(ContactFeedback.forReason("sms", "TENCENT_FailedOperation.PhoneNumberInBlacklist")).isEqualTo(ContactFeedback.Reason.OPTED_OUT);
        assertThat(ContactFeedback.forReason("letter", "LOB_failed_deliverability_strictness")).isEqualTo(ContactFeedback.Reason.ADDRESS_INVALID);
        assertThat(ContactFeedback.forReason("email", "SMTP_550")).isEqualTo(ContactFeedback.Reason.ADDRESS_INVALID);
        assertThat(ContactFeedback.forReason("letter", "LOB_RETURNED_TO_SENDER")).isEqualTo(ContactFeedback.Reason.ADDRESS_INVALID);
        // not about the address: a provider problem, a greylisting, an auth error
        assertThat(ContactFeedback.forReason("sms", "HTTP_503")).isNull();
        assertThat(ContactFeedback.forReason("email", "SMTP_451")).isNull();
        assertThat(ContactFeedback.forReason("sms", "TWILIO_20003")).isNull();
        assertThat(ContactFeedback.forReason("email", "TWILIO_21610")).isNull();
    }

    @Test
    void hashesTheCanonicalAddressNeverTheText() {
        String h = ContactFeedback.addressHash("sms", "+86 138-0013-8000");
        assertThat(h).isEqualTo(ContactFeedback.addressHash("sms", "+8613800138000")).hasSize(64).doesNotContain("138");
        assertThat(ContactFeedback.addressHash("email", " Zhang.Wei@Example.com"))
                .isEqualTo(ContactFeedback.addressHash("email", "zhang.wei@example.com"));
        assertThat(ContactFeedback.addressHash("sms", "+8613800138001")).isNotEqualTo(h);
    }
}
