package io.dunninghub.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.ContactWindow;
import io.dunninghub.policy.Decision;
import io.dunninghub.policy.Standing;
import io.dunninghub.support.Policies;
import io.dunninghub.support.TestData;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** In-app, letter, agency and integrator channels reach a borrower who has no phone on record. */
class ChannelsWithoutAPhoneTest {

    static final ContactPolicy ALWAYS = Policies.windowsOnly(ContactWindow.ALWAYS, Map.of(),
            Map.of("CN", ZoneId.of("Asia/Shanghai")), "CN");
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    @Test
    void onlyTheChannelsThatDialOrTextNeedTheNumber() {
        Contact noPhone = TestData.contact("B1", "张伟", "zh-CN", "Asia/Shanghai", null, null, null,
                "上海市浦东新区世纪大道100号", Set.of());
        for (String channel : java.util.List.of("inbox", "letter", "agency", "wechat")) {
            assertThat(ALWAYS.decide(channel, "borrower", "L1", noPhone, Standing.NONE, NOW))
                    .as(channel).isInstanceOf(Decision.Send.class);
        }
        assertThat(noPhone.addressFor("inbox")).isEqualTo("B1");
        assertThat(noPhone.addressFor("wechat")).isEqualTo("B1");
        for (String channel : java.util.List.of("sms", "call")) {
            assertThat(ALWAYS.decide(channel, "borrower", "L1", noPhone, Standing.NONE, NOW))
                    .as(channel).isInstanceOfSatisfying(Decision.Suppress.class, s -> assertThat(s.reason()).isEqualTo("NO_ADDRESS"));
        }
        // with a number, an integrator channel keys on it and a broken one is refused
        Contact badPhone = TestData.contact("B2", "李娜", "zh-CN", "Asia/Shanghai", "+86 123", null, null, null, Set.of());
        assertThat(ALWAYS.decide("wechat", "borrower", "L1", badPhone, Standing.NONE, NOW))
                .isInstanceOfSatisfying(Decision.Suppress.class, s -> assertThat(s.reason()).isEqualTo("INVALID_ADDRESS"));
    }
}
