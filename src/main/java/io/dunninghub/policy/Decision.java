package io.dunninghub.policy;

import java.time.Instant;

/** What the policy says about one notice: send (possibly deferred to a later instant) or suppress. */
public sealed interface Decision {

    /**
     * Send at {@code notBefore}; {@code deferredBy} names the rule that pushed it later (or null), {@code detail}
     * says why in words without personal data.
     */
    record Send(Instant notBefore, String deferredBy, String zone, String detail) implements Decision {
    }

    record Suppress(String reason, String detail) implements Decision {
    }
}
