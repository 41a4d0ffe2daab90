package io.dunninghub.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * OAuth 2.0 access tokens by the client credentials grant (RFC 6749 §4.4): {@code grant_type=client_credentials}
 * posted form-encoded to the provider's token URL, the client authenticated with HTTP Basic (the RFC's
 * {@code client_secret_basic}) or with {@code client_id} and {@code client_secret} in the form
 * ({@code client_secret_post}, which Huawei and Infobip use). The token is cached and fetched again
 * {@code refreshBefore} ahead of its {@code expires_in}, or at once after the API refused it ({@link #invalidate}).
 */
public final class OAuth2ClientCredentials {

    /** How the client proves who it is at the token URL. */
    public enum ClientAuth {
        BASIC, BODY;

        public static ClientAuth of(String option) {
            return option == null ? BASIC : valueOf(option.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** No token to be had: {@code permanent} when the token URL refused the client itself (wrong id or secret). */
    public static final class TokenUnavailable extends Exception {
        private final boolean permanent;

        TokenUnavailable(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    /** When the answer has no {@code expires_in}: an hour, the usual lifetime. */
    private static final long DEFAULT_LIFETIME_SECONDS = 3600;

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final ClientAuth auth;
    private final Duration refreshBefore;
    private final ProviderHttp http;
    private String token;
    private Instant expiresAt = Instant.MIN;

    public OAuth2ClientCredentials(URI tokenUrl, String clientId, String clientSecret, String scope, ClientAuth auth,
                                   Duration refreshBefore, ProviderHttp http) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.auth = auth;
        this.refreshBefore = refreshBefore;
        this.http = http;
    }

    /** A token valid for at least {@code refreshBefore} more; one thread fetches while the others wait for it. */
    public synchronized String token(String noticeId) throws TokenUnavailable {
        Instant now = http.clock().instant();
        if (token != null && now.isBefore(expiresAt.minus(refreshBefore))) {
            return token;
        }
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (scope != null && !scope.isBlank()) {
            form.append("&scope=").append(encode(scope));
        }
        HttpRequest.Builder request = http.request(tokenUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (auth == ClientAuth.BASIC) {
            // RFC 6749 §2.3.1: id and secret form-encoded, then Base64 of id:secret
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8)));
        } else {
            form.append("&client_id=").append(encode(clientId)).append("&client_secret=").append(encode(clientSecret));
        }
        ProviderHttp.Answer a = http.send(request.POST(HttpRequest.BodyPublishers.ofString(form.toString(),
                StandardCharsets.UTF_8)).build(), noticeId);
        if (a.failure() != null) {
            throw new TokenUnavailable("token URL: " + a.failure().reasonCode(), false);
        }
        JsonNode json = ProviderHttp.json(a.body());
        if (a.status() / 100 != 2 || json == null || !json.hasNonNull("access_token")
                || json.get("access_token").asText().isBlank()) {
            String error = json == null ? "" : " " + ProviderHttp.redact(json.path("error").asText(""));
            // 400 invalid_client / unauthorized_client and 401 will not fix themselves; 429 and 5xx may
            boolean permanent = a.status() == 400 || a.status() == 401 || a.status() == 403;
            throw new TokenUnavailable("token URL answered HTTP " + a.status() + error.stripTrailing(), permanent);
        }
        token = json.get("access_token").asText();
        long lifetime = json.path("expires_in").asLong(DEFAULT_LIFETIME_SECONDS);
        expiresAt = now.plusSeconds(lifetime > 0 ? lifetime : DEFAULT_LIFETIME_SECONDS);
        return token;
    }

    /** Forgets the token the API refused (revoked, or expired early), so the next call fetches a new one. */
    public synchronized void invalidate(String refused) {
        if (refused != null && refused.equals(token)) {
            token = null;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
