package io.dunninghub.policy;

import io.dunninghub.common.Mask;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Records opt-outs in the hub's table, honoured by the send-time check of the very next notice. Used by the
 * {@code optout} command and meant for the inbound-SMS and unsubscribe webhooks: an inbound reply is classified
 * with {@link StopKeywords} and, if it is a stop, the sending address is opted out of that channel.
 */
public final class OptOuts {

    public static final String SOURCE_CLI = "CLI";
    public static final String SOURCE_SMS_STOP = "SMS_STOP";
    public static final String SOURCE_EMAIL_UNSUBSCRIBE = "EMAIL_UNSUBSCRIBE";

    private final PolicyStore store;
    private final StopKeywords keywords;
    private final String defaultRegion;

    public OptOuts(PolicyStore store, StopKeywords keywords, String defaultRegion) {
        this.store = store;
        this.keywords = keywords;
        this.defaultRegion = defaultRegion;
    }

    /**
     * Records an opt-out and returns its id. Give a borrower (all their addresses), an address (whoever it
     * belongs to), or both; {@code channel} null opts out of every channel.
     */
    public long record(String borrowerId, String channel, String address, String source, String by, String reason,
                       Instant at) throws SQLException {
        if ((borrowerId == null || borrowerId.isBlank()) && (address == null || address.isBlank())) {
            throw new IllegalArgumentException("an opt-out needs a borrower or an address");
        }
        String hashChannel = channel == null ? "sms" : channel;
        String hash = AddressKey.of(hashChannel, address, defaultRegion);
        String masked = address == null ? null
                : Mask.recipient(hashChannel, AddressKey.normalisedAddress(hashChannel, address, defaultRegion));
        return store.addOptOut(blankToNull(borrowerId), channel, hash, masked, source, reason, by, at);
    }

    /**
     * {@link #record} within the caller's transaction, unless the address is opted out of that channel already
     * (then that opt-out's id): an inbound STOP or an unsubscribe click delivered twice opts out once.
     */
    public long recordOnce(java.sql.Connection c, String borrowerId, String channel, String address, String source,
                           String by, String reason, Instant at) throws SQLException {
        if ((borrowerId == null || borrowerId.isBlank()) && (address == null || address.isBlank())) {
            throw new IllegalArgumentException("an opt-out needs a borrower or an address");
        }
        String hashChannel = channel == null ? "sms" : channel;
        String hash = AddressKey.of(hashChannel, address, defaultRegion);
        if (hash != null) {
            Optional<Long> known = PolicyStore.activeOptOut(c, hashChannel, hash);
            if (known.isPresent()) {
                return known.get();
            }
        }
        String masked = address == null ? null
                : Mask.recipient(hashChannel, AddressKey.normalisedAddress(hashChannel, address, defaultRegion));
        return PolicyStore.addOptOut(c, blankToNull(borrowerId), channel, hash, masked, source, reason, by, at);
    }

    /** The keyword an inbound SMS revokes consent with, if any. */
    public Optional<String> stopWord(String text) {
        return keywords.match(text);
    }

    /** The address as it is compared: a phone number in E.164 (national numbers in the default region). */
    public String normalised(String channel, String address) {
        return address == null || address.isBlank() ? address : AddressKey.normalisedAddress(channel, address, defaultRegion);
    }

    /** The key an address is opted out under (see {@link AddressKey}). */
    public String key(String channel, String address) {
        return AddressKey.of(channel, address, defaultRegion);
    }

    /** An inbound SMS: if it says stop, opts the sending number out of SMS and returns the opt-out's id. */
    public Optional<Long> recordInboundSms(String from, String text, Instant at) throws SQLException {
        Optional<String> keyword = keywords.match(text);
        if (keyword.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(record(null, "sms", from, SOURCE_SMS_STOP, "inbound-sms",
                "replied '" + keyword.get() + "'", at));
    }

    /** An e-mail unsubscribe (link or reply): opts that address out of e-mail. */
    public long recordEmailUnsubscribe(String address, String borrowerId, Instant at) throws SQLException {
        return record(borrowerId, "email", address, SOURCE_EMAIL_UNSUBSCRIBE, "unsubscribe", "e-mail unsubscribe", at);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
