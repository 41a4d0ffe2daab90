package io.dunninghub.ledger;

import java.time.Instant;

/** What came of an earlier notice (a call's result, a bounce), as the history of a debt carries it. */
public record PastOutcome(OutcomeKind kind, Instant at) {
}
