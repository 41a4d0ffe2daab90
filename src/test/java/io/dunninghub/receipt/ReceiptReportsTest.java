package io.dunninghub.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.contact.ContactFeedback;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each provider's receipt shape (provider-apis.md §1–§3, §5) read into receipts; unreadable ones refused by field. */
class ReceiptReportsTest {

    @Test
    void twilioFinalAndProgressStatuses() {
        Receipt delivered = ReceiptReports.twilio(Map.of("MessageSid", List.of("SM1"), "MessageStatus", List.of("delivered"),
                "To", List.of("+8613800138000"), "AccountSid", List.of("AC1")));
        assertThat(delivered).isEqualTo(new Receipt("twilio", "SM1:delivered", "SM1", null, "delivered",
                Receipt.Outcome.DELIVERED, null, ContactFeedback.addressHash("sms", "+8613800138000")));
        Receipt optOut = ReceiptReports.twilio(Map.of("MessageSid", List.of("SM2"), "MessageStatus", List.of("failed"),
                "ErrorCode", List.of("21610")));
        assertThat(optOut.outcome()).isEqualTo(Receipt.Outcome.UNDELIVERED);
        assertThat(optOut.reason()).isEqualTo("TWILIO_21610");
        assertThat(ReceiptReports.twilio(Map.of("SmsSid", List.of("SM3"), "SmsStatus", List.of("undelivered"))).reason())
                .isEqualTo("TWILIO_UNDELIVERED");
        Receipt sent = ReceiptReports.twilio(Map.of("MessageSid", List.of("SM1"), "MessageStatus", List.of("sent")));
        assertThat(sent.outcome()).isNull();
        assertThat(sent.eventKey()).isEqualTo("SM1:sent");
        assertThatThrownBy(() -> ReceiptReports.twilio(Map.of("MessageStatus", List.of("sent"))))
                .hasMessage("MessageSid: missing");
    }

    @Test
    void alibabaReportArray() {
        List<Receipt> r = ReceiptReports.alibaba("""
                [{"phone_number":"13800138000","send_time":"2026-11-23 10:00:00","report_time":"2026-11-23 10:00:05",
                  "success":true,"err_code":"DELIVERED","err_msg":"用户接收成功","sms_size":"1","biz_id":"900619746936498440^0",
                  "out_id":"n-1"},
                 {"phone_number":"13900139000","success":false,"err_code":"MK:0001","err_msg":"关机","biz_id":"900619746936498441^0"}]""");
        assertThat(r).hasSize(2);
        assertThat(r.get(0)).isEqualTo(new Receipt("alibaba", "900619746936498440^0:13800138000:DELIVERED",
                "900619746936498440^0", "n-1", "DELIVERED", Receipt.Outcome.DELIVERED, null,
                ContactFeedback.addressHash("sms", "13800138000")));
        assertThat(r.get(1).outcome()).isEqualTo(Receipt.Outcome.UNDELIVERED);
        assertThat(r.get(1).reason()).isEqualTo("ALIYUN_MK:0001");
        assertThatThrownBy(() -> ReceiptReports.alibaba("{\"success\":true}")).hasMessage("expected a JSON array of reports");
        assertThatThrownBy(() -> ReceiptReports.alibaba("[{\"biz_id\":\"1\"}]")).hasMessage("[0].success: missing");
    }

    @Test
    void tencentReportArray() {
        List<Receipt> r = ReceiptReports.tencent("""
                [{"user_receive_time":"2026-11-23 10:03:04","nationcode":"86","mobile":"13800138000","report_status":"SUCCESS",
                  "errmsg":"DELIVRD","description":"用户短信送达成功","sid":"2019:538884*7","ext":""},
                 {"user_receive_time":"2026-11-23 10:03:05","nationcode":"86","mobile":"13900139000","report_status":"FAIL",
                  "errmsg":"-106","description":"关键字拦截","sid":"2019:538884*8"}]""");
        assertThat(r.get(0)).isEqualTo(new Receipt("tencent", "2019:538884*7:SUCCESS", "2019:538884*7", null, "SUCCESS",
                Receipt.Outcome.DELIVERED, null, ContactFeedback.addressHash("sms", "+8613800138000")));
        assertThat(r.get(1).reason()).isEqualTo("TENCENT_-106");
        assertThatThrownBy(() -> ReceiptReports.tencent("[{\"sid\":\"1\",\"report_status\":\"MAYBE\"}]"))
                .hasMessage("[0].report_status: 'MAYBE' is neither SUCCESS nor FAIL");
        assertThatThrownBy(() -> ReceiptReports.tencent("not json")).hasMessageStartingWith("not JSON");
    }

    /**
     * Tencent's status callback (https://cloud.tencent.com/document/product/382/5807, intl 382/43547) has
     * user_receive_time, nationcode, mobile, report_status, errmsg, description and sid, the SerialNo of the send: no
     * field echoes SessionContext back. A report is matched by sid; an "ext" in a body is not Tencent's and names no
     * notice.
     */
    @Test
    void tencentReportsAreMatchedBySidAloneAsTheDocumentedCallbackHasNoExt() {
        List<Receipt> documented = ReceiptReports.tencent("""
                [{"user_receive_time":"2015-10-17 08:03:04","nationcode":"86","mobile":"13800138000",
                  "report_status":"SUCCESS","errmsg":"DELIVRD","description":"用户短信送达成功","sid":"xxxxxxx"}]""");
        assertThat(documented.get(0).providerMessageId()).isEqualTo("xxxxxxx");
        assertThat(documented.get(0).noticeId()).isNull();
        List<Receipt> withExt = ReceiptReports.tencent("""
                [{"nationcode":"86","mobile":"13800138000","report_status":"SUCCESS","errmsg":"DELIVRD",
                  "sid":"2019:538884*9","ext":"7f3c2a9e-5b1d-4c8e-9a0f-2d6b8e4c1a77"}]""");
        assertThat(withExt.get(0).noticeId()).isNull();
    }

    @Test
    void lobEvents() {
        Receipt delivered = ReceiptReports.lob("""
                {"id":"evt_9e84094c9368cfb1","body":{"id":"ltr_4868c3b754655f90","metadata":{"notice_id":"n-7"},
                 "to":{"name":"Mary Smith","address_line1":"185 Berry St","address_city":"San Francisco","address_state":"CA","address_zip":"94107"}},
                 "reference_id":"ltr_4868c3b754655f90","event_type":{"id":"letter.certified.delivered","enabled_for_test":true,"resource":"letters","object":"event_type"},
                 "date_created":"2026-11-23T10:00:00.000Z","object":"event"}""");
        assertThat(delivered.eventKey()).isEqualTo("evt_9e84094c9368cfb1");
        assertThat(delivered.providerMessageId()).isEqualTo("ltr_4868c3b754655f90");
        assertThat(delivered.noticeId()).isEqualTo("n-7");
        assertThat(delivered.outcome()).isEqualTo(Receipt.Outcome.DELIVERED);
        Receipt returned = ReceiptReports.lob("""
                {"id":"evt_2","body":{"id":"ltr_1"},"reference_id":"ltr_1","event_type":{"id":"letter.returned_to_sender"},"object":"event"}""");
        assertThat(returned.outcome()).isEqualTo(Receipt.Outcome.UNDELIVERED);
        assertThat(returned.reason()).isEqualTo("LOB_RETURNED_TO_SENDER");
        assertThat(ReceiptReports.lob("""
                {"id":"evt_3","reference_id":"ltr_1","event_type":{"id":"letter.in_transit"}}""").outcome()).isNull();
        assertThatThrownBy(() -> ReceiptReports.lob("{\"id\":\"evt_4\"}")).hasMessage("event_type.id: missing");
    }
}
