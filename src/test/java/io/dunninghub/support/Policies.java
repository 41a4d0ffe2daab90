package io.dunninghub.support;

import io.dunninghub.ladder.Audience;
import io.dunninghub.policy.Caps;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.ContactWindow;
import io.dunninghub.policy.Holidays;
import io.dunninghub.policy.Jurisdiction;
import io.dunninghub.policy.StopKeywords;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Contact policies for tests that need only contact windows: no holidays, caps, holds or third parties. */
public final class Policies {

    private Policies() {
    }

    public static ContactPolicy windowsOnly(ContactWindow defaultWindow, Map<String, ContactWindow> windows,
                                            Map<String, ZoneId> zoneByPhoneRegion, String defaultPhoneRegion) {
        return new ContactPolicy(new Jurisdiction("default", Set.of(), defaultWindow, windows, Holidays.NONE, Caps.NONE,
                Duration.ZERO, Set.of(), Audience.ALL, true, 0), List.of(), zoneByPhoneRegion, defaultPhoneRegion,
                Duration.ofHours(6), Set.of("sms", "push"), StopKeywords.defaults());
    }
}
