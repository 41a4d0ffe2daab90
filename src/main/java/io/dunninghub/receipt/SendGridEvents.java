package io.dunninghub.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.receipt.Receipt.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SendGrid's Event Webhook body, a JSON array of events, read into {@link Receipt}s. {@code delivered} is
 * final and good; {@code bounce} ({@code type} bounce or blocked) and {@code dropped} (by its {@code reason}) are
 * final and bad; {@code processed}, {@code deferred}, {@code open}, {@code click} and the rest are stored as
 * progress. Each event carries the custom argument {@code notice_id} the adapter sent, and {@code sg_message_id}
 * starts with the {@code X-Message-Id} the hub recorded.
 */
public final class SendGridEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SendGridEvents() {
    }

    public static List<Receipt> parse(String body) {
        JsonNode list;
        try {
            list = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getLocation() == null ? "not JSON"
                    : "not JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of events");
        }
        List<Receipt> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String at = "[" + i + "]";
            if (!e.isObject()) {
                throw new IllegalArgumentException(at + ": not an event object");
            }
            String eventId = text(e, "sg_event_id");
            if (eventId == null) {
                throw new IllegalArgumentException(at + ".sg_event_id: missing");
            }
            String event = text(e, "event");
            if (event == null) {
                throw new IllegalArgumentException(at + ".event: missing");
            }
            event = event.toLowerCase(Locale.ROOT);
            String sgMessageId = text(e, "sg_message_id");
            String messageId = sgMessageId == null ? null : sgMessageId.split("\\.", 2)[0];
            Outcome outcome = null;
            String reason = null;
            switch (event) {
                case "delivered" -> outcome = Outcome.DELIVERED;
                case "bounce" -> {
                    outcome = Outcome.UNDELIVERED;
                    reason = "blocked".equalsIgnoreCase(text(e, "type")) ? "SENDGRID_BLOCKED" : "SENDGRID_BOUNCE";
                }
                case "dropped" -> {
                    outcome = Outcome.UNDELIVERED;
                    reason = dropped(text(e, "reason"));
                }
                default -> {
                    // processed, deferred, open, click, spamreport, unsubscribe …: progress
                }
            }
            String status = reason == null ? event : event + ":" + reason.substring("SENDGRID_".length());
            out.add(new Receipt("sendgrid", eventId, messageId, text(e, "notice_id"), status, outcome, reason,
                    ContactFeedback.addressHash("email", text(e, "email"))));
        }
        return out;
    }

    /** SendGrid drops a message it will not attempt; its reason says why. */
    static String dropped(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.contains("unsubscribe")) {
            return "SENDGRID_DROPPED_UNSUBSCRIBED";
        }
        if (r.contains("spam")) {
            return "SENDGRID_DROPPED_SPAM_REPORT";
        }
        if (r.contains("bounce")) {
            return "SENDGRID_DROPPED_BOUNCED";
        }
        if (r.contains("invalid")) {
            return "SENDGRID_DROPPED_INVALID";
        }
        return "SENDGRID_DROPPED";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
