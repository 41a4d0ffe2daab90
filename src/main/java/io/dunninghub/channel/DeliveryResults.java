package io.dunninghub.channel;

/**
 * Builds the {@code hub.result} a YAML route sets, bound as bean {@code deliveryResults}:
 * <pre>
 * - setHeader:
 *     name: hub.result
 *     method: { ref: deliveryResults, method: "http(${header.hub.provider}, ${header.CamelHttpResponseCode}, ${body[msgid]})" }
 * </pre>
 */
public final class DeliveryResults {

    public DeliveryResult sent(String provider, String providerMessageId) {
        return DeliveryResult.sent(provider, providerMessageId);
    }

    public DeliveryResult failed(String provider, String reasonCode, String detail) {
        return DeliveryResult.failed(provider, reasonCode, detail);
    }

    public DeliveryResult retry(String provider, String reasonCode, String detail) {
        return DeliveryResult.retry(provider, reasonCode, detail, null);
    }

    /**
     * From an HTTP status: 2xx SENT with the id, 429 RETRY {@code RATE_LIMITED}, 408 and 5xx RETRY
     * {@code HTTP_<status>}, anything else FAILED {@code HTTP_<status>}.
     */
    public DeliveryResult http(String provider, int status, String providerMessageId) {
        if (status / 100 == 2) {
            return DeliveryResult.sent(provider, providerMessageId);
        }
        if (status == 429) {
            return DeliveryResult.retry(provider, "RATE_LIMITED", "HTTP 429", null);
        }
        if (status == 408 || status >= 500) {
            return DeliveryResult.retry(provider, "HTTP_" + status, "HTTP " + status, null);
        }
        return DeliveryResult.failed(provider, "HTTP_" + status, "HTTP " + status);
    }

    /**
     * For APIs that answer 200 with an error code in the body (WeChat Work, DingTalk: {@code errcode} 0 = ok):
     * SENT when {@code code} equals {@code okCode}, else FAILED {@code <prefix>_<code>}, or RETRY when the
     * code is in the comma-separated {@code transientCodes}.
     */
    public DeliveryResult byCode(String provider, String code, String okCode, String providerMessageId, String prefix,
                                 String transientCodes) {
        if (code != null && code.equals(okCode)) {
            return DeliveryResult.sent(provider, providerMessageId);
        }
        String reason = prefix + "_" + (code == null || code.isBlank() ? "UNKNOWN" : code);
        if (transientCodes != null && code != null && java.util.Arrays.stream(transientCodes.split(",")).map(String::strip).anyMatch(code::equals)) {
            return DeliveryResult.retry(provider, reason, "code " + code, null);
        }
        return DeliveryResult.failed(provider, reason, "code " + code);
    }
}
