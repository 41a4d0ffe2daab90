package io.dunninghub.ledger;

/**
 * What a {@code notice_event} row records. Planning writes PLANNED and then DEFERRED or SUPPRESSED; dispatch
 * SENT, RETRY, FAILED, DEAD, SUPPRESSED or DEFERRED; a claim LEASE_EXPIRED when it takes over a dead instance's
 * notice; receipts DELIVERED or UNDELIVERED; the replay and cancel commands REPLAYED and CANCELLED; an outcome
 * that names its notice (a call result, a bounce) OUTCOME, its kind as the reason and its source as the provider.
 */
public enum EventType {
    PLANNED, DEFERRED, SUPPRESSED, SENT, RETRY, FAILED, DEAD, LEASE_EXPIRED, DELIVERED, UNDELIVERED, REPLAYED,
    CANCELLED, OUTCOME
}
