package io.dunninghub.dispatch;

import io.dunninghub.support.Outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.ledger.NoticeOutcome;
import io.dunninghub.ledger.NoticeStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DispatchProgressTest {

    private static NoticeOutcome outcome(NoticeStatus status, String event) {
        return Outcomes.of("N", status, event, null, null, "twilio", null, null, true, null);
    }

    @Test
    void saysHowFarDispatchIsOncePerPeriod() {
        DispatchSummary summary = new DispatchSummary();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        DispatchProgress progress = new DispatchProgress(summary, now::get, Duration.ofSeconds(30));

        for (int i = 0; i < 3000; i++) {
            summary.add("sms", outcome(NoticeStatus.SENT, "SENT"));
        }
        summary.add("email", outcome(NoticeStatus.RETRY, "RETRY"));
        summary.add("sms", outcome(NoticeStatus.DEAD, "DEAD"));
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(progress.due()).isNull();

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(progress.due()).isEqualTo("dispatch: 3,002 notices handled in 30 s (100/s): 3,000 sent, 1 retry, "
                + "0 failed, 1 dead, 0 suppressed, 0 deferred");
        // the next line only a full period later
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(progress.due()).isNull();
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(progress.due()).startsWith("dispatch: 3,002 notices handled in 60 s (50/s)");
    }
}
