package io.dunninghub.dispatch;

import io.dunninghub.support.Slow;
import io.dunninghub.channel.Messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.contact.ContactFeedbackStore;
import io.dunninghub.support.Ledgers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A permanent failure that is about the address is remembered for the contact policy; others are not. */
@Slow
class FeedbackGatewayTest {

    private static OutboundMessage message(String id, String channel, String recipient, String borrower) {
        return Messages.forBorrower(Messages.message(id, "k-" + id, channel, recipient, null, "zh-CN", null, "text",
                null, null), borrower);
    }

    @Test
    void unsubscribedAndUnregisteredBecomeFeedbackOnce() throws Exception {
        DataSource ds = Ledgers.fresh("postgresql");
        ContactFeedbackStore store = new ContactFeedbackStore(ds);
        Map<String, DeliveryResult> answers = Map.of(
                "n1", DeliveryResult.failed("twilio-main", "TWILIO_21610", "unsubscribed"),
                "n2", DeliveryResult.failed("fcm-main", "TOKEN_UNREGISTERED", "gone"),
                "n3", DeliveryResult.failed("twilio-main", "TWILIO_21211", "invalid"),
                "n4", DeliveryResult.retry("twilio-main", "HTTP_503", null, null),
                "n5", DeliveryResult.failed("twilio-main", "TWILIO_21610", "unsubscribed again"));
        FeedbackGateway gateway = new FeedbackGateway(m -> answers.get(m.noticeId()), store, Clock.systemUTC());

        assertThat(gateway.send(message("n1", "sms", "+8613800138000", "B1")).reasonCode()).isEqualTo("TWILIO_21610");
        gateway.send(message("n2", "push", "fcm-token-abc", "B2"));
        gateway.send(message("n3", "sms", "+8613800138001", "B3"));
        gateway.send(message("n4", "sms", "+8613800138002", "B4"));
        gateway.send(message("n5", "sms", "+86 138 0013 8000", "B1"));

        Map<String, List<ContactFeedback>> feedback = store.forBorrowers(List.of("B1", "B2", "B3", "B4"));
        assertThat(feedback).containsOnlyKeys("B1", "B2");
        assertThat(feedback.get("B1")).containsExactly(new ContactFeedback("B1", "sms",
                ContactFeedback.addressHash("sms", "+8613800138000"), ContactFeedback.Reason.OPTED_OUT, "twilio-main", "n1",
                "TWILIO_21610"));
        assertThat(feedback.get("B2")).extracting(ContactFeedback::reason).containsExactly(ContactFeedback.Reason.TOKEN_UNREGISTERED);
    }
}
