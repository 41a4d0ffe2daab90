package io.dunninghub.receipt;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lob's webhook signature: {@code Lob-Signature} is the hex HMAC-SHA256, keyed with the webhook secret, of
 * {@code <Lob-Signature-Timestamp>.<raw body>}. A timestamp too far from now is refused, so a captured
 * callback cannot be replayed later.
 */
public final class LobSignature {

    public enum Verdict { VALID, MISSING, BAD_SIGNATURE, STALE }

    private LobSignature() {
    }

    public static String compute(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param timestamp epoch milliseconds (Lob's form) or seconds */
    public static Verdict verify(String secret, String timestamp, String signature, byte[] body, Instant now,
                                 Duration tolerance) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return Verdict.MISSING;
        }
        String ts = timestamp.strip();
        byte[] expected = compute(secret, ts, body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            return Verdict.BAD_SIGNATURE;
        }
        Instant at;
        try {
            long v = Long.parseLong(ts);
            at = v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        } catch (NumberFormatException e) {
            return Verdict.BAD_SIGNATURE;
        }
        return Duration.between(at, now).abs().compareTo(tolerance) > 0 ? Verdict.STALE : Verdict.VALID;
    }
}
