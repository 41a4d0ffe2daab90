package io.dunninghub.channel.email;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of an e-mail's unsubscribe link: the notice id and an HMAC-SHA256 of it under
 * {@code hub.unsubscribe.secret}, both Base64url, joined by a dot. Nobody without the secret can make one for
 * another notice, so a link cannot be guessed or altered to opt someone else out.
 */
public final class UnsubscribeToken {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;

    /** @param secret at least 16 characters (checked where the key is read) */
    public UnsubscribeToken(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("an unsubscribe token needs a secret");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String of(String noticeId) {
        return B64.encodeToString(noticeId.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(mac(noticeId));
    }

    /** The notice id a genuine token names; empty for anything else (a guess, a cut or altered link). */
    public Optional<String> noticeId(String token) {
        if (token == null || token.length() > 300) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            String id = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            return MessageDigest.isEqual(mac(id), given) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String noticeId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("unsubscribe:" + noticeId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
