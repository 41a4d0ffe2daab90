package io.dunninghub.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.receipt.Receipt.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SendGrid's signed Event Webhook: the signature (SendGrid's own test vector) and the events it carries. */
class SendGridEventsTest {

    // The test vector of SendGrid's Java helper library (sendgrid-java, EventWebhookTest): the events serialized
    // with their trailing carriage return and newline, signed at 1600112502.
    static final String PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    static final String SIGNATURE = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    static final String TIMESTAMP = "1600112502";
    static final String PAYLOAD = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\","
            + "\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\","
            + "\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\","
            + "\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";
    static final Instant SIGNED = Instant.ofEpochSecond(1600112502);

    private final PublicKey key = SendGridSignature.publicKey(PUBLIC_KEY);

    @Test
    void sendGridsOwnTestVectorVerifies() {
        assertThat(verify(PAYLOAD, SIGNATURE, TIMESTAMP, SIGNED.plusSeconds(30))).isEqualTo(SendGridSignature.Verdict.VALID);
    }

    @Test
    void anyChangeBreaksTheSignature() {
        assertThat(verify(PAYLOAD.replace("dropped", "delivered"), SIGNATURE, TIMESTAMP, SIGNED))
                .isEqualTo(SendGridSignature.Verdict.BAD_SIGNATURE);
        assertThat(verify(PAYLOAD, SIGNATURE, "1600112503", SIGNED)).isEqualTo(SendGridSignature.Verdict.BAD_SIGNATURE);
        // SendGrid's own "bad signature": one character changed
        assertThat(verify(PAYLOAD, "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH3j/0=",
                TIMESTAMP, SIGNED)).isEqualTo(SendGridSignature.Verdict.BAD_SIGNATURE);
        assertThat(verify(PAYLOAD, "not base64!", TIMESTAMP, SIGNED)).isEqualTo(SendGridSignature.Verdict.BAD_SIGNATURE);
        PublicKey other = SendGridSignature.publicKey("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==");
        assertThat(SendGridSignature.verify(other, TIMESTAMP, SIGNATURE, PAYLOAD.getBytes(StandardCharsets.UTF_8), SIGNED,
                Duration.ofMinutes(5))).isEqualTo(SendGridSignature.Verdict.BAD_SIGNATURE);
    }

    @Test
    void aMissingHeaderOrAnOldTimestampIsRefused() {
        assertThat(verify(PAYLOAD, null, TIMESTAMP, SIGNED)).isEqualTo(SendGridSignature.Verdict.MISSING);
        assertThat(verify(PAYLOAD, SIGNATURE, " ", SIGNED)).isEqualTo(SendGridSignature.Verdict.MISSING);
        assertThat(verify(PAYLOAD, SIGNATURE, TIMESTAMP, SIGNED.plus(Duration.ofMinutes(6))))
                .isEqualTo(SendGridSignature.Verdict.STALE);
    }

    @Test
    void aKeyThatIsNotOneIsSaidSo() {
        assertThatThrownBy(() -> SendGridSignature.publicKey("c2VjcmV0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a SendGrid verification key (Base64 of an EC public key)");
    }

    @Test
    void deliveredBouncesAndDropsAreFinalTheRestIsProgress() {
        List<Receipt> r = SendGridEvents.parse("""
                [{"email": "zhang.wei@example.com", "timestamp": 1764122400, "event": "processed", "notice_id": "N-1",
                  "sg_event_id": "cHJvY2Vzc2Vk", "sg_message_id": "W86EgYT6SQKk0lRflfLRsA.filterdrecv-5bf99c48d-qbpgw-17-5D9F9C21-6.0"},
                 {"email": "zhang.wei@example.com", "timestamp": 1764122405, "event": "delivered", "notice_id": "N-1",
                  "sg_event_id": "ZGVsaXZlcmVk", "sg_message_id": "W86EgYT6SQKk0lRflfLRsA.filterdrecv-5bf99c48d-qbpgw-17-5D9F9C21-6.0",
                  "response": "250 OK"},
                 {"email": "li.na@example.com", "timestamp": 1764122406, "event": "bounce", "type": "bounce",
                  "status": "5.1.1", "reason": "550 5.1.1 The email account that you tried to reach does not exist.",
                  "bounce_classification": "Invalid Address", "notice_id": "N-2", "sg_event_id": "Ym91bmNl",
                  "sg_message_id": "X97FhZU7TRLl1mSgmgMSsB.filterdrecv-1"},
                 {"email": "wang@example.com", "event": "bounce", "type": "blocked", "sg_event_id": "YmxvY2tlZA",
                  "notice_id": "N-3"},
                 {"email": "zhao@example.com", "event": "dropped", "reason": "Unsubscribed Address", "sg_event_id": "ZHJvcHBlZA",
                  "notice_id": "N-4"},
                 {"email": "zhang.wei@example.com", "event": "open", "sg_event_id": "b3Blbg", "notice_id": "N-1"}]""");
        assertThat(r).extracting(Receipt::eventKey).containsExactly("cHJvY2Vzc2Vk", "ZGVsaXZlcmVk", "Ym91bmNl", "YmxvY2tlZA",
                "ZHJvcHBlZA", "b3Blbg");
        assertThat(r).extracting(Receipt::outcome).containsExactly(null, Outcome.DELIVERED, Outcome.UNDELIVERED,
                Outcome.UNDELIVERED, Outcome.UNDELIVERED, null);
        assertThat(r).extracting(Receipt::reason).containsExactly(null, null, "SENDGRID_BOUNCE", "SENDGRID_BLOCKED",
                "SENDGRID_DROPPED_UNSUBSCRIBED", null);
        assertThat(r.get(1).providerMessageId()).isEqualTo("W86EgYT6SQKk0lRflfLRsA");
        assertThat(r.get(1).noticeId()).isEqualTo("N-1");
        assertThat(r.get(2).addressHash()).isEqualTo(io.dunninghub.contact.ContactFeedback.addressHash("email", "li.na@example.com"));
        assertThat(r.get(2).providerStatus()).isEqualTo("bounce:BOUNCE");
        // the test vector's event: dropped for a bounced address
        assertThat(SendGridEvents.parse(PAYLOAD).get(0).reason()).isEqualTo("SENDGRID_DROPPED_BOUNCED");
    }

    @Test
    void aBatchTheHubCannotReadNamesWhereAndQuotesNothing() {
        assertThatThrownBy(() -> SendGridEvents.parse("{\"event\": \"delivered\"}")).hasMessage("expected a JSON array of events");
        assertThatThrownBy(() -> SendGridEvents.parse("[{\"event\": \"delivered\", \"email\": \"a@b.example\"}]"))
                .hasMessage("[0].sg_event_id: missing");
        assertThatThrownBy(() -> SendGridEvents.parse("[{\"sg_event_id\": \"x\"}]")).hasMessage("[0].event: missing");
        assertThatThrownBy(() -> SendGridEvents.parse("[{\"email\": \"zhang.wei@example.com\",")).hasMessageStartingWith("not JSON")
                .hasMessageNotContaining("zhang");
    }

    private SendGridSignature.Verdict verify(String payload, String signature, String timestamp, Instant now) {
        return SendGridSignature.verify(key, timestamp, signature, payload.getBytes(StandardCharsets.UTF_8), now,
                Duration.ofMinutes(5));
    }
}
