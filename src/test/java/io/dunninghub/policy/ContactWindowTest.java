package io.dunninghub.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ContactWindowTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final ContactWindow china = ContactWindow.parse("08:00-22:00");
    private final ContactWindow regF = ContactWindow.parse("08:00-21:00");

    private static Instant at(String local, ZoneId zone) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), zone).toInstant();
    }

    @Test
    void shanghaiNightIsDeferredToEightInTheMorning() {
        Instant late = at("2026-11-23T22:30", SHANGHAI);
        assertThat(china.nextAllowed(late, SHANGHAI)).isEqualTo(at("2026-11-24T08:00", SHANGHAI));
        Instant early = at("2026-11-23T07:59", SHANGHAI);
        assertThat(china.nextAllowed(early, SHANGHAI)).isEqualTo(at("2026-11-23T08:00", SHANGHAI));
    }

    @Test
    void insideTheWindowIsNow() {
        Instant noon = at("2026-11-23T12:00", SHANGHAI);
        assertThat(china.nextAllowed(noon, SHANGHAI)).isEqualTo(noon);
        assertThat(china.allows(LocalTime.of(21, 59))).isTrue();
        assertThat(china.allows(LocalTime.of(22, 0))).isFalse();
        assertThat(china.allows(LocalTime.of(8, 0))).isTrue();
    }

    @Test
    void theSameInstantIsAllowedInShanghaiAndQuietInNewYork() {
        Instant instant = Instant.parse("2026-11-23T02:00:00Z"); // 10:00 Shanghai, 21:00 New York
        assertThat(regF.nextAllowed(instant, SHANGHAI)).isEqualTo(instant);
        assertThat(regF.nextAllowed(instant, NEW_YORK)).isEqualTo(at("2026-11-23T08:00", NEW_YORK));
    }

    @Test
    void newYorkDstSpringForwardAndFallBack() {
        // 2026-03-08: clocks jump 02:00 -> 03:00. 21:30 on the 7th (EST) defers to 08:00 EDT on the 8th.
        Instant before = at("2026-03-07T21:30", NEW_YORK);
        Instant opening = regF.nextAllowed(before, NEW_YORK);
        assertThat(opening).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
        // 2026-11-01: clocks fall back; 08:00 EST is 13:00Z.
        assertThat(regF.nextAllowed(at("2026-10-31T23:00", NEW_YORK), NEW_YORK))
                .isEqualTo(Instant.parse("2026-11-01T13:00:00Z"));
    }

    @Test
    void windowAcrossMidnight() {
        ContactWindow night = ContactWindow.parse("20:00-02:00");
        assertThat(night.allows(LocalTime.of(23, 0))).isTrue();
        assertThat(night.allows(LocalTime.of(1, 59))).isTrue();
        assertThat(night.allows(LocalTime.of(12, 0))).isFalse();
        assertThat(night.nextAllowed(at("2026-11-23T12:00", SHANGHAI), SHANGHAI)).isEqualTo(at("2026-11-23T20:00", SHANGHAI));
    }

    @Test
    void parsesAlwaysAndRejectsBadTimes() {
        assertThat(ContactWindow.parse("always").allows(LocalTime.of(3, 0))).isTrue();
        assertThatThrownBy(() -> ContactWindow.parse("8-21")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContactWindow.parse("08:00-25:00")).hasMessageContaining("bad time");
        assertThatThrownBy(() -> ContactWindow.parse("08:00-08:00")).hasMessageContaining("always");
    }
}
