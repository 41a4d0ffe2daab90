package io.dunninghub.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.support.Ledgers;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Twilio signs the status-callback URL as it was configured, port included, and its own validators accept the URL
 * with and without the port (https://github.com/twilio/twilio-node, src/webhooks/webhooks.ts: "signature generation on
 * the back end is inconsistent"). A callback on a non-standard port must pass either way, also when a proxy in front
 * of the hub drops the port from the Host header.
 */
class TwilioCallbackUrlTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "test-auth-token";
    private static final String CONFIGURED = "https://hub.lender.example:8443/receipts/twilio";

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    private static Map<String, List<String>> status() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("AccountSid", List.of(SID));
        p.put("MessageSid", List.of("SM" + "0".repeat(32)));
        p.put("MessageStatus", List.of("delivered"));
        p.put("To", List.of("+8613800138000"));
        return p;
    }

    private int call(ReceiptEndpoints.Settings settings, String signedUrl, String host) {
        ReceiptEndpoints endpoints = new ReceiptEndpoints(new ReceiptBook(Ledgers.fresh("h2"), "test", HubMetrics.NONE),
                settings, Clock.systemUTC());
        Exchange exchange = new DefaultExchange(camel);
        Map<String, Object> form = new LinkedHashMap<>();
        status().forEach((k, v) -> form.put(k, v.get(0)));
        exchange.getMessage().setBody(form);
        exchange.getMessage().setHeader("X-Twilio-Signature", TwilioSignature.compute(signedUrl, status(), TOKEN));
        exchange.getMessage().setHeader("Host", host);
        exchange.getMessage().setHeader("X-Forwarded-Proto", "https");
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/receipts/twilio");
        endpoints.twilio(exchange);
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    private static ReceiptEndpoints.Settings settings(String publicUrl, Set<String> callbacks) {
        return new ReceiptEndpoints.Settings(publicUrl, Map.of(SID, TOKEN), callbacks, "", "", "", Duration.ofMinutes(5));
    }

    @Test
    void signedAsConfiguredOnANonStandardPortBehindAProxyThatDropsThePort() {
        assertThat(call(settings("", Set.of(CONFIGURED)), CONFIGURED, "hub.lender.example")).isEqualTo(200);
    }

    @Test
    void signedWithoutThePortWhileThePublicUrlHasIt() {
        assertThat(call(settings("https://hub.lender.example:8443", Set.of()), "https://hub.lender.example/receipts/twilio",
                "hub.lender.example:8443")).isEqualTo(200);
    }

    @Test
    void signedWithThePortAsThePublicUrlSays() {
        assertThat(call(settings("https://hub.lender.example:8443", Set.of()), CONFIGURED, "internal:8080")).isEqualTo(200);
    }

    @Test
    void aSignatureForAnotherHostOrPathStillFails() {
        assertThat(call(settings("", Set.of(CONFIGURED)), "https://evil.example:8443/receipts/twilio", "hub.lender.example"))
                .isEqualTo(403);
        assertThat(call(settings("", Set.of(CONFIGURED)), "https://hub.lender.example:8443/receipts/other", "hub.lender.example"))
                .isEqualTo(403);
        assertThat(TwilioSignature.valid(CONFIGURED, status(), TOKEN,
                TwilioSignature.compute("https://hub.lender.example:9443/receipts/twilio", status(), TOKEN)))
                .as("another port").isFalse();
    }
}
