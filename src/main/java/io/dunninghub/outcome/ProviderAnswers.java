package io.dunninghub.outcome;

import io.dunninghub.ledger.OutcomeKind;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a provider's permanent refusal of a notice says happened, as an outcome: an SMTP 5.1.x (RFC 3463: the
 * address) is {@code bounced}, a 5.7.x (security or policy) is {@code rejected} (the address stays good), a push
 * token the service no longer knows is {@code token-dead}. Anything else is no outcome (the notice's own FAILED
 * reason is enough).
 */
public final class ProviderAnswers {

    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])5\\.(\\d{1,3})\\.\\d{1,3}(?![\\d.])");

    private ProviderAnswers() {
    }

    /**
     * @param reasonCode the FAILED reason ({@code SMTP_550}, {@code SMTP_POLICY}, {@code TOKEN_UNREGISTERED} …)
     * @param detail     the failure's detail, which quotes the SMTP reply with its enhanced status code
     */
    public static Optional<OutcomeKind> of(String channel, String reasonCode, String detail) {
        if (channel == null || reasonCode == null) {
            return Optional.empty();
        }
        if ("email".equals(channel)) {
            if ("SMTP_POLICY".equals(reasonCode)) {
                return Optional.of(OutcomeKind.REJECTED);
            }
            if (reasonCode.startsWith("SMTP_5")) {
                Matcher m = ENHANCED.matcher(detail == null ? "" : detail);
                if (m.find()) {
                    return switch (m.group(1)) {
                        case "1" -> Optional.of(OutcomeKind.BOUNCED);
                        case "7" -> Optional.of(OutcomeKind.REJECTED);
                        default -> Optional.empty(); // 5.2.x mailbox full, 5.3.x system, 5.6.x content: not the address
                    };
                }
                // a relay without enhanced codes: 550/551/553 are the classic "no such user"
                return reasonCode.matches("SMTP_55[013]") ? Optional.of(OutcomeKind.BOUNCED) : Optional.empty();
            }
            return Optional.empty();
        }
        if ("push".equals(channel)) {
            String r = reasonCode.toUpperCase(Locale.ROOT);
            if (r.equals("TOKEN_INVALID") || r.contains("UNREGISTERED")) {
                return Optional.of(OutcomeKind.TOKEN_DEAD);
            }
        }
        return Optional.empty();
    }
}
