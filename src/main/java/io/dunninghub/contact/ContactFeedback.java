package io.dunninghub.contact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A provider's permanent answer about one of a borrower's addresses: the number unsubscribed at the provider,
 * the push token is gone, the e-mail bounced, the letter came back. Kept in the hub's {@code contact_feedback}
 * table for the contact policy to read; the address itself is never stored, only {@link #addressHash}.
 *
 * @param source   provider name, or {@code receipt:<kind>} for a delivery callback
 * @param noticeId the notice whose sending or receipt told us
 */
public record ContactFeedback(String borrowerId, String channel, String addressHash, Reason reason, String source,
                              String noticeId, String detail) {

    public enum Reason {
        /** The borrower unsubscribed at the provider (Twilio 21610: replied STOP; Tencent's blacklist). */
        OPTED_OUT,
        /** The push token no longer exists or never was one (FCM UNREGISTERED or an invalid token, JPush 1011). */
        TOKEN_UNREGISTERED,
        /** The address does not work: e-mail bounced, number unknown or a landline, letter returned. */
        ADDRESS_INVALID
    }

    /** Reason codes (from adapters and receipts) that are feedback about the address, per channel. */
    private static final Map<String, Reason> BY_CHANNEL_AND_CODE = Map.ofEntries(
            Map.entry("sms:TWILIO_21610", Reason.OPTED_OUT),
            Map.entry("sms:TWILIO_30005", Reason.ADDRESS_INVALID),
            Map.entry("sms:TWILIO_30006", Reason.ADDRESS_INVALID),
            Map.entry("sms:TENCENT_FailedOperation.PhoneNumberInBlacklist", Reason.OPTED_OUT),
            Map.entry("sms:ALIYUN_isv.MOBILE_NUMBER_ILLEGAL", Reason.ADDRESS_INVALID),
            Map.entry("letter:LOB_failed_deliverability_strictness", Reason.ADDRESS_INVALID),
            Map.entry("email:INVALID_RECIPIENT", Reason.ADDRESS_INVALID),
            Map.entry("email:SMTP_550", Reason.ADDRESS_INVALID),
            Map.entry("email:SMTP_551", Reason.ADDRESS_INVALID),
            Map.entry("email:SMTP_553", Reason.ADDRESS_INVALID),
            Map.entry("letter:LOB_RETURNED_TO_SENDER", Reason.ADDRESS_INVALID),
            // FCM: not a valid registration token; JPush 1003 on the registration id
            Map.entry("push:TOKEN_INVALID", Reason.TOKEN_UNREGISTERED),
            Map.entry("email:SENDGRID_BOUNCE", Reason.ADDRESS_INVALID),
            Map.entry("email:SENDGRID_DROPPED_BOUNCED", Reason.ADDRESS_INVALID),
            Map.entry("email:SENDGRID_DROPPED_INVALID", Reason.ADDRESS_INVALID),
            Map.entry("email:SENDGRID_DROPPED_UNSUBSCRIBED", Reason.OPTED_OUT),
            Map.entry("email:SENDGRID_DROPPED_SPAM_REPORT", Reason.OPTED_OUT),
            Map.entry("sms:SNS_OptedOut", Reason.OPTED_OUT),
            Map.entry("push:WECHAT_43004", Reason.OPTED_OUT),
            Map.entry("push:WECHAT_43101", Reason.OPTED_OUT),
            Map.entry("push:WECHAT_40003", Reason.ADDRESS_INVALID));

    /** What a FAILED or UNDELIVERED reason code says about the address, or null when nothing. */
    public static Reason forReason(String channel, String reasonCode) {
        if (channel == null || reasonCode == null) {
            return null;
        }
        Reason r = BY_CHANNEL_AND_CODE.get(channel + ":" + reasonCode);
        if (r == null && "push".equals(channel) && reasonCode.toUpperCase(Locale.ROOT).contains("UNREGISTERED")) {
            // FCM's errorCode, whatever prefix the push adapter puts on it
            r = Reason.TOKEN_UNREGISTERED;
        }
        return r;
    }

    /**
     * SHA-256 (hex) of the address in canonical form: phone numbers as {@code +} and digits (write them in
     * E.164 to match what providers report), e-mail addresses lower-cased, anything else trimmed. The policy
     * uses the same function to tell whether the feedback is about the address on record now.
     */
    public static String addressHash(String channel, String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        String canonical;
        if (a.contains("@")) {
            canonical = a.toLowerCase(Locale.ROOT);
        } else if ("sms".equals(channel) || "call".equals(channel) || a.matches("\\+?[0-9 ().-]{6,}")) {
            canonical = (a.startsWith("+") ? "+" : "") + a.replaceAll("[^0-9]", "");
        } else {
            canonical = a.replaceAll("\\s+", " ");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
