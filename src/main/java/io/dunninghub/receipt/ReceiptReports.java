package io.dunninghub.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.contact.ContactFeedback;
import io.dunninghub.receipt.Receipt.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads each provider's delivery callback into {@link Receipt}s (wire formats in
 * shared/reference/provider-apis.md). A report the hub cannot read is an {@link IllegalArgumentException}
 * naming the field, never a guess.
 */
public final class ReceiptReports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> TWILIO_UNDELIVERED = Set.of("undelivered", "failed");
    private static final Set<String> LOB_DELIVERED = Set.of("letter.delivered", "letter.certified.delivered");
    private static final Map<String, String> LOB_UNDELIVERED = Map.of(
            "letter.returned_to_sender", "LOB_RETURNED_TO_SENDER",
            "letter.certified.returned_to_sender", "LOB_RETURNED_TO_SENDER",
            "letter.failed", "LOB_FAILED",
            "letter.rejected", "LOB_REJECTED");

    private ReceiptReports() {
    }

    /** A Twilio status callback (form parameters). Only {@code delivered}, {@code undelivered} and {@code failed} are final. */
    public static Receipt twilio(Map<String, List<String>> params) {
        String sid = first(params, "MessageSid", "SmsSid");
        String status = first(params, "MessageStatus", "SmsStatus");
        if (sid == null) {
            throw new IllegalArgumentException("MessageSid: missing");
        }
        if (status == null) {
            throw new IllegalArgumentException("MessageStatus: missing");
        }
        status = status.toLowerCase(Locale.ROOT);
        Outcome outcome = null;
        String reason = null;
        if ("delivered".equals(status)) {
            outcome = Outcome.DELIVERED;
        } else if (TWILIO_UNDELIVERED.contains(status)) {
            outcome = Outcome.UNDELIVERED;
            String code = first(params, "ErrorCode");
            reason = "TWILIO_" + (code != null && code.matches("\\d+") ? code : status.toUpperCase(Locale.ROOT));
        }
        return new Receipt("twilio", sid + ":" + status, sid, null, status, outcome, reason,
                ContactFeedback.addressHash("sms", first(params, "To")));
    }

    /** Alibaba Cloud SMS "SmsReport" HTTP push: a JSON array of reports. */
    public static List<Receipt> alibaba(String body) {
        List<Receipt> out = new ArrayList<>();
        JsonNode list = array(body);
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String at = "[" + i + "]";
            String bizId = text(r, "biz_id");
            String outId = text(r, "out_id");
            if (bizId == null && outId == null) {
                throw new IllegalArgumentException(at + ".biz_id: missing");
            }
            JsonNode success = r.get("success");
            if (success == null || success.isNull()) {
                throw new IllegalArgumentException(at + ".success: missing");
            }
            boolean ok = success.isBoolean() ? success.booleanValue() : "true".equalsIgnoreCase(success.asText());
            String code = text(r, "err_code");
            String phone = text(r, "phone_number");
            String status = code == null ? (ok ? "DELIVERED" : "FAILED") : code;
            out.add(new Receipt("alibaba", (bizId == null ? outId : bizId) + ":" + phone + ":" + status, bizId, outId,
                    status, ok ? Outcome.DELIVERED : Outcome.UNDELIVERED, ok ? null : "ALIYUN_" + status,
                    ContactFeedback.addressHash("sms", phone)));
        }
        return out;
    }

    /**
     * Tencent Cloud SMS status callback: a JSON array of reports. Each names its send by {@code sid} (the SerialNo
     * the send answered); the callback echoes nothing of the request back, so there is no notice id in it.
     */
    public static List<Receipt> tencent(String body) {
        List<Receipt> out = new ArrayList<>();
        JsonNode list = array(body);
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String at = "[" + i + "]";
            String sid = text(r, "sid");
            if (sid == null) {
                throw new IllegalArgumentException(at + ".sid: missing");
            }
            String status = text(r, "report_status");
            if (status == null) {
                throw new IllegalArgumentException(at + ".report_status: missing");
            }
            boolean ok = "SUCCESS".equalsIgnoreCase(status);
            if (!ok && !"FAIL".equalsIgnoreCase(status)) {
                throw new IllegalArgumentException(at + ".report_status: '" + status + "' is neither SUCCESS nor FAIL");
            }
            String errmsg = text(r, "errmsg");
            String nation = text(r, "nationcode");
            String mobile = text(r, "mobile");
            String phone = mobile == null ? null : (nation == null ? mobile : "+" + nation + mobile);
            out.add(new Receipt("tencent", sid + ":" + status.toUpperCase(Locale.ROOT), sid, null,
                    status.toUpperCase(Locale.ROOT), ok ? Outcome.DELIVERED : Outcome.UNDELIVERED,
                    ok ? null : "TENCENT_" + (errmsg == null ? "FAIL" : errmsg), ContactFeedback.addressHash("sms", phone)));
        }
        return out;
    }

    /** A Lob webhook event for a letter. Delivered and returned-to-sender (certified or not) are final. */
    public static Receipt lob(String body) {
        JsonNode e;
        try {
            e = JSON.readTree(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException(notJson(ex));
        }
        if (e == null || !e.isObject()) {
            throw new IllegalArgumentException("not a Lob event object");
        }
        String id = text(e, "id");
        if (id == null) {
            throw new IllegalArgumentException("id: missing");
        }
        String type = text(e.path("event_type"), "id");
        if (type == null) {
            throw new IllegalArgumentException("event_type.id: missing");
        }
        JsonNode letter = e.path("body");
        String letterId = text(e, "reference_id");
        if (letterId == null) {
            letterId = text(letter, "id");
        }
        Outcome outcome = LOB_DELIVERED.contains(type) ? Outcome.DELIVERED
                : LOB_UNDELIVERED.containsKey(type) ? Outcome.UNDELIVERED : null;
        JsonNode to = letter.path("to");
        String address = to.isObject() ? Stream.of("address_line1", "address_line2", "address_city", "address_state",
                        "address_zip", "address_country").map(k -> text(to, k)).filter(v -> v != null)
                .collect(Collectors.joining(" ")) : null;
        return new Receipt("lob", id, letterId, text(letter.path("metadata"), "notice_id"), type, outcome,
                LOB_UNDELIVERED.get(type), address == null || address.isBlank() ? null : ContactFeedback.addressHash("letter", address));
    }

    private static JsonNode array(String body) {
        JsonNode list;
        try {
            list = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(notJson(e));
        }
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of reports");
        }
        return list;
    }

    /** Where the JSON broke, without quoting it (the body holds phone numbers). */
    private static String notJson(JsonProcessingException e) {
        return e.getLocation() == null ? "not JSON"
                : "not JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static String first(Map<String, List<String>> params, String... names) {
        for (String name : names) {
            List<String> v = params.get(name);
            if (v != null && !v.isEmpty() && v.get(0) != null && !v.get(0).isBlank()) {
                return v.get(0).strip();
            }
        }
        return null;
    }
}
