package io.dunninghub.web.console;

import io.dunninghub.web.AdminToken;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may look at the console: the holder of the viewer token ({@code hub.console.viewer-token}) or of the admin
 * token ({@code hub.admin.token}), presented as {@code Authorization: Bearer <token>} or through the session cookie
 * the login form sets. Tokens are compared as {@link AdminToken}s (SHA-256, constant time). The cookie never
 * carries a token: it is {@code <role>.<expiry>.<HMAC>} keyed with the token's own hash, so it is checked without
 * server-side state, holds on every instance with the same tokens, and dies when the token is changed.
 */
public final class ConsoleAccess {

    /** What a request may do. */
    public enum Role {
        /** No (valid) token. */
        NONE,
        /** Reads every page; personal data masked. */
        VIEWER,
        /** Reads every page as a viewer does, and may replay, cancel and hold after a confirmation. */
        ADMIN
    }

    public static final String COOKIE = "dunninghub_console";
    /** How long a login holds. */
    public static final Duration SESSION = Duration.ofHours(8);

    private final AdminToken viewer;
    private final AdminToken admin;
    private final byte[] viewerKey;
    private final byte[] adminKey;
    private final Clock clock;

    /** @param viewerToken {@code hub.console.viewer-token}, blank = none; @param adminToken {@code hub.admin.token} */
    public ConsoleAccess(String viewerToken, String adminToken, Clock clock) {
        this.viewer = AdminToken.of(viewerToken);
        this.admin = AdminToken.of(adminToken);
        this.viewerKey = key("viewer", viewerToken);
        this.adminKey = key("admin", adminToken);
        this.clock = clock;
    }

    /** Whether the console is on: some token is configured. */
    public boolean enabled() {
        return viewer.isSet() || admin.isSet();
    }

    /** The role of a presented token; the admin token wins should both be equal. */
    public Role ofToken(String presented) {
        if (presented == null || presented.isBlank()) {
            return Role.NONE;
        }
        // both compared every time, so the answer's timing says nothing about which one matched
        boolean isAdmin = admin.matches(presented);
        boolean isViewer = viewer.matches(presented);
        return isAdmin ? Role.ADMIN : isViewer ? Role.VIEWER : Role.NONE;
    }

    /** The role of a request: its bearer token, else its session cookie. */
    public Role of(String authorization, String cookieHeader) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ofToken(authorization.substring(7));
        }
        return ofSession(cookie(cookieHeader, COOKIE));
    }

    /** The session cookie's value for a role, valid for {@link #SESSION} from now. */
    public String session(Role role) {
        if (role == Role.NONE) {
            throw new IllegalArgumentException("no session without a role");
        }
        String claim = role.name().toLowerCase(java.util.Locale.ROOT) + "." + clock.instant().plus(SESSION).getEpochSecond();
        return claim + "." + mac(role == Role.ADMIN ? adminKey : viewerKey, claim);
    }

    /** The role a session cookie grants: none when it is absent, forged, for a token since changed, or expired. */
    public Role ofSession(String value) {
        if (value == null) {
            return Role.NONE;
        }
        String[] parts = value.split("\\.");
        if (parts.length != 3) {
            return Role.NONE;
        }
        Role role = switch (parts[0]) {
            case "admin" -> Role.ADMIN;
            case "viewer" -> Role.VIEWER;
            default -> Role.NONE;
        };
        byte[] key = role == Role.ADMIN ? adminKey : role == Role.VIEWER ? viewerKey : null;
        if (key == null) {
            return Role.NONE;
        }
        String expected = mac(key, parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Role.NONE;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(parts[1])).isAfter(clock.instant()) ? role : Role.NONE;
        } catch (NumberFormatException e) {
            return Role.NONE;
        }
    }

    /** One cookie's value from a Cookie header, or null. */
    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** Null when no such token: that role then has no sessions at all. */
    private static byte[] key(String role, String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(("dunning-hub console " + role + "\n" + token.strip())
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mac(byte[] key, String claim) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(claim.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ConsoleAccess[viewer " + (viewer.isSet() ? "set" : "none") + ", admin " + (admin.isSet() ? "set" : "none") + "]";
    }
}
