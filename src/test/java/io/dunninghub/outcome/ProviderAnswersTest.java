package io.dunninghub.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.contact.ContactFeedbackStore;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.Messages;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.email.SmtpEmailAdapter;
import io.dunninghub.dispatch.FeedbackGateway;
import io.dunninghub.ledger.OutcomeBook;
import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.policy.OptOuts;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.policy.StopKeywords;
import io.dunninghub.support.Ledgers;
import io.dunninghub.support.ScriptedSmtpRelay;
import io.dunninghub.support.Slow;
import io.dunninghub.support.TestClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Which provider answers are outcomes: SMTP by enhanced status code (5.1.x bounced, 5.7.x rejected), dead push tokens. */
class ProviderAnswersTest {

    @Test
    void enhancedStatusCodesDecide() {
        assertThat(ProviderAnswers.of("email", "SMTP_550", "SMTP 550: 550 5.1.1 <z***@b.example>: User unknown"))
                .contains(OutcomeKind.BOUNCED);
        assertThat(ProviderAnswers.of("email", "SMTP_POLICY", "SMTP 550: 550 5.7.26 unauthenticated")).contains(OutcomeKind.REJECTED);
        assertThat(ProviderAnswers.of("email", "SMTP_554", "SMTP 554: 554 5.7.1 rejected as spam")).as("another relay's wording")
                .contains(OutcomeKind.REJECTED);
        assertThat(ProviderAnswers.of("email", "SMTP_552", "SMTP 552: 552 5.2.2 mailbox full")).isEmpty();
        assertThat(ProviderAnswers.of("email", "SMTP_550", "SMTP 550: mailbox unavailable")).contains(OutcomeKind.BOUNCED);
        assertThat(ProviderAnswers.of("email", "SMTP_554", "SMTP 554: transaction failed")).isEmpty();
        assertThat(ProviderAnswers.of("email", "INVALID_RECIPIENT", null)).isEmpty();
        assertThat(ProviderAnswers.of("push", "TOKEN_UNREGISTERED", "device token is no longer valid")).contains(OutcomeKind.TOKEN_DEAD);
        assertThat(ProviderAnswers.of("push", "TOKEN_INVALID", "JPush 1003")).contains(OutcomeKind.TOKEN_DEAD);
        assertThat(ProviderAnswers.of("push", "FCM_QUOTA_EXCEEDED", null)).isEmpty();
        assertThat(ProviderAnswers.of("sms", "TWILIO_21610", null)).isEmpty();
    }

}
