package io.dunninghub.policy;

import io.dunninghub.support.TestData;
import io.dunninghub.support.Policies;
import io.dunninghub.policy.PolicyFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.common.ConfigException;
import io.dunninghub.contact.Contact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactPolicyTest {

    private final ContactPolicy policy = Policies.windowsOnly(ContactWindow.parse("08:00-21:00"),
            Map.of("letter", ContactWindow.ALWAYS), Map.of("CN", ZoneId.of("Asia/Shanghai")), "CN");
    private final Instant noonShanghai = Instant.parse("2026-11-23T04:00:00Z");

    private static Contact contact(String zone, String phone, Set<String> optedOut) {
        return TestData.contact("B1", "张伟", "zh-CN", zone, phone, "zw@example.com", null, "上海", optedOut);
    }

    @Test
    void sendsNowInsideTheWindow() {
        Decision d = policy.decide("sms", contact("Asia/Shanghai", "+8613800138000", Set.of()), noonShanghai);
        assertThat(d).isEqualTo(TestData.send(noonShanghai, null, "Asia/Shanghai"));
    }

    @Test
    void optedOutChannelIsSuppressedOthersAreNot() {
        Contact c = contact("Asia/Shanghai", "+8613800138000", Set.of("sms"));
        assertThat(policy.decide("sms", c, noonShanghai)).isInstanceOf(Decision.Suppress.class)
                .extracting(d -> ((Decision.Suppress) d).reason()).isEqualTo(Reason.OPTED_OUT);
        assertThat(policy.decide("email", c, noonShanghai)).isInstanceOf(Decision.Send.class);
    }

    @Test
    void missingAndInvalidAddresses() {
        assertThat(((Decision.Suppress) policy.decide("push", contact("Asia/Shanghai", "+8613800138000", Set.of()), noonShanghai)).reason())
                .isEqualTo(Reason.NO_ADDRESS);
        assertThat(((Decision.Suppress) policy.decide("sms", contact("Asia/Shanghai", "+86 123", Set.of()), noonShanghai)).reason())
                .isEqualTo(Reason.INVALID_ADDRESS);
        assertThat(((Decision.Suppress) policy.decide("sms", null, noonShanghai)).reason()).isEqualTo(Reason.NO_CONTACT);
    }

    @Test
    void zoneFromPhoneRegionWhenTheRecordHasNone() {
        Instant lateShanghai = Instant.parse("2026-11-23T14:00:00Z"); // 22:00 in Shanghai
        Decision d = policy.decide("sms", contact(null, "+8613800138000", Set.of()), lateShanghai);
        assertThat(d).isInstanceOf(Decision.Send.class);
        Decision.Send s = (Decision.Send) d;
        assertThat(s.deferredBy()).isEqualTo(Reason.QUIET_HOURS);
        assertThat(s.notBefore()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    }

    @Test
    void unknownZoneFailsClosed() {
        // A US number spans several zones: never guess the borrower's local hour; wait and look again later.
        Decision d = policy.decide("sms", contact(null, "+12125551234", Set.of()), noonShanghai);
        assertThat(((Decision.Send) d).deferredBy()).isEqualTo(Reason.UNKNOWN_TIMEZONE);
        assertThat(((Decision.Send) d).notBefore()).isEqualTo(noonShanghai.plus(java.time.Duration.ofHours(6)));
        Decision bogus = policy.decide("sms", contact("Mars/Olympus", "+8613800138000", Set.of()), noonShanghai);
        // A zone on record that is not a zone is a data error: do not fall back to a guess.
        assertThat(((Decision.Send) bogus).deferredBy()).isEqualTo(Reason.UNKNOWN_TIMEZONE);
        assertThat(policy.decide("letter", contact(null, "+12125551234", Set.of()), noonShanghai)).isInstanceOf(Decision.Send.class);
    }

    @Test
    void loadsPolicyFileAndNamesTheBadKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("policy.yaml");
        Files.writeString(f, "contact-windows:\n  default: \"08:00-21:00\"\n  sms: \"08:00-22:00\"\nphone:\n  default-region: CN\n");
        ContactPolicy loaded = PolicyFile.load(f);
        assertThat(loaded.windowFor("sms")).isEqualTo(ContactWindow.parse("08:00-22:00"));
        assertThat(loaded.windowFor("email")).isEqualTo(ContactWindow.parse("08:00-21:00"));

        Files.writeString(f, "contact-windows:\n  sms: \"08:00-24:30\"\n");
        assertThatThrownBy(() -> PolicyFile.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("policy.yaml: contact-windows.sms: ").hasMessageContaining("bad time");
        Files.writeString(f, "time-zone:\n  by-phone-region:\n    CN: Asia/Shanghay\n");
        assertThatThrownBy(() -> PolicyFile.load(f)).hasMessageContaining("time-zone.by-phone-region.CN");
    }
}
