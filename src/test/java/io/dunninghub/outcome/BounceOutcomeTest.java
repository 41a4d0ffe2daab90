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

/**
 * A relay's answer classified by its enhanced status code: 550 5.1.1 is a bounce (the address marked invalid),
 * 550 5.7.26 a policy rejection (recorded, the address kept); dead push tokens are recorded as token-dead. Through
 * the same gateways the daemon chains, with a scripted SMTP relay and a PostgreSQL ledger.
 */
@Slow
class BounceOutcomeTest {

    @Test
    void aBounceFromTheRelayIsRecordedAndMarksTheAddressAPolicyRejectionOnlyRecords() throws Exception {
        DataSource ds = Ledgers.fresh("postgresql");
        Clock clock = new TestClock(Instant.parse("2026-11-23T02:00:00Z"));
        OutcomeIntake intake = new OutcomeIntake(ds, new OutcomeBook(ds, "test"),
                () -> new OptOuts(new PolicyStore(ds), StopKeywords.defaults(), "CN"), OutcomeIntake.ContactLookup.NONE,
                ReplyRules.NONE, HubMetrics.NONE, clock);
        String bounce = "550 5.1.1 The email account that you tried to reach does not exist.";
        String policy = "550-5.7.26 This mail has been blocked because the sender is unauthenticated.\r\n"
                + "550 5.7.26  Authentication results: dkim=none spf=none";
        for (String[] c : new String[][] {{"N-bounce", bounce, "bounced@borrower.example"},
                {"N-policy", policy, "kept@borrower.example"}}) {
            try (ScriptedSmtpRelay relay = new ScriptedSmtpRelay(c[1])) {
                SmtpEmailAdapter smtp = new SmtpEmailAdapter(new ProviderSettings("smtp-relay", "email", "smtp", 0, true,
                        Map.of("host", "127.0.0.1", "port", String.valueOf(relay.port()), "from", "n@lender.example", "timeout-ms", "3000", "connection-timeout-ms", "2000")));
                try {
                    OutcomeGateway gateway = new OutcomeGateway(new FeedbackGateway(smtp::send,
                            new ContactFeedbackStore(ds), clock), intake);
                    OutboundMessage m = Messages.forBorrower(Messages.message(c[0], "L1:formal:email:borrower:0", "email",
                            c[2], null, "en", "Overdue", "text", null, null), "B1");
                    DeliveryResult r = gateway.send(m);
                    assertThat(r.outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
                } finally {
                    smtp.close();
                }
            }
        }
        assertThat(rows(ds, "SELECT external_id, outcome, source, channel FROM contact_outcome ORDER BY id"))
                .containsExactly("N-bounce BOUNCED smtp email", "N-policy REJECTED smtp email");
        assertThat(rows(ds, "SELECT notice_id, address_hash, reason FROM contact_feedback")).containsExactly(
                "N-bounce " + ContactFeedback.addressHash("email", "bounced@borrower.example") + " ADDRESS_INVALID");

        // a dead push token, as the FCM adapter answers UNREGISTERED
        OutcomeGateway push = new OutcomeGateway(new FeedbackGateway(m -> DeliveryResult.failed("fcm-main",
                "TOKEN_UNREGISTERED", "FCM 404 UNREGISTERED (device token is no longer valid)"),
                new ContactFeedbackStore(ds), clock), intake);
        OutboundMessage token = Messages.forBorrower(Messages.of("N-push", "push", "fcm-token-9", "t", "b", null), "B1");
        push.send(token);
        push.send(token); // the notice replayed by an operator: its outcome is not recorded twice
        assertThat(rows(ds, "SELECT outcome, source FROM contact_outcome WHERE external_id = 'N-push'"))
                .containsExactly("TOKEN_DEAD fcm");
        assertThat(Optional.of(rows(ds, "SELECT reason FROM contact_feedback WHERE notice_id = 'N-push'")))
                .contains(List.of("TOKEN_UNREGISTERED"));
    }

    private static List<String> rows(DataSource ds, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
