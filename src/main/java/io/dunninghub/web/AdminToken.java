package io.dunninghub.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin API's bearer token, kept only as its SHA-256 and compared in constant time; {@link #NONE} when no
 * token is configured, and then the API is off.
 */
public final class AdminToken {

    /** No token: every admin path answers 404. */
    public static final AdminToken NONE = new AdminToken(null);

    private final byte[] hash;

    private AdminToken(byte[] hash) {
        this.hash = hash;
    }

    /** The token of {@code hub.admin.token} as checked by the settings; blank = {@link #NONE}. */
    public static AdminToken of(String configured) {
        return configured == null || configured.isBlank() ? NONE : new AdminToken(sha256(configured.strip()));
    }

    public boolean isSet() {
        return hash != null;
    }

    /** Whether {@code presented} is the token; in time independent of where (or whether) they differ. */
    public boolean matches(String presented) {
        // hashing first makes the comparison independent of the tokens' lengths too
        return hash != null && presented != null && MessageDigest.isEqual(hash, sha256(presented.strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return isSet() ? "AdminToken[set]" : "AdminToken[none]"; // never the token
    }
}
