package io.dunninghub.ledger;

import java.time.Instant;

/**
 * A contact made, as caps count it: a notice sent, or claimed and cleared for sending, to {@code audience}
 * ({@code borrower}, {@code guarantor/P17}) about a loan on a channel at an instant.
 */
public record ContactAttempt(String loanId, String channel, String audience, Instant at) {
}
