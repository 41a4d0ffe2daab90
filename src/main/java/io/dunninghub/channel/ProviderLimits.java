package io.dunninghub.channel;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How hard the hub may push one provider: its contract rate and burst, and when to stop calling it because
 * it keeps failing (circuit breaker). From the provider's {@code rate}, {@code burst} and
 * {@code circuit-breaker} keys in providers.yaml.
 *
 * @param rate    messages per period, or null for no limit
 * @param burst   how many may go back to back after a quiet spell (token bucket capacity), at least 1
 * @param circuit when the provider is taken out of rotation
 */
public record ProviderLimits(Rate rate, int burst, Circuit circuit) {

    /** No rate limit, the default circuit breaker. */
    public static final ProviderLimits DEFAULT = new ProviderLimits(null, 1, Circuit.DEFAULT);

    public ProviderLimits {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1");
        }
        circuit = circuit == null ? Circuit.DEFAULT : circuit;
    }

    /** {@code permits} messages per {@code period}, e.g. {@code 50/s}, {@code 3000/min}, {@code 100/h}. */
    public record Rate(long permits, Duration period) {

        private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(s|sec|second|m|min|minute|h|hour)\\s*");

        public Rate {
            if (permits < 1) {
                throw new IllegalArgumentException("rate must allow at least 1 message");
            }
        }

        /** @throws IllegalArgumentException naming the expected format */
        public static Rate parse(String text) {
            Matcher m = FORMAT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a rate like 50/s, 3000/min or 100/h");
            }
            long permits;
            try {
                permits = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is too large");
            }
            if (permits < 1) {
                throw new IllegalArgumentException("'" + text + "' must allow at least 1 message");
            }
            Duration period = switch (m.group(2)) {
                case "s", "sec", "second" -> Duration.ofSeconds(1);
                case "m", "min", "minute" -> Duration.ofMinutes(1);
                default -> Duration.ofHours(1);
            };
            return new Rate(permits, period);
        }

        public double perSecond() {
            return permits * 1_000_000_000.0 / period.toNanos();
        }

        @Override
        public String toString() {
            long s = period.toSeconds();
            return permits + "/" + (s == 1 ? "s" : s == 60 ? "min" : "h");
        }
    }

    /**
     * A resilience4j count-based circuit breaker: over the last {@code window} calls (once at least
     * {@code minimumCalls} were made), if {@code failureRatePercent} or more failed transiently the circuit
     * opens for {@code openFor}; then {@code halfOpenCalls} probe calls decide whether it closes again.
     */
    public record Circuit(boolean enabled, int failureRatePercent, int window, int minimumCalls, Duration openFor,
                          int halfOpenCalls) {

        public static final Circuit DEFAULT = new Circuit(true, 50, 20, 10, Duration.ofSeconds(30), 3);
        public static final Circuit OFF = new Circuit(false, 50, 20, 10, Duration.ofSeconds(30), 3);
    }
}
