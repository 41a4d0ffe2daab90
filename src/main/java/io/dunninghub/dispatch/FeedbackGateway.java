package io.dunninghub.dispatch;

import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.contact.ContactFeedbackStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes notices to the channel and, when a provider fails one permanently for a reason that is about the
 * address (unsubscribed, token unregistered, mailbox unknown), records that as contact feedback.
 */
public final class FeedbackGateway implements ChannelGateway {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackGateway.class);

    private final ChannelGateway channels;
    private final ContactFeedbackStore feedback;
    private final Clock clock;

    public FeedbackGateway(ChannelGateway channels, ContactFeedbackStore feedback, Clock clock) {
        this.channels = channels;
        this.feedback = feedback;
        this.clock = clock;
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        DeliveryResult result = channels.send(message);
        if (result.outcome() != DeliveryResult.Outcome.FAILED) {
            return result;
        }
        ContactFeedback.Reason reason = ContactFeedback.forReason(message.channel(), result.reasonCode());
        String borrower = message.borrowerId();
        if (reason != null && borrower != null) {
            try {
                feedback.record(List.of(new ContactFeedback(borrower, message.channel(),
                        ContactFeedback.addressHash(message.channel(), message.recipient()), reason, result.provider(),
                        message.noticeId(), result.reasonCode())), clock.instant());
            } catch (SQLException e) {
                // the notice's own outcome matters more; the next failure for this address records it again
                LOG.warn("notice {}: could not record contact feedback {}: {}", message.noticeId(), reason, e.getMessage());
            }
        }
        return result;
    }
}
