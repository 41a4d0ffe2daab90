package io.dunninghub.ledger;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that seal what was sent ({@code notice_content.ciphertext}): AES-256-GCM from the JDK, a random 96-bit
 * nonce per record, a 128-bit tag, the notice id as associated data (a ciphertext moved to another notice's row
 * does not open). New content is sealed under the current key; every row names its key id, so after a rotation
 * the old keys ({@code hub.evidence.keys.<id>}) still open the rows sealed under them. Thread-safe.
 */
public final class ContentKeys {

    /** No keys: nothing is sealed and nothing opens (hub.evidence.content = none or hashes, and no key given). */
    public static final ContentKeys NONE = new ContentKeys(null, Map.of());

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKey> keys;

    private ContentKeys(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
    }

    /** A key that is not Base64 of exactly 32 bytes, in words that name neither the key nor its bytes. */
    public static final class BadKey extends IllegalArgumentException {
        private final String id;
        private final boolean aboutTheId;

        BadKey(String id, String problem) {
            this(id, problem, false);
        }

        BadKey(String id, String problem, boolean aboutTheId) {
            super(problem);
            this.id = id;
            this.aboutTheId = aboutTheId;
        }

        /** Whether the id itself is wrong rather than the key's value. */
        public boolean isAboutTheId() {
            return aboutTheId;
        }

        /** The key id whose value is wrong. */
        public String keyId() {
            return id;
        }
    }

    /**
     * @param currentId  the id new content is sealed under (stored in each row)
     * @param currentKey Base64 of 32 random bytes
     * @param older      earlier keys by id, to open rows sealed before a rotation
     * @throws BadKey naming the id whose value is not Base64 of 32 bytes
     */
    public static ContentKeys of(String currentId, String currentKey, Map<String, String> older) {
        if (currentId == null || !currentId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new BadKey(currentId, "key id must be 1 to 64 letters, digits, '.', '_' or '-'", true);
        }
        Map<String, SecretKey> all = new LinkedHashMap<>();
        older.forEach((id, value) -> all.put(id, key(id, value)));
        all.put(currentId, key(currentId, currentKey));
        return new ContentKeys(currentId, all);
    }

    private static SecretKey key(String id, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new BadKey(id, "no key given (Base64 of 32 random bytes, e.g. openssl rand -base64 32)");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new BadKey(id, "is not Base64 (give Base64 of 32 random bytes, e.g. openssl rand -base64 32)");
        }
        if (raw.length != 32) {
            throw new BadKey(id, "is " + raw.length + " bytes, an AES-256 key is 32 (openssl rand -base64 32)");
        }
        return new SecretKeySpec(raw, "AES");
    }

    public boolean canSeal() {
        return currentId != null;
    }

    public String currentId() {
        return currentId;
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    /** Bytes sealed under one key: what a {@code notice_content} row stores. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    public Sealed seal(byte[] plain, String noticeId) {
        if (currentId == null) {
            throw new IllegalStateException("no evidence key configured");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(noticeId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new Sealed(currentId, nonce, c.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * @throws IllegalArgumentException when the key id is not configured, or the ciphertext, nonce or notice id do
     *                                  not match (tampered with, or another key of the same id)
     */
    public byte[] open(Sealed sealed, String noticeId) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalArgumentException("sealed under key '" + sealed.keyId() + "', which is not configured "
                    + "(hub.evidence.key-id / hub.evidence.keys." + sealed.keyId() + ")");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            c.updateAAD(noticeId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return c.doFinal(sealed.ciphertext());
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("content of notice " + noticeId + " does not open under key '"
                    + sealed.keyId() + "': altered, or a different key under that id");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName(), e);
        }
    }
}
