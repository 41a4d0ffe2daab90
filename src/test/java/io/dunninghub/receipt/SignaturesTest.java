package io.dunninghub.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's and Lob's callback signatures against the vectors in provider-apis.md §1 and §5. */
class SignaturesTest {

    private static final Map<String, List<String>> TWILIO_PARAMS = Map.of(
            "CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+12349013030"),
            "Digits", List.of("1234"),
            "From", List.of("+12349013030"),
            "To", List.of("+18005551212"));
    private static final String TWILIO_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    @Test
    void twilioVector() {
        assertThat(TwilioSignature.compute(TWILIO_URL, TWILIO_PARAMS, "12345")).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(TwilioSignature.valid(TWILIO_URL, TWILIO_PARAMS, "12345", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
    }

    @Test
    void twilioRefusesAnyChange() {
        String sig = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
        assertThat(TwilioSignature.valid(TWILIO_URL, TWILIO_PARAMS, "54321", sig)).as("other token").isFalse();
        assertThat(TwilioSignature.valid("https://mycompany.com/myapp.php?foo=1&bar=3", TWILIO_PARAMS, "12345", sig)).as("other URL").isFalse();
        Map<String, List<String>> changed = new java.util.HashMap<>(TWILIO_PARAMS);
        changed.put("Digits", List.of("1235"));
        assertThat(TwilioSignature.valid(TWILIO_URL, changed, "12345", sig)).as("other parameter").isFalse();
        changed = new java.util.HashMap<>(TWILIO_PARAMS);
        changed.put("ErrorCode", List.of("21610"));
        assertThat(TwilioSignature.valid(TWILIO_URL, changed, "12345", sig)).as("added parameter").isFalse();
        assertThat(TwilioSignature.valid(TWILIO_URL, TWILIO_PARAMS, "12345", null)).isFalse();
    }

    @Test
    void twilioUrlWithOrWithoutTheDefaultPort() {
        String sig = TwilioSignature.compute("https://mycompany.com:443/myapp.php?foo=1&bar=2", TWILIO_PARAMS, "12345");
        assertThat(TwilioSignature.valid(TWILIO_URL, TWILIO_PARAMS, "12345", sig)).isTrue();
    }

    @Test
    void lobVector() {
        byte[] body = "{\"id\":\"evt_test\"}".getBytes(StandardCharsets.UTF_8);
        String expected = "b7500bbb5e875eb22a19dc278c833abc294318cdea2807b941a446e8ffdac1de";
        assertThat(LobSignature.compute("secret", "1700000000000", body)).isEqualTo(expected);
        Instant then = Instant.ofEpochMilli(1_700_000_000_000L);
        Duration fiveMinutes = Duration.ofMinutes(5);
        assertThat(LobSignature.verify("secret", "1700000000000", expected, body, then.plusSeconds(299), fiveMinutes))
                .isEqualTo(LobSignature.Verdict.VALID);
        assertThat(LobSignature.verify("secret", "1700000000000", expected, body, then.minusSeconds(299), fiveMinutes))
                .isEqualTo(LobSignature.Verdict.VALID);
    }

    @Test
    void lobRefusesReplaysTamperingAndMissingHeaders() {
        byte[] body = "{\"id\":\"evt_test\"}".getBytes(StandardCharsets.UTF_8);
        String sig = "b7500bbb5e875eb22a19dc278c833abc294318cdea2807b941a446e8ffdac1de";
        Instant then = Instant.ofEpochMilli(1_700_000_000_000L);
        Duration tol = Duration.ofMinutes(5);
        assertThat(LobSignature.verify("secret", "1700000000000", sig, body, then.plusSeconds(301), tol))
                .as("a replay after the window").isEqualTo(LobSignature.Verdict.STALE);
        assertThat(LobSignature.verify("secret", "1700000000000", sig, "{\"id\":\"evt_tesT\"}".getBytes(StandardCharsets.UTF_8), then, tol))
                .isEqualTo(LobSignature.Verdict.BAD_SIGNATURE);
        assertThat(LobSignature.verify("secret", "1700000000001", sig, body, then, tol))
                .as("a fresh timestamp on an old signature").isEqualTo(LobSignature.Verdict.BAD_SIGNATURE);
        assertThat(LobSignature.verify("other", "1700000000000", sig, body, then, tol)).isEqualTo(LobSignature.Verdict.BAD_SIGNATURE);
        assertThat(LobSignature.verify("secret", null, sig, body, then, tol)).isEqualTo(LobSignature.Verdict.MISSING);
        assertThat(LobSignature.verify("secret", "1700000000000", "", body, then, tol)).isEqualTo(LobSignature.Verdict.MISSING);
    }
}
