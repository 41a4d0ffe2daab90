package io.dunninghub.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.RetryAfter;
import io.dunninghub.common.Mask;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side every HTTP provider adapter shares: pooled clients per provider, a timeout per request,
 * and one classification of transport failures. {@code CONNECTION_ERROR} means nothing left this host;
 * {@code TIMEOUT} and {@code CONNECTION_LOST} mean the request may have reached the provider, which the
 * router treats as "maybe delivered" (no failover).
 */
public final class ProviderHttp {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d[\\d ()-]{5,}\\d");
    private static final Pattern EMAIL_LIKE = Pattern.compile("[^\\s<>()\\[\\],;:\"']+@[^\\s<>()\\[\\],;:\"']+");

    /** A response, or the result that a failed exchange already is. */
    public record Answer(HttpResponse<String> response, DeliveryResult failure) {
        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final String provider;
    // HTTP/1.1: a few clients, each dispatch thread always on the same one. One JDK client takes a lock of its
    // connection pool and one of its timers twice per request; with dozens of dispatch threads on two cores the
    // threads queued (and spun) on those locks for every notice, most of all while slow answers held connections.
    private static final int HTTP1_CLIENTS = 4;
    private final java.util.concurrent.atomic.AtomicReferenceArray<HttpClient> clients;
    private final java.util.function.Supplier<HttpClient> newClient;
    private final Duration timeout;
    private final Clock clock;

    public ProviderHttp(ProviderSettings s, Clock clock) {
        // HTTP/1.1 because a POST cannot ride an h2c upgrade; the pool keeps connections alive between notices
        this(s, clock, HttpClient.Version.HTTP_1_1, null);
    }

    /**
     * For providers that speak HTTP/2 over TLS (APNs): the JDK negotiates it by ALPN and keeps one multiplexed
     * connection per provider.
     *
     * @param tls the trust to use instead of the JDK's default (tests), or null
     */
    public ProviderHttp(ProviderSettings s, Clock clock, HttpClient.Version version, javax.net.ssl.SSLContext tls) {
        this.provider = s.name();
        this.timeout = Duration.ofMillis(s.intOption("timeout-ms", 15_000));
        this.clock = clock;
        Duration connectTimeout = Duration.ofMillis(s.intOption("connect-timeout-ms", 5_000));
        this.newClient = () -> {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(version)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (tls != null) {
                b.sslContext(tls);
            }
            return b.build();
        };
        // HTTP/2 multiplexes every request on one connection of one client
        this.clients = new java.util.concurrent.atomic.AtomicReferenceArray<>(
                version == HttpClient.Version.HTTP_2 ? 1 : HTTP1_CLIENTS);
    }

    /** The calling thread's client, built on first use. */
    private HttpClient client() {
        int i = (int) (Thread.currentThread().getId() % clients.length());
        HttpClient c = clients.get(i);
        if (c == null) {
            HttpClient built = newClient.get();
            c = clients.compareAndSet(i, null, built) ? built : clients.get(i);
        }
        return c;
    }

    public Clock clock() {
        return clock;
    }

    public Duration timeout() {
        return timeout;
    }

    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    /** Sends; a transport failure comes back as a RETRY result, never as an exception. */
    public Answer send(HttpRequest request, String noticeId) {
        try {
            return new Answer(client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)), null);
        } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
            return failure(noticeId, "CONNECTION_ERROR", "cannot connect: " + e.getClass().getSimpleName());
        } catch (HttpTimeoutException e) {
            return failure(noticeId, "TIMEOUT", "no answer within " + timeout.toMillis() + " ms; the request may have been processed");
        } catch (IOException e) {
            return failure(noticeId, "CONNECTION_LOST", e.getClass().getSimpleName() + "; the request may have been processed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(noticeId, "CONNECTION_LOST", "interrupted; the request may have been processed");
        }
    }

    private Answer failure(String noticeId, String reason, String detail) {
        LOG.warn("{}: notice {}: {} ({})", provider, noticeId, reason, detail);
        return new Answer(null, DeliveryResult.retry(provider, reason, detail, null));
    }

    /**
     * The usual meaning of an HTTP status that is not success: 429 RETRY {@code RATE_LIMITED} (honouring
     * Retry-After), 408 and 5xx RETRY {@code HTTP_<status>}, any other FAILED {@code HTTP_<status>}.
     */
    public DeliveryResult byStatus(Answer a, String detail) {
        int status = a.status();
        String d = "HTTP " + status + (detail == null || detail.isBlank() ? "" : ", " + detail);
        if (status == 429) {
            return DeliveryResult.retry(provider, "RATE_LIMITED", d, RetryAfter.parse(a.header("Retry-After"), clock.instant()));
        }
        if (status == 408 || status >= 500) {
            return DeliveryResult.retry(provider, "HTTP_" + status, d, RetryAfter.parse(a.header("Retry-After"), clock.instant()));
        }
        return DeliveryResult.failed(provider, "HTTP_" + status, d);
    }

    /** A JSON object, or null for anything else (empty, HTML error page, array). */
    public static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Provider messages often quote the number or address back: mask them, keep one short line. */
    public static String redact(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip().lines().findFirst().orElse("");
        s = replace(EMAIL_LIKE, s, Mask::email);
        s = replace(PHONE_LIKE, s, Mask::phone);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String replace(Pattern p, String text, java.util.function.UnaryOperator<String> mask) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(mask.apply(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
