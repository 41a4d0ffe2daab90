package io.dunninghub.receipt;

/**
 * One delivery report from a provider's callback, read but not yet applied to the ledger.
 *
 * @param source            which callback it came from: twilio, alibaba, tencent, lob
 * @param eventKey          unique per report at that source (Lob event id; message id + status otherwise), so a
 *                          callback delivered twice is applied once
 * @param providerMessageId the provider's message id the hub recorded when it sent the notice
 * @param noticeId          the notice id when the provider echoes it back (Alibaba OutId, Tencent ext, Lob
 *                          metadata), else null
 * @param providerStatus    the provider's own status word, e.g. delivered, FAIL, letter.returned_to_sender
 * @param outcome           DELIVERED or UNDELIVERED for a final report; null for progress (queued, in transit)
 * @param reason            reason code for UNDELIVERED, e.g. TWILIO_30006, ALIYUN_MK:0001 (the same prefixes as the send adapters' reason codes)
 * @param addressHash       SHA-256 of the recipient's canonical address, when the report names it
 */
public record Receipt(
        String source,
        String eventKey,
        String providerMessageId,
        String noticeId,
        String providerStatus,
        Outcome outcome,
        String reason,
        String addressHash) {

    public enum Outcome { DELIVERED, UNDELIVERED }
}
