package io.dunninghub.receipt;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What every provider callback needs to read its request the same way: the raw body, a form body (decoded by the
 * HTTP server or not), the URL the provider called (for Twilio's signature). Used by the receipt and the inbound
 * (outcome) endpoints alike.
 */
public final class Webhooks {

    private Webhooks() {
    }

    /**
     * Whether a Twilio request is signed with {@code token}. Twilio signs the URL as configured. The request
     * arrives as {@code url} (the public URL or the Host header); a configured URL with the same path, e.g. on a
     * non-standard port a proxy does not pass on, is tried too.
     */
    public static boolean twilioSigned(String url, Collection<String> configuredUrls, Map<String, List<String>> params,
                                       String token, String signature) {
        if (TwilioSignature.valid(url, params, token, signature)) {
            return true;
        }
        String requested = pathAndQuery(url);
        for (String configured : configuredUrls) {
            if (requested != null && requested.equals(pathAndQuery(configured))
                    && TwilioSignature.valid(configured, params, token, signature)) {
                return true;
            }
        }
        return false;
    }

    private static String pathAndQuery(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            return (u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", ""))
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The URL as the provider called it: {@code publicUrl} (when set) and the path, else the request's Host. */
    public static String requestUrl(Message in, String publicUrl) {
        String path = in.getHeader(Exchange.HTTP_PATH, String.class);
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        if (path == null || path.isEmpty()) {
            path = uri == null ? "" : uri.split("\\?", 2)[0];
        }
        String base = publicUrl;
        if (blank(base)) {
            String proto = in.getHeader("X-Forwarded-Proto", "http", String.class);
            base = proto + "://" + in.getHeader("Host", "localhost", String.class);
        }
        return base.replaceAll("/+$", "") + path + (blank(query) ? "" : "?" + query);
    }

    /**
     * A form body as names and values, whether the HTTP server decoded it already or not.
     *
     * @throws IllegalArgumentException when it is not form data (not UTF-8, a broken %-escape)
     */
    public static Map<String, List<String>> form(Message in) {
        Object body = in.getBody();
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (body instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                List<String> values = params.computeIfAbsent(String.valueOf(k), x -> new ArrayList<>());
                if (v instanceof Iterable<?> many) {
                    many.forEach(x -> values.add(String.valueOf(x)));
                } else {
                    values.add(v == null ? "" : String.valueOf(v));
                }
            });
            return params;
        }
        String text = utf8(body(in));
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            params.computeIfAbsent(decode(kv[0]), x -> new ArrayList<>()).add(kv.length > 1 ? decode(kv[1]) : "");
        }
        return params;
    }

    /** A body as UTF-8 text; bytes that are not UTF-8 are no callback the hub reads. */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("body is not form data (not UTF-8 text)");
        }
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // URLDecoder's message quotes the bytes; the reason is enough
            throw new IllegalArgumentException("body is not form data (a broken %-escape)");
        }
    }

    public static byte[] body(Message in) {
        byte[] b = in.getBody(byte[].class);
        return b == null ? new byte[0] : b;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
