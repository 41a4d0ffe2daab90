package io.dunninghub.ledger;

import java.time.Instant;

/**
 * An earlier notice about a debt as the ledger shows it: one that was actually sent (a provider took it), when,
 * on which channel and at which ladder step, what the provider's receipt said about its delivery, and the
 * tracking number of a letter. What a message may say about earlier contacts comes from these only.
 *
 * @param delivery DELIVERED, UNDELIVERED, or null while no final receipt came
 * @param tracking a registered letter's tracking number, or null
 */
public record PastNotice(String noticeId, String loanId, String borrowerId, String channel, String stepId,
                         String template, Instant sentAt, String delivery, String tracking) {

    public boolean delivered() {
        return "DELIVERED".equals(delivery);
    }

    /** Sent and not reported undelivered. */
    public boolean reached() {
        return !"UNDELIVERED".equals(delivery);
    }
}
