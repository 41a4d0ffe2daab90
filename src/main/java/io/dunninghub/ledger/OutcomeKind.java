package io.dunninghub.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What came of a contact. Call results from a dialer; what a borrower answered or did (a reply, STOP, an
 * unsubscribe click); what a provider reported about the address (a bounce, a policy rejection, a dead push
 * token). Written in ladders and on the command line by {@link #label()}: {@code no-answer}, {@code promise-to-pay}.
 */
public enum OutcomeKind {
    /** The agent spoke with the person: a conversation (starts the policy's cool-down after a conversation). */
    CONNECTED,
    NO_ANSWER,
    BUSY,
    VOICEMAIL,
    /** The number is not the person's: marked invalid for that borrower. */
    WRONG_NUMBER,
    /** The person refused to talk. */
    REFUSED,
    /** A promise to pay by a date (and amount): creates the promise. */
    PROMISE_TO_PAY,
    /** The person disputes the debt: creates a DISPUTE hold until reviewed. */
    DISPUTE,
    /** A reply that is none of the above, kept for a person to read. */
    REPLY,
    /** A STOP word: the number is opted out. */
    STOP,
    /** An e-mail unsubscribe (link or mailto): the address is opted out. */
    UNSUBSCRIBED,
    /** The address does not exist (an SMTP 5.1.x): marked invalid. */
    BOUNCED,
    /** Refused for policy or content (an SMTP 5.7.x): the address stays; the notice failed. */
    REJECTED,
    /** The push token is dead (FCM UNREGISTERED, JPush 1003): no more pushes to it. */
    TOKEN_DEAD,
    /** A conversation recorded before call results had kinds of their own (migration V2). */
    CONVERSATION;

    /** The ladder and command-line spelling: lower case, dashes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<OutcomeKind> ofLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String n = label.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(k -> k.name().equals(n)).findFirst();
    }

    /** Whether the agent reached the person (a conversation, whatever it led to). */
    public boolean reachedPerson() {
        return this == CONNECTED || this == PROMISE_TO_PAY || this == DISPUTE || this == REFUSED || this == CONVERSATION;
    }

    /** Every label, for error messages. */
    public static String labels() {
        return String.join(", ", Arrays.stream(values()).filter(k -> k != CONVERSATION).map(OutcomeKind::label).toList());
    }
}
