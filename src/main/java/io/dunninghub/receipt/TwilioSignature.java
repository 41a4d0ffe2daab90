package io.dunninghub.receipt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed with the account's auth token, over the full
 * URL Twilio called followed by every POST parameter name and value, names sorted, without separators.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    public static String compute(String url, Map<String, List<String>> params, String authToken) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            sorted.forEach(v -> data.append(name).append(v));
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@code signature} is Twilio's for this request. Like Twilio's own validator (twilio-node
     * {@code validateRequest}), the URL is also tried with the standard port added when it has none, and without its
     * port, whatever it is: Twilio signs a callback on a non-standard port sometimes with it and sometimes without.
     */
    public static boolean valid(String url, Map<String, List<String>> params, String authToken, String signature) {
        if (signature == null || signature.isBlank() || authToken == null || authToken.isBlank()) {
            return false;
        }
        byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
        for (String candidate : variants(url)) {
            if (MessageDigest.isEqual(compute(candidate, params, authToken).getBytes(StandardCharsets.UTF_8), given)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> variants(String url) {
        List<String> out = new ArrayList<>(List.of(url));
        try {
            URI u = URI.create(url);
            int defaultPort = "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
            String rest = (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            if (u.getHost() == null) {
                return out;
            }
            if (u.getPort() == -1) {
                out.add(u.getScheme() + "://" + u.getHost() + ":" + defaultPort + rest);
            } else {
                out.add(u.getScheme() + "://" + u.getHost() + rest);
            }
        } catch (IllegalArgumentException e) {
            // not a URL we can take apart: only the form as given
        }
        return out;
    }
}
