package io.dunninghub.outcome;

import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.dispatch.ChannelGateway;
import io.dunninghub.ledger.ContactOutcome;
import io.dunninghub.ledger.OutcomeKind;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through the channel and, when the provider's answer says something about the address
 * ({@link ProviderAnswers}: a bounce, a policy rejection, a dead push token), records it as an outcome of the
 * notice, once per notice. Wraps the gateway that records the same answers as contact feedback, so both come from
 * the one answer.
 */
public final class OutcomeGateway implements ChannelGateway {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeGateway.class);

    private final ChannelGateway channels;
    private final OutcomeIntake intake;

    public OutcomeGateway(ChannelGateway channels, OutcomeIntake intake) {
        this.channels = channels;
        this.intake = intake;
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        DeliveryResult result = channels.send(message);
        if (result.outcome() != DeliveryResult.Outcome.FAILED || message.borrowerId() == null) {
            return result;
        }
        Optional<OutcomeKind> kind = ProviderAnswers.of(message.channel(), result.reasonCode(), result.detail());
        if (kind.isEmpty()) {
            return result;
        }
        try {
            Optional<io.dunninghub.ledger.OutcomeBook.NoticeRef> notice = intake.book().notice(message.noticeId());
            intake.take(new ContactOutcome(message.noticeId(), message.borrowerId(),
                    notice.map(io.dunninghub.ledger.OutcomeBook.NoticeRef::loanId).orElse(null),
                    notice.map(io.dunninghub.ledger.OutcomeBook.NoticeRef::audience).orElse("borrower"),
                    message.channel(), kind.get(), intake.clock().instant(), source(message.channel(), result),
                    message.noticeId(), null, null, result.reasonCode()), message.recipient());
        } catch (SQLException | RuntimeException e) {
            // the notice's own outcome matters more; the feedback row still marks the address
            LOG.warn("notice {}: could not record outcome {}: {}", message.noticeId(), kind.get().label(), e.getMessage());
        }
        return result;
    }

    /** smtp for e-mail (whichever relay), the push service's name for push (fcm, jpush …). */
    private static String source(String channel, DeliveryResult result) {
        if ("email".equals(channel)) {
            return "smtp";
        }
        String provider = result.provider() == null ? "push" : result.provider().toLowerCase(Locale.ROOT);
        for (String service : new String[] {"fcm", "jpush", "apns", "huawei"}) {
            if (provider.contains(service)) {
                return service;
            }
        }
        return provider;
    }
}
