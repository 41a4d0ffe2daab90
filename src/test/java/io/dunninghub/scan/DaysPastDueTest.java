package io.dunninghub.scan;

import io.dunninghub.support.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DaysPastDueTest {

    @Test
    void countsCalendarDaysFromTheDueDate() {
        LocalDate due = LocalDate.of(2026, 11, 20);
        assertThat(DaysPastDue.between(due, LocalDate.of(2026, 11, 20))).isZero();
        assertThat(DaysPastDue.between(due, LocalDate.of(2026, 11, 21))).isEqualTo(1);
        assertThat(DaysPastDue.between(due, LocalDate.of(2026, 12, 20))).isEqualTo(30);
        assertThat(DaysPastDue.between(due, LocalDate.of(2026, 11, 18))).isEqualTo(-2);
    }

    @Test
    void crossesMonthAndLeapDay() {
        assertThat(DaysPastDue.between(LocalDate.of(2028, 2, 28), LocalDate.of(2028, 3, 1))).isEqualTo(2);
        assertThat(DaysPastDue.between(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 1))).isEqualTo(1);
    }

    @Test
    void businessDateFollowsTheLendersZone() {
        Instant lateEveningUtc = Instant.parse("2026-11-23T17:30:00Z");
        assertThat(DaysPastDue.businessDate(lateEveningUtc, ZoneId.of("Asia/Shanghai"))).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(DaysPastDue.businessDate(lateEveningUtc, ZoneId.of("America/New_York"))).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void installmentWithNothingOutstandingIsSettled() {
        Installment paid = TestData.installment("I1", "L1", "B1", LocalDate.of(2026, 11, 1), BigDecimal.ZERO,
                null, null, null, "CNY", null, null, 1);
        Installment open = TestData.installment("I2", "L1", "B1", LocalDate.of(2026, 11, 1), new BigDecimal("0.01"),
                null, null, null, "CNY", null, null, 2);
        assertThat(paid.isSettled()).isTrue();
        assertThat(open.isSettled()).isFalse();
        assertThat(open.daysPastDue(LocalDate.of(2026, 11, 5))).isEqualTo(4);
    }
}
