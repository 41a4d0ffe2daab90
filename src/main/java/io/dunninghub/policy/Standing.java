package io.dunninghub.policy;

import io.dunninghub.ladder.Audience;
import io.dunninghub.ledger.ContactAttempt;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the policy knows about one borrower besides their contact record: legal holds, promises to pay,
 * opt-outs recorded outside the contact record, and the contacts already made (sent or being sent) and
 * conversations held, which caps and cool-downs count. Built from the hub's own tables, the optional core
 * database queries and the ledger; the policy only reads it.
 */
public record Standing(List<Hold> holds, List<Promise> promises, List<OptOut> optOuts, List<ContactAttempt> attempts,
                       List<Conversation> conversations) {

    public static final Standing NONE = new Standing(List.of(), List.of(), List.of(), List.of(), List.of());

    public Standing {
        holds = List.copyOf(holds);
        promises = List.copyOf(promises);
        optOuts = List.copyOf(optOuts);
        attempts = List.copyOf(attempts);
        conversations = List.copyOf(conversations);
    }

    /** The same standing with one more contact counted (a notice approved earlier in the same batch). */
    public Standing withAttempt(ContactAttempt a) {
        List<ContactAttempt> more = new ArrayList<>(attempts);
        more.add(a);
        return new Standing(holds, promises, optOuts, more, conversations);
    }

    /**
     * A legal hold (dispute, complaint, hardship, bankruptcy, deceased, cease-communication) on the borrower
     * ({@code loanId} null) or on one loan, until {@code expiresAt} (exclusive) or for good when null.
     */
    public record Hold(String id, String loanId, String kind, Instant expiresAt, String source) {

        public boolean activeAt(Instant t, String forLoan) {
            return (loanId == null || loanId.equals(forLoan)) && (expiresAt == null || t.isBefore(expiresAt));
        }
    }

    /** A promise to pay the borrower's debt ({@code loanId} null) or one loan by {@code promisedDate}. */
    public record Promise(String id, String loanId, LocalDate promisedDate, String source) {

        public boolean covers(String forLoan) {
            return loanId == null || loanId.equals(forLoan);
        }
    }

    /**
     * An opt-out from a channel ({@code channel} null: every channel), either for the borrower as a person
     * ({@code addressKey} null) or for one address, whoever it belongs to ({@link AddressKey}).
     */
    public record OptOut(String channel, String addressKey, String source) {

        public boolean applies(String toChannel, String audience, String toAddressKey) {
            if (channel != null && !channel.equals(toChannel)) {
                return false;
            }
            return addressKey == null ? Audience.BORROWER.equals(Audience.role(audience))
                    : addressKey.equals(toAddressKey);
        }
    }

    /**
     * What came of a call to {@code audience} about a loan: a conversation ({@code reached}: the agent spoke with
     * them), or a call that did not reach them (no answer, busy, voicemail, a wrong number). Cool-downs count the
     * conversations; the connected-calls cap counts the call tasks that did not come back unreached.
     */
    public record Conversation(String loanId, String audience, Instant at, boolean reached) {

        public Conversation(String loanId, String audience, Instant at) {
            this(loanId, audience, at, true);
        }
    }
}
