package io.dunninghub.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dunninghub.channel.http.ProviderHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * OAuth 2.0 access tokens for a Google service account (RFC 7523 JWT bearer grant): a JWT signed RS256 with
 * the account's private key is exchanged at its {@code token_uri}. The token is cached and fetched again
 * {@code refreshBefore} ahead of its expiry, so sends never wait on an expired one.
 */
final class ServiceAccountTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** Why no token: {@code permanent} when the account itself is refused (bad key, disabled account). */
    static final class TokenUnavailable extends Exception {
        final boolean permanent;

        TokenUnavailable(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }
    }

    private final String clientEmail;
    private final String keyId;
    private final PrivateKey key;
    private final URI tokenUri;
    /** The JWT's aud: Google's token endpoint (the key file's token_uri), wherever the exchange is sent. */
    private final String audience;
    private final Duration refreshBefore;
    private final ProviderHttp http;
    private String token;
    private Instant expiresAt = Instant.MIN;

    /**
     * @param serviceAccountJson the key file Google issues: client_email, private_key (PKCS#8 PEM),
     *                           private_key_id, token_uri
     */
    ServiceAccountTokens(String serviceAccountJson, String tokenUriOverride, Duration refreshBefore, ProviderHttp http) {
        JsonNode sa;
        try {
            sa = JSON.readTree(serviceAccountJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("service account is not JSON");
        }
        if (sa == null || !sa.hasNonNull("client_email") || !sa.hasNonNull("private_key")) {
            throw new IllegalArgumentException("service account JSON needs client_email and private_key");
        }
        this.clientEmail = sa.get("client_email").asText();
        this.keyId = sa.path("private_key_id").asText(null);
        this.key = privateKey(sa.get("private_key").asText());
        this.audience = sa.path("token_uri").asText("https://oauth2.googleapis.com/token");
        this.tokenUri = URI.create(tokenUriOverride != null ? tokenUriOverride : audience);
        this.refreshBefore = refreshBefore;
        this.http = http;
    }

    static String projectId(String serviceAccountJson) {
        try {
            return JSON.readTree(serviceAccountJson).path("project_id").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static PrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("service account private_key is not a PKCS#8 RSA key");
        }
    }

    /** A token valid for at least {@code refreshBefore}; one thread fetches while the others wait for it. */
    synchronized String token(String noticeId) throws TokenUnavailable {
        Instant now = http.clock().instant();
        if (token != null && now.isBefore(expiresAt.minus(refreshBefore))) {
            return token;
        }
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + assertion(now);
        HttpRequest request = http.request(tokenUri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.US_ASCII))
                .build();
        ProviderHttp.Answer a = http.send(request, noticeId);
        if (a.failure() != null) {
            throw new TokenUnavailable("token endpoint: " + a.failure().reasonCode(), false);
        }
        JsonNode json = ProviderHttp.json(a.body());
        if (a.status() != 200 || json == null || !json.hasNonNull("access_token")) {
            String error = json == null ? "" : " " + json.path("error").asText("");
            // 400/401 (invalid_grant, unauthorized_client) will not fix themselves; 429 and 5xx may
            boolean permanent = a.status() == 400 || a.status() == 401 || a.status() == 403;
            throw new TokenUnavailable("token endpoint answered HTTP " + a.status() + error, permanent);
        }
        token = json.get("access_token").asText();
        expiresAt = now.plusSeconds(json.path("expires_in").asLong(3600));
        return token;
    }

    /** Forgets the token (the API refused it). */
    synchronized void invalidate(String refused) {
        if (refused != null && refused.equals(token)) {
            token = null;
        }
    }

    String assertion(Instant now) {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", clientEmail)
                .put("scope", SCOPE)
                .put("aud", audience)
                .put("iat", now.getEpochSecond())
                .put("exp", now.getEpochSecond() + 3600);
        String signingInput = B64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the token request", e);
        }
    }
}
