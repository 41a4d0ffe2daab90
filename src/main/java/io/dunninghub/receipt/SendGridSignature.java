package io.dunninghub.receipt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * SendGrid's Signed Event Webhook: {@code X-Twilio-Email-Event-Webhook-Signature} is an ECDSA (P-256, SHA-256)
 * signature, Base64 DER, of {@code <X-Twilio-Email-Event-Webhook-Timestamp><raw body>}, checked with the
 * verification key SendGrid shows in its Mail Settings (Base64 of the DER public key). A timestamp too far from now
 * is refused, so a captured callback cannot be replayed later.
 */
public final class SendGridSignature {

    public static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

    public enum Verdict { VALID, MISSING, BAD_SIGNATURE, STALE }

    private SendGridSignature() {
    }

    /** The verification key as SendGrid shows it; an {@link IllegalArgumentException} says why it is not one. */
    public static PublicKey publicKey(String base64) {
        String der = base64.strip().replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(der)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a SendGrid verification key (Base64 of an EC public key)");
        }
    }

    /** @param timestamp Unix seconds, as SendGrid sends it */
    public static Verdict verify(PublicKey key, String timestamp, String signature, byte[] body, Instant now,
                                 Duration tolerance) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return Verdict.MISSING;
        }
        String ts = timestamp.strip();
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(ts.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body);
            if (!ecdsa.verify(Base64.getDecoder().decode(signature.strip()))) {
                return Verdict.BAD_SIGNATURE;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Verdict.BAD_SIGNATURE; // not Base64, not DER: not SendGrid's
        }
        Instant at;
        try {
            at = Instant.ofEpochSecond(Long.parseLong(ts));
        } catch (NumberFormatException e) {
            return Verdict.BAD_SIGNATURE;
        }
        return Duration.between(at, now).abs().compareTo(tolerance) > 0 ? Verdict.STALE : Verdict.VALID;
    }
}
