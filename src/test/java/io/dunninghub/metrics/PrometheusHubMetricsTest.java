package io.dunninghub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.ledger.LedgerAdmin;
import io.dunninghub.support.Scrape;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each recording call turns into on the Prometheus page: names, labels, counts. */
class PrometheusHubMetricsTest {

    private final PrometheusHubMetrics metrics = new PrometheusHubMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    private Scrape scrape() {
        return new Scrape(metrics.scrape());
    }

    @Test
    void planningCountsNoticesByChannelAndReason() {
        metrics.noticePlanned("sms");
        metrics.noticePlanned("sms");
        metrics.noticePlanned("email");
        metrics.noticeDeferred("sms", "QUIET_HOURS");
        metrics.noticeSuppressed("sms", "OPTED_OUT");
        metrics.noticeSuppressed("push", "NO_ADDRESS");
        metrics.noticeSuppressed("push", "NO_ADDRESS");
        Scrape s = scrape();
        assertThat(s.series("dunninghub_notices_planned_total", "channel")).isEqualTo(Map.of("sms", 2L, "email", 1L));
        assertThat(s.series("dunninghub_notices_suppressed_total", "channel", "reason"))
                .isEqualTo(Map.of("sms/OPTED_OUT", 1L, "push/NO_ADDRESS", 2L));
        assertThat(s.value("dunninghub_notices_deferred_total", "channel", "sms", "reason", "QUIET_HOURS")).isEqualTo(1);
    }

    @Test
    void dispatchOutcomesByChannelProviderAndReason() {
        metrics.noticeDispatched("sms", "twilio", "SENT", null);
        metrics.noticeDispatched("sms", "twilio", "SENT", null);
        metrics.noticeDispatched("sms", "aliyun", "SENT", null);
        metrics.noticeDispatched("sms", "twilio", "RETRY", "HTTP_503");
        metrics.noticeDispatched("sms", "twilio", "DEAD", "HTTP_503");
        metrics.noticeDispatched("email", null, "FAILED", "TEMPLATE_ERROR");
        // the send-time check's verdicts go to the planner's counters
        metrics.noticeDispatched("sms", null, "SUPPRESSED", "PAID");
        metrics.noticeDispatched("sms", null, "DEFERRED", "CAP_DAY");
        Scrape s = scrape();
        assertThat(s.series("dunninghub_notices_sent_total", "channel", "provider"))
                .isEqualTo(Map.of("sms/twilio", 2L, "sms/aliyun", 1L));
        assertThat(s.value("dunninghub_notices_retried_total", "provider", "twilio", "reason", "HTTP_503")).isEqualTo(1);
        assertThat(s.value("dunninghub_notices_dead_total", "provider", "twilio", "reason", "HTTP_503")).isEqualTo(1);
        // no provider answered: the label says so rather than being dropped
        assertThat(s.value("dunninghub_notices_failed_total", "channel", "email", "provider", "none", "reason", "TEMPLATE_ERROR"))
                .isEqualTo(1);
        assertThat(s.value("dunninghub_notices_suppressed_total", "reason", "PAID")).isEqualTo(1);
        assertThat(s.value("dunninghub_notices_deferred_total", "reason", "CAP_DAY")).isEqualTo(1);
    }

    @Test
    void receiptsCountDeliveredAndUndelivered() {
        metrics.noticeReceipt("sms", "twilio", "DELIVERED", null);
        metrics.noticeReceipt("sms", "twilio", "UNDELIVERED", "TWILIO_30005");
        metrics.noticeReceipt("letter", "lob", "DELIVERED", null);
        Scrape s = scrape();
        assertThat(s.series("dunninghub_notices_delivered_total", "channel", "provider"))
                .isEqualTo(Map.of("sms/twilio", 1L, "letter/lob", 1L));
        assertThat(s.value("dunninghub_notices_undelivered_total", "reason", "TWILIO_30005")).isEqualTo(1);
    }

    @Test
    void outcomesCountBySourceAndOutcome() {
        metrics.outcomeRecorded("dialer", "no-answer");
        metrics.outcomeRecorded("dialer", "no-answer");
        metrics.outcomeRecorded("twilio", "stop");
        Scrape s = scrape();
        assertThat(s.series("dunninghub_outcomes_total", "source", "outcome"))
                .isEqualTo(Map.of("dialer/no-answer", 2L, "twilio/stop", 1L));
    }

    @Test
    void providerLatencyIsAHistogramPerProviderAndOutcome() {
        metrics.providerCall("twilio", "SENT", Duration.ofMillis(40));
        metrics.providerCall("twilio", "SENT", Duration.ofMillis(900));
        metrics.providerCall("twilio", "RETRY", Duration.ofSeconds(3));
        Scrape s = scrape();
        assertThat(s.value("dunninghub_provider_latency_seconds_count", "provider", "twilio", "outcome", "sent")).isEqualTo(2);
        assertThat(s.value("dunninghub_provider_latency_seconds_sum", "provider", "twilio", "outcome", "sent"))
                .isCloseTo(0.94, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.value("dunninghub_provider_latency_seconds_bucket", "provider", "twilio", "outcome", "sent", "le", "+Inf"))
                .isEqualTo(2);
        // cumulative buckets: 40 ms is in every one from 50 ms up, 900 ms from 1 s up
        assertThat(s.value("dunninghub_provider_latency_seconds_bucket", "provider", "twilio", "outcome", "sent", "le", "0.025"))
                .isZero();
        assertThat(s.value("dunninghub_provider_latency_seconds_bucket", "provider", "twilio", "outcome", "sent", "le", "0.05"))
                .isEqualTo(1);
        assertThat(s.value("dunninghub_provider_latency_seconds_bucket", "provider", "twilio", "outcome", "sent", "le", "0.5"))
                .isEqualTo(1);
        assertThat(s.value("dunninghub_provider_latency_seconds_bucket", "provider", "twilio", "outcome", "sent", "le", "1.0"))
                .isEqualTo(2);
        assertThat(s.samples("dunninghub_provider_latency_seconds_bucket", "provider", "twilio", "outcome", "sent"))
                .hasSize(PrometheusHubMetrics.LATENCY_BUCKETS.length + 1);
        assertThat(s.value("dunninghub_provider_latency_seconds_count", "provider", "twilio", "outcome", "retry")).isEqualTo(1);
    }

    @Test
    void heldNoticesRateWaitsAndCircuitStates() {
        metrics.providerHeld("twilio", "THROTTLED");
        metrics.providerHeld("twilio", "THROTTLED");
        metrics.providerHeld("twilio", "CIRCUIT_OPEN");
        metrics.rateLimitWait("twilio", Duration.ofMillis(250));
        AtomicReference<Map<String, String>> states = new AtomicReference<>(Map.of("twilio", "CLOSED", "smtp", "DISABLED"));
        metrics.circuits(states::get);
        Scrape s = scrape();
        assertThat(s.series("dunninghub_provider_held_total", "provider", "reason"))
                .isEqualTo(Map.of("twilio/THROTTLED", 2L, "twilio/CIRCUIT_OPEN", 1L));
        assertThat(s.value("dunninghub_provider_rate_wait_seconds_count", "provider", "twilio")).isEqualTo(1);
        assertThat(s.value("dunninghub_provider_circuit_state", "provider", "twilio", "status", "closed")).isEqualTo(1);
        assertThat(s.value("dunninghub_provider_circuit_state", "provider", "twilio", "status", "open")).isZero();
        assertThat(s.sum("dunninghub_provider_circuit_state", "provider", "smtp")).as("no breaker").isZero();

        // the gauges follow the breaker, and a provider that appears later gets its own
        states.set(Map.of("twilio", "OPEN", "smtp", "DISABLED", "aliyun", "HALF_OPEN"));
        s = scrape();
        assertThat(s.value("dunninghub_provider_circuit_state", "provider", "twilio", "status", "open")).isEqualTo(1);
        assertThat(s.value("dunninghub_provider_circuit_state", "provider", "twilio", "status", "closed")).isZero();
        assertThat(s.value("dunninghub_provider_circuit_state", "provider", "aliyun", "status", "half_open")).isEqualTo(1);
    }

    @Test
    void scansRecordDurationRowsAndTheLastSuccess() {
        Scrape before = scrape();
        assertThat(before.value("dunninghub_scan_last_success_timestamp_seconds")).isNaN();
        metrics.scanStarted();
        assertThat(scrape().value("dunninghub_scan_running_seconds")).isGreaterThanOrEqualTo(0);
        double from = System.currentTimeMillis() / 1000.0;
        metrics.scanFinished(true, Duration.ofSeconds(12), 1000, 3);
        metrics.scanFinished(false, Duration.ofSeconds(1), 0, 0);
        Scrape s = scrape();
        assertThat(s.value("dunninghub_scan_duration_seconds_count", "outcome", "success")).isEqualTo(1);
        assertThat(s.value("dunninghub_scan_duration_seconds_sum", "outcome", "success")).isEqualTo(12);
        assertThat(s.value("dunninghub_scan_duration_seconds_count", "outcome", "failure")).isEqualTo(1);
        assertThat(s.value("dunninghub_scan_rows_total")).isEqualTo(1000);
        assertThat(s.value("dunninghub_scan_rows_skipped_total")).isEqualTo(3);
        assertThat(s.value("dunninghub_scan_last_success_timestamp_seconds")).isBetween(from - 1, from + 60);
        assertThat(s.value("dunninghub_scan_running_seconds")).isZero();
    }

    @Test
    void backlogGaugesKeepTheLastReadingWhileTheLedgerIsUnreachable() {
        AtomicReference<LedgerAdmin.Backlog> ledger = new AtomicReference<>();
        BacklogGauges backlog = new BacklogGauges(now -> {
            LedgerAdmin.Backlog b = ledger.get();
            if (b == null) {
                throw new SQLException("Connection refused");
            }
            return new BacklogGauges.Reading(b.dueNow(), b.oldestDueAge());
        }, Clock.systemUTC());
        metrics.backlog(backlog);
        assertThat(scrape().value("dunninghub_backlog_due")).as("never read yet").isNaN();

        ledger.set(new LedgerAdmin.Backlog(42, Duration.ofSeconds(95)));
        assertThat(backlog.refresh()).isTrue();
        Scrape s = scrape();
        assertThat(s.value("dunninghub_backlog_due")).isEqualTo(42);
        assertThat(s.value("dunninghub_backlog_oldest_age_seconds")).isEqualTo(95);
        double readAt = s.value("dunninghub_backlog_read_timestamp_seconds");

        ledger.set(null);
        assertThat(backlog.refresh()).isFalse();
        s = scrape();
        assertThat(s.value("dunninghub_backlog_due")).isEqualTo(42);
        assertThat(s.value("dunninghub_backlog_read_timestamp_seconds")).isEqualTo(readAt);
    }

    @Test
    void jvmAndProcessMetricsAreThere() {
        Scrape s = scrape();
        assertThat(s.sum("jvm_memory_used_bytes", "area", "heap")).isPositive();
        assertThat(s.value("jvm_threads_live_threads")).isPositive();
        assertThat(s.value("process_uptime_seconds")).isPositive();
        assertThat(s.has("jvm_classes_loaded_classes")).isTrue();
        assertThat(s.has("process_cpu_usage")).isTrue();
    }

    @Test
    void readinessIsOneWhileReadyAndZeroWhileNot() {
        java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean(true);
        metrics.readiness(ready::get);
        assertThat(scrape().value("dunninghub_ready")).isEqualTo(1);
        ready.set(false);
        assertThat(scrape().value("dunninghub_ready")).isZero();
    }

    @Test
    void labelValuesAreNeverNullOrLong() {
        assertThat(PrometheusHubMetrics.label(null)).isEqualTo("none");
        assertThat(PrometheusHubMetrics.label(" ")).isEqualTo("none");
        assertThat(PrometheusHubMetrics.label("X".repeat(200))).hasSize(64);
    }

    @Test
    void aMeasurementThatCannotBeRecordedNeverReachesTheDispatchThread() {
        org.assertj.core.api.Assertions.assertThatCode(() -> {
            metrics.providerCall("twilio", "SENT", null); // Micrometer refuses a null duration
            metrics.noticeDispatched("sms", "twilio", null, null);
        }).doesNotThrowAnyException();
        metrics.noticeDispatched("sms", "twilio", "FAILED", "HTTP_400");
        assertThat(scrape().value("dunninghub_notices_failed_total", "reason", "HTTP_400")).isEqualTo(1);
    }

    @Test
    void theNoOpFormRecordsNothingAndThrowsNothing() {
        HubMetrics none = HubMetrics.NONE;
        none.noticeDispatched("sms", null, "SENT", null);
        none.noticeDispatched("sms", null, "SUPPRESSED", "PAID");
        none.noticeDispatched("sms", null, null, null);
        none.providerCall("p", "SENT", Duration.ZERO);
        none.scanFinished(true, Duration.ZERO, 1, 0);
        assertThat(scrape().has("dunninghub_notices_sent_total")).isFalse();
    }
}
