package io.dunninghub.ledger;

/** Where a notice stands. SENT, FAILED, DEAD, SUPPRESSED and CANCELLED are final. */
public enum NoticeStatus {
    PLANNED, CLAIMED, RETRY, SENT, FAILED, DEAD, SUPPRESSED, CANCELLED
}
