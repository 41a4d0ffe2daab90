package io.dunninghub.outcome;

import io.dunninghub.contact.Contact;
import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.contact.ContactFeedbackStore;
import io.dunninghub.ledger.ContactOutcome;
import io.dunninghub.ledger.OutcomeBook;
import io.dunninghub.ledger.OutcomeKind;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.policy.OptOuts;
import io.dunninghub.policy.PolicyStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Takes in what came back about a contact: records the outcome once ({@link OutcomeBook}, once per source and
 * source id) and, only when it is new, applies what it means, in the same transaction:
 * <ul>
 *   <li>{@code wrong-number}: the phone is marked invalid for that borrower (contact feedback {@code ADDRESS_INVALID}
 *       on sms and call);</li>
 *   <li>{@code promise-to-pay}: a payment promise with its date and amount;</li>
 *   <li>{@code dispute}: a {@code DISPUTE} hold until someone lifts it (no expiry);</li>
 *   <li>{@code stop}: the number is opted out of SMS; {@code unsubscribed}: the e-mail address is opted out of
 *       e-mail;</li>
 *   <li>{@code bounced}: the e-mail address is marked invalid; {@code token-dead}: the push token is;</li>
 *   <li>{@code reply}: recorded; a reply with a dispute or complaint word ({@link ReplyRules}) raises that hold;</li>
 *   <li>{@code rejected} and the other call results: recorded only.</li>
 * </ul>
 * The address an effect is about is the one given (the number a STOP came from, the mailbox that bounced) or,
 * when none is, the borrower's current one from the contacts query.
 */
public final class OutcomeIntake {

    /** The borrowers' contacts (the core database's contacts query). */
    @FunctionalInterface
    public interface ContactLookup {
        ContactLookup NONE = ids -> Map.of();

        Map<String, Contact> lookup(Collection<String> borrowerIds) throws SQLException;
    }

    /**
     * What taking an outcome did.
     *
     * @param id       the outcome's row, or -1 when none was written (an SMS from a number no notice went to)
     * @param isNew    false when the source delivered it before (nothing was done again)
     * @param noticeId the notice it was tied to
     * @param effects  what it changed, in words (for the CLI and the admin API)
     */
    public record Taken(long id, boolean isNew, Optional<String> noticeId, List<String> effects) {
    }

    /** How far back an inbound SMS is matched to the notices sent to its number. */
    static final Duration SMS_MATCH_WINDOW = Duration.ofDays(90);

    private final DataSource hub;
    private final OutcomeBook book;
    private final Supplier<OptOuts> optOuts;
    private final ContactLookup contacts;
    private final ReplyRules replies;
    private final HubMetrics metrics;
    private final Clock clock;

    /**
     * @param optOuts  the opt-outs with the policy in force (stop words, default phone region)
     */
    public OutcomeIntake(DataSource hub, OutcomeBook book, Supplier<OptOuts> optOuts, ContactLookup contacts,
                         ReplyRules replies, HubMetrics metrics, Clock clock) {
        this.hub = hub;
        this.book = book;
        this.optOuts = optOuts;
        this.contacts = contacts;
        this.replies = replies;
        this.metrics = metrics;
        this.clock = clock;
    }

    public OutcomeBook book() {
        return book;
    }

    public Clock clock() {
        return clock;
    }

    /** Records an outcome and applies its effect, the address looked up when the effect needs one. */
    public Taken take(ContactOutcome o) throws SQLException {
        return take(o, null);
    }

    /**
     * @param address the address the outcome is about (the number a STOP came from, the mailbox that bounced), or
     *                null for the borrower's current one
     */
    public Taken take(ContactOutcome o, String address) throws SQLException {
        if (o.kind() == OutcomeKind.PROMISE_TO_PAY && o.promisedDate() == null) {
            throw new IllegalArgumentException("a promise-to-pay needs the promised date");
        }
        String channel = addressChannel(o.kind());
        String addr = address != null || channel == null ? address : currentAddress(o.borrowerId(), channel);
        List<String> effects = new ArrayList<>();
        Instant now = clock.instant();
        OptOuts opt = optOuts.get();
        OutcomeBook.Recorded r = book.record(o, (c, id, noticeId) -> apply(c, o, addr, noticeId, opt, now, effects));
        if (r.isNew()) {
            metrics.outcomeRecorded(sourceKind(o.source()), o.kind().label());
        } else {
            effects.add("already recorded (outcome #" + r.id() + "): nothing done again");
        }
        return new Taken(r.id(), r.isNew(), r.noticeId(), List.copyOf(effects));
    }

    /**
     * An SMS a borrower sent: a STOP word opts the number out of SMS ({@code stop}), anything else is a
     * {@code reply} with its text as the note. It is tied to the borrower whose number it came from and to the
     * last SMS notice sent to that number within 90 days; a STOP from a number no notice went to still opts the
     * number out, a reply from one is not recorded.
     *
     * @param source    twilio, aliyun, tencent
     * @param messageId the provider's id of the message; the same id is taken once
     */
    public Taken inboundSms(String source, String messageId, String from, String text, Instant at) throws SQLException {
        OptOuts opt = optOuts.get();
        Optional<String> stop = opt.stopWord(text);
        Optional<OutcomeBook.NoticeRef> notice = lastSmsTo(from, opt);
        if (notice.isEmpty()) {
            if (stop.isEmpty()) {
                return new Taken(-1, false, Optional.empty(), List.of("no SMS notice went to this number: not recorded"));
            }
            long id;
            try (Connection c = hub.getConnection()) {
                id = opt.recordOnce(c, null, "sms", from, OptOuts.SOURCE_SMS_STOP, source,
                        "replied '" + stop.get() + "'", at);
            }
            return new Taken(-1, false, Optional.empty(), List.of("number opted out of SMS (opt-out #" + id
                    + "); no SMS notice went to it, so no outcome recorded"));
        }
        OutcomeBook.NoticeRef n = notice.get();
        ContactOutcome o = new ContactOutcome(n.id(), n.borrowerId(), n.loanId(), n.audience(), "sms",
                stop.isPresent() ? OutcomeKind.STOP : OutcomeKind.REPLY, at, source, messageId, null, null,
                stop.isPresent() ? "replied '" + stop.get() + "'" : text);
        return take(o, from);
    }

    /** The last SMS notice sent to this number (to the borrower whose number it is now), if any. */
    Optional<OutcomeBook.NoticeRef> lastSmsTo(String from, OptOuts opt) throws SQLException {
        String digits = from == null ? "" : from.replaceAll("[^0-9]", "");
        String key = opt.key("sms", from);
        if (digits.length() < 6 || key == null) {
            return Optional.empty();
        }
        List<OutcomeBook.NoticeRef> sent = book.sentTo("sms", digits.substring(digits.length() - 4),
                clock.instant().minus(SMS_MATCH_WINDOW), 200);
        Collection<String> borrowers = new LinkedHashSet<>(sent.stream().filter(n -> "borrower".equals(n.audience()))
                .map(OutcomeBook.NoticeRef::borrowerId).toList());
        if (borrowers.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Contact> found = contacts.lookup(borrowers);
        for (OutcomeBook.NoticeRef n : sent) {
            Contact c = found.get(n.borrowerId());
            if ("borrower".equals(n.audience()) && c != null && key.equals(opt.key("sms", c.phone()))) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private void apply(Connection c, ContactOutcome o, String address, String noticeId, OptOuts opt, Instant now,
                       List<String> effects) throws SQLException {
        String by = o.source();
        String ref = o.source() + (o.externalId() == null ? "" : " " + o.externalId());
        switch (o.kind()) {
            case WRONG_NUMBER -> feedback(c, o, opt.normalised("sms", address), noticeId, List.of("sms", "call"),
                    ContactFeedback.Reason.ADDRESS_INVALID, now, effects, "phone marked invalid");
            case PROMISE_TO_PAY -> {
                long id = PolicyStore.addPromise(c, o.borrowerId(), o.loanId(), o.promisedDate(), o.promisedAmount(),
                        "promise to pay (" + ref + ")", by, now);
                effects.add("promise #" + id + " to pay by " + o.promisedDate()
                        + (o.promisedAmount() == null ? "" : ", " + o.promisedAmount().toPlainString()));
            }
            case DISPUTE -> {
                long id = PolicyStore.addHold(c, o.borrowerId(), o.loanId(), "DISPUTE", null,
                        "disputed (" + ref + "); until reviewed", by, now);
                effects.add("DISPUTE hold #" + id + " until reviewed");
            }
            case STOP -> {
                long id = opt.recordOnce(c, o.borrowerId(), "sms", address,
                        OptOuts.SOURCE_SMS_STOP, by, o.note() == null ? "STOP (" + ref + ")" : o.note(), now);
                effects.add((address == null ? "borrower" : "number") + " opted out of SMS (opt-out #" + id + ")");
            }
            case UNSUBSCRIBED -> {
                long id = opt.recordOnce(c, o.borrowerId(), "email", address, OptOuts.SOURCE_EMAIL_UNSUBSCRIBE, by,
                        "e-mail unsubscribe (" + ref + ")", now);
                effects.add((address == null ? "borrower" : "address") + " opted out of e-mail (opt-out #" + id + ")");
            }
            case BOUNCED -> feedback(c, o, address, noticeId, List.of("email"), ContactFeedback.Reason.ADDRESS_INVALID,
                    now, effects, "e-mail address marked invalid");
            case TOKEN_DEAD -> feedback(c, o, address, noticeId, List.of("push"),
                    ContactFeedback.Reason.TOKEN_UNREGISTERED, now, effects, "push token marked dead");
            case REPLY -> {
                Optional<Map.Entry<String, String>> hold = replies.holdFor(o.note());
                if (hold.isPresent()) {
                    long id = PolicyStore.addHold(c, o.borrowerId(), o.loanId(), hold.get().getKey(), null,
                            "SMS reply with '" + hold.get().getValue() + "' (" + ref + "); until reviewed", by, now);
                    effects.add(hold.get().getKey() + " hold #" + id + " until reviewed (the reply says '"
                            + hold.get().getValue() + "')");
                } else {
                    effects.add("reply recorded");
                }
            }
            default -> effects.add("recorded");
        }
    }

    private static void feedback(Connection c, ContactOutcome o, String address, String noticeId, List<String> channels,
                                 ContactFeedback.Reason reason, Instant now, List<String> effects, String done)
            throws SQLException {
        if (address == null || address.isBlank()) {
            effects.add("no address on record: nothing marked");
            return;
        }
        List<ContactFeedback> rows = channels.stream().map(ch -> new ContactFeedback(o.borrowerId(), ch,
                ContactFeedback.addressHash(ch, address), reason, o.source(), noticeId, o.kind().name())).toList();
        ContactFeedbackStore.insert(c, rows, now);
        effects.add(done);
    }

    /** The channel whose address an outcome's effect is about, or null when it needs none. */
    private static String addressChannel(OutcomeKind kind) {
        return switch (kind) {
            case WRONG_NUMBER, STOP -> "sms";
            case UNSUBSCRIBED, BOUNCED -> "email";
            case TOKEN_DEAD -> "push";
            default -> null;
        };
    }

    private String currentAddress(String borrowerId, String channel) throws SQLException {
        Contact c = contacts.lookup(List.of(borrowerId)).get(borrowerId);
        if (c == null) {
            return null;
        }
        String a = c.addressFor(channel);
        return a == null || a.isBlank() ? null : a;
    }

    /** The metric's source label: {@code cli:ops-zhang} counts as {@code cli}. */
    static String sourceKind(String source) {
        int colon = source.indexOf(':');
        return colon < 0 ? source : source.substring(0, colon);
    }
}
