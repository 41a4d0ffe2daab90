package io.dunninghub.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One thing that came back about a contact, as its source reported it.
 *
 * @param noticeId       the notice it answers, or null when the source does not name one (an SMS reply)
 * @param loanId         the loan, or null for something about the borrower as a whole
 * @param audience       whom it concerns ({@code borrower}, {@code guarantor/<id>} …)
 * @param channel        the channel it came back on, or null
 * @param source         who reported it: {@code dialer}, {@code twilio}, {@code aliyun}, {@code tencent},
 *                       {@code unsubscribe}, {@code smtp}, {@code fcm}, {@code jpush}, {@code cli:<operator>}
 * @param externalId     the source's own id for it; the same (source, externalId) is recorded once
 * @param promisedDate   for {@link OutcomeKind#PROMISE_TO_PAY}
 * @param promisedAmount for {@link OutcomeKind#PROMISE_TO_PAY}, or null
 * @param note           free text (a reply's words, a dispute's reason), never logged
 */
public record ContactOutcome(String noticeId, String borrowerId, String loanId, String audience, String channel,
                             OutcomeKind kind, Instant occurredAt, String source, String externalId,
                             LocalDate promisedDate, BigDecimal promisedAmount, String note) {

    public ContactOutcome {
        if (borrowerId == null || borrowerId.isBlank() || kind == null || occurredAt == null || source == null
                || source.isBlank()) {
            throw new IllegalArgumentException("an outcome needs a borrower, a kind, a time and a source");
        }
        audience = audience == null || audience.isBlank() ? "borrower" : audience;
    }
}
