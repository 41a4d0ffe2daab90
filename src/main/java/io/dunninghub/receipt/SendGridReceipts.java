package io.dunninghub.receipt;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /receipts/sendgrid}: SendGrid's Signed Event Webhook. The signature is checked against the
 * verification key ({@code hub.receipts.sendgrid.public-key}) before anything is read; a batch of events is stored
 * in one transaction. Answers: 200 stored (duplicates included), 401 no signature, 403 wrong or stale signature,
 * 400 an event the hub cannot read (nothing of the batch is stored), 404 not configured, 500 ledger unavailable
 * (SendGrid retries for up to 24 hours on anything but 2xx).
 */
public final class SendGridReceipts {

    private static final Logger LOG = LoggerFactory.getLogger(SendGridReceipts.class);

    /**
     * @param key       the verification key; empty = the endpoint is off (404)
     * @param tolerance how far the signed timestamp may be from now
     */
    public record Settings(Optional<PublicKey> key, Duration tolerance) {
        public static final Settings OFF = new Settings(Optional.empty(), Duration.ofMinutes(5));
    }

    private final ReceiptBook book;
    private final Settings settings;
    private final Clock clock;

    public SendGridReceipts(ReceiptBook book, Settings settings, Clock clock) {
        this.book = book;
        this.settings = settings;
        this.clock = clock;
    }

    public void events(Exchange exchange) {
        Message in = exchange.getMessage();
        String signature = in.getHeader(SendGridSignature.SIGNATURE_HEADER, String.class);
        String timestamp = in.getHeader(SendGridSignature.TIMESTAMP_HEADER, String.class);
        byte[] body = in.getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        in.removeHeaders("*"); // request headers must not be echoed into the answer
        if (settings.key().isEmpty()) {
            answer(in, 404, "SendGrid receipts are not configured (hub.receipts.sendgrid.public-key)", true);
            return;
        }
        switch (SendGridSignature.verify(settings.key().get(), timestamp, signature, body, clock.instant(),
                settings.tolerance())) {
            case MISSING -> {
                answer(in, 401, "missing " + SendGridSignature.SIGNATURE_HEADER + " or " + SendGridSignature.TIMESTAMP_HEADER, true);
                return;
            }
            case BAD_SIGNATURE -> {
                answer(in, 403, "signature does not match", true);
                return;
            }
            case STALE -> {
                answer(in, 403, "timestamp outside the allowed window", true);
                return;
            }
            case VALID -> {
                // go on
            }
        }
        List<Receipt> events;
        try {
            events = SendGridEvents.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            answer(in, 400, e.getMessage(), true);
            return;
        }
        try {
            ReceiptBook.Applied a = book.apply(events, clock.instant());
            LOG.debug("receipts from sendgrid: {} events, {} applied, {} duplicates, {} not matched yet", a.received(),
                    a.applied(), a.duplicates(), a.unmatched());
            answer(in, 200, "", false);
        } catch (SQLException e) {
            LOG.warn("receipts from sendgrid: ledger unavailable, asking SendGrid to retry: {}", e.getMessage());
            answer(in, 500, "ledger unavailable, retry later", false);
        }
    }

    private static void answer(Message out, int status, String body, boolean refused) {
        if (refused) {
            LOG.warn("receipts from sendgrid: refused with {}: {}", status, body);
        }
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        out.setBody(body);
    }
}
