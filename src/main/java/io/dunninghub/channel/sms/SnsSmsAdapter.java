package io.dunninghub.channel.sms;

import io.dunninghub.channel.AdapterOption;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.aws.AwsSdk;
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * SMS through Amazon SNS ({@code Publish} to a phone number) by the AWS SDK, which signs the request (SigV4).
 * The number goes in E.164, the type as {@code AWS.SNS.SMS.SMSType} (transactional by default: reminders are
 * not marketing), with the sender id or origination number if set. The provider id is SNS's {@code MessageId}.
 * Errors from SNS's table: an invalid parameter (a number SNS will not publish to), an opted-out number and
 * authorization errors are permanent, {@code Throttled} waits, {@code InternalError} and 5xx retry. SNS has no
 * idempotency key and no delivery callback (its delivery status goes to CloudWatch Logs).
 */
public final class SnsSmsAdapter implements ProviderAdapter {

    public static final AdapterType TYPE = new AdapterType("sns-sms", Set.of("sms"),
            "Amazon SNS Publish to a phone number through the AWS SDK, signed with SigV4; transactional by default.",
            AdapterType.with(List.of(
                    AdapterOption.choice("sms-type", "transactional", List.of("transactional", "promotional"),
                            "AWS.SNS.SMS.SMSType"),
                    AdapterOption.of("sender-id", AdapterOption.Type.TEXT, "AWS.SNS.SMS.SenderID, where the "
                            + "destination country allows one"),
                    AdapterOption.of("origination-number", AdapterOption.Type.TEXT, "AWS.MM.SMS.OriginationNumber: "
                            + "a number of the account, in E.164"),
                    AdapterOption.of("max-price", AdapterOption.Type.TEXT, "AWS.SNS.SMS.MaxPrice, USD per message"),
                    AdapterOption.of("default-region", AdapterOption.Type.TEXT, "region for national numbers")
                            .defaultsTo("ZZ")),
                    AwsSdk.options()),
            AwsSdk::check, (s, camel) -> new SnsSmsAdapter(s));

    private static final Logger LOG = LoggerFactory.getLogger(SnsSmsAdapter.class);
    private static final Set<String> THROTTLED = Set.of("Throttled", "Throttling", "ThrottlingException");

    private final String name;
    private final String defaultRegion;
    private final Map<String, MessageAttributeValue> attributes;
    private final SnsClient sns;

    public SnsSmsAdapter(ProviderSettings s) {
        this.name = s.name();
        this.defaultRegion = s.option("default-region", "ZZ");
        Map<String, MessageAttributeValue> a = new LinkedHashMap<>();
        a.put("AWS.SNS.SMS.SMSType", string("promotional".equalsIgnoreCase(s.option("sms-type")) ? "Promotional" : "Transactional"));
        if (s.option("sender-id") != null) {
            a.put("AWS.SNS.SMS.SenderID", string(s.option("sender-id")));
        }
        if (s.option("origination-number") != null) {
            a.put("AWS.MM.SMS.OriginationNumber", string(s.option("origination-number")));
        }
        if (s.option("max-price") != null) {
            a.put("AWS.SNS.SMS.MaxPrice", MessageAttributeValue.builder().dataType("Number").stringValue(s.option("max-price")).build());
        }
        this.attributes = Map.copyOf(a);
        this.sns = AwsSdk.configure(SnsClient.builder(), s).build();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        String to;
        try {
            to = PhoneNumbers.sms(m.recipient(), defaultRegion);
        } catch (IllegalArgumentException e) {
            LOG.info("{}: notice {} not sent to {}: {}", name, m.noticeId(), Mask.phone(m.recipient()), e.getMessage());
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", e.getMessage());
        }
        if (m.text() == null || m.text().isBlank()) {
            return DeliveryResult.failed(name, "EMPTY_BODY", "no SMS text");
        }
        int segments = SmsSegments.count(m.text());
        DeliveryResult result;
        try {
            String id = sns.publish(PublishRequest.builder().phoneNumber(to).message(m.text())
                    .messageAttributes(attributes).build()).messageId();
            result = id == null || id.isBlank()
                    ? DeliveryResult.failed(name, "BAD_RESPONSE", "SNS answered without a MessageId; the SMS may have been sent")
                    : DeliveryResult.sent(name, id);
        } catch (SdkException e) {
            result = failure(e);
        }
        LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.phone(to), result.outcome(),
                result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
        return result.withSegments(segments);
    }

    private DeliveryResult failure(SdkException e) {
        AwsSdk.ServiceError error = AwsSdk.serviceError(e);
        if (error == null) {
            return AwsSdk.transport(name, e);
        }
        String detail = "HTTP " + error.status() + ", " + error.code() + ": " + ProviderHttp.redact(error.message());
        if (THROTTLED.contains(error.code()) || error.status() == 429) {
            return DeliveryResult.retry(name, "RATE_LIMITED", detail, Duration.ofSeconds(1));
        }
        if ("InternalError".equals(error.code()) || error.status() >= 500) {
            return DeliveryResult.retry(name, "SNS_" + error.code(), detail, null);
        }
        // InvalidParameter, ParameterValueInvalid, OptedOut, AuthorizationError, NotFound, KMS*, signature errors
        return DeliveryResult.failed(name, "SNS_" + error.code(), detail);
    }

    @Override
    public void close() {
        sns.close();
    }
}
