package io.dunninghub.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** providers.yaml's rate, burst and circuit-breaker keys: read as written, or start-up stops naming the key. */
class ProviderLimitsConfigTest {

    private static final String FILE = "config/providers.yaml";

    private static ProviderSettings only(String entry) {
        return ProvidersConfig.parse(FILE, "providers:\n  - " + entry + "\n", s -> s).providers().get(0);
    }

    @Test
    void rateBurstAndCircuitBreakerAreRead() {
        ProviderSettings p = only("""
                name: t
                    channel: sms
                    adapter: file
                    rate: 50/s
                    burst: 100
                    circuit-breaker: { failure-rate: 40, window: 10, minimum-calls: 5, open-seconds: 7, half-open-calls: 2 }""");
        assertThat(p.limits().rate()).isEqualTo(new ProviderLimits.Rate(50, Duration.ofSeconds(1)));
        assertThat(p.limits().burst()).isEqualTo(100);
        assertThat(p.limits().circuit()).isEqualTo(new ProviderLimits.Circuit(true, 40, 10, 5, Duration.ofSeconds(7), 2));
    }

    @Test
    void withoutTheKeysThereIsNoRateAndTheDefaultCircuitBreaker() {
        ProviderSettings p = only("{name: t, channel: sms, adapter: file}");
        assertThat(p.limits()).isEqualTo(ProviderLimits.DEFAULT);
        assertThat(p.limits().circuit().enabled()).isTrue();
        assertThat(only("{name: t, channel: sms, adapter: file, circuit-breaker: {enabled: false}}").limits().circuit().enabled())
                .isFalse();
    }

    @Test
    void ratesPerSecondMinuteAndHour() {
        assertThat(ProviderLimits.Rate.parse("3000/min")).isEqualTo(new ProviderLimits.Rate(3000, Duration.ofMinutes(1)));
        assertThat(ProviderLimits.Rate.parse(" 100 / h ")).isEqualTo(new ProviderLimits.Rate(100, Duration.ofHours(1)));
        assertThat(ProviderLimits.Rate.parse("3000/min").perSecond()).isEqualTo(50.0);
    }

    @Test
    void mistakesNameTheKey() {
        assertError("{name: t, channel: sms, adapter: file, rate: fast}",
                "providers[0].rate: 'fast' is not a rate like 50/s, 3000/min or 100/h");
        assertError("{name: t, channel: sms, adapter: file, rate: 0/s}", "providers[0].rate: '0/s' must allow at least 1 message");
        assertError("{name: t, channel: sms, adapter: file, burst: 5}", "providers[0].burst: has no effect without a rate");
        assertError("{name: t, channel: sms, adapter: file, rate: 5/s, burst: 0}",
                "providers[0].burst: must be a whole number of at least 1, not '0'");
        assertError("{name: t, channel: sms, adapter: file, circuit-breaker: {failure-rate: 150}}",
                "providers[0].circuit-breaker.failure-rate: is a percentage: 1 to 100, not 150");
        assertError("{name: t, channel: sms, adapter: file, circuit-breaker: {open-secs: 5}}",
                "providers[0].circuit-breaker.open-secs: unknown key (known: enabled, failure-rate, window, minimum-calls, open-seconds, half-open-calls)");
        assertError("{name: t, channel: sms, adapter: file, circuit-breaker: off}",
                "providers[0].circuit-breaker: must be a mapping (enabled, failure-rate, window, minimum-calls, open-seconds, half-open-calls)");
    }

    private static void assertError(String entry, String expected) {
        assertThatThrownBy(() -> only(entry)).isInstanceOf(ProvidersConfigException.class)
                .hasMessage(FILE + ": " + expected);
    }
}
