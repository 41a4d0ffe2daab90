package io.dunninghub.channel.email;

import io.dunninghub.channel.AdapterOption;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.aws.AwsSdk;
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.RawMessage;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * E-mail through Amazon SES v2 ({@code SendEmail} with raw content) by the AWS SDK, which signs the request
 * (SigV4). The message is the same MIME the SMTP adapter sends ({@link NoticeMimeBuilder}: text and HTML, the
 * formal notice's PDF, {@code Message-ID <noticeId@domain>}); the notice id also goes as the message tag
 * {@code notice_id}. The provider id is SES's {@code MessageId}. Errors from SES's table: {@code MessageRejected}
 * and an unverified MAIL FROM domain are permanent; a paused or suspended account is retried (another e-mail
 * provider may take the notice meanwhile); throttling waits.
 */
public final class SesEmailAdapter implements ProviderAdapter {

    public static final AdapterType TYPE = new AdapterType("ses", Set.of("email"),
            "Amazon SES v2 SendEmail (raw MIME, the same message the smtp adapter sends) through the AWS SDK, "
                    + "signed with SigV4; the notice id as message tag notice_id.",
            AdapterType.with(List.of(
                    AdapterOption.of("from", AdapterOption.Type.TEXT, "an address of a verified SES identity").required(),
                    AdapterOption.of("from-name", AdapterOption.Type.TEXT, ""),
                    AdapterOption.of("message-id-domain", AdapterOption.Type.TEXT, "").defaultsTo("dunning-hub.local"),
                    NoticeMimeBuilder.replyToOption(),
                    AdapterOption.of("configuration-set", AdapterOption.Type.TEXT, "an SES configuration set (event "
                            + "destinations, dedicated IP pool)")),
                    AwsSdk.options()),
            AwsSdk::check, (s, camel) -> new SesEmailAdapter(s, ListUnsubscribe.from(camel)));

    private static final Logger LOG = LoggerFactory.getLogger(SesEmailAdapter.class);
    private static final Set<String> ACCOUNT_HELD = Set.of("AccountSuspendedException", "SendingPausedException");
    private static final Set<String> THROTTLED = Set.of("TooManyRequestsException", "LimitExceededException",
            "Throttling", "ThrottlingException");

    private final String name;
    private final String from;
    private final String configurationSet;
    private final NoticeMimeBuilder mime;
    private final SesV2Client ses;

    public SesEmailAdapter(ProviderSettings s) {
        this(s, ListUnsubscribe.NONE);
    }

    /** @param unsubscribe the List-Unsubscribe header of every e-mail */
    public SesEmailAdapter(ProviderSettings s, ListUnsubscribe unsubscribe) {
        this.name = s.name();
        this.from = s.option("from");
        this.configurationSet = s.option("configuration-set");
        this.mime = NoticeMimeBuilder.of(s, unsubscribe);
        this.ses = AwsSdk.configure(SesV2Client.builder(), s).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        byte[] raw;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.build(m).writeTo(out);
            raw = out.toByteArray();
        } catch (AddressException e) {
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", "not a valid e-mail address");
        } catch (MessagingException | IOException e) {
            return DeliveryResult.failed(name, "BAD_MESSAGE", "cannot build the message: " + e.getClass().getSimpleName());
        }
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(from)
                .destination(Destination.builder().toAddresses(m.recipient().strip()).build())
                .content(EmailContent.builder().raw(RawMessage.builder().data(SdkBytes.fromByteArray(raw)).build()).build())
                .emailTags(MessageTag.builder().name("notice_id").value(m.noticeId().replaceAll("[^A-Za-z0-9_-]", "-")).build());
        if (configurationSet != null) {
            request.configurationSetName(configurationSet);
        }
        DeliveryResult result;
        try {
            String id = ses.sendEmail(request.build()).messageId();
            result = id == null || id.isBlank()
                    ? DeliveryResult.failed(name, "BAD_RESPONSE", "SES answered without a MessageId; the e-mail may have been sent")
                    : DeliveryResult.sent(name, id);
        } catch (SdkException e) {
            result = failure(e);
        }
        LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.email(m.recipient()), result.outcome(),
                result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
        return result.withSentBytes(raw);
    }

    private DeliveryResult failure(SdkException e) {
        AwsSdk.ServiceError error = AwsSdk.serviceError(e);
        if (error == null) {
            return AwsSdk.transport(name, e);
        }
        String reason = "SES_" + error.code();
        String detail = "HTTP " + error.status() + ", " + error.code() + ": " + ProviderHttp.redact(error.message());
        if (THROTTLED.contains(error.code()) || error.status() == 429) {
            return DeliveryResult.retry(name, "RATE_LIMITED", detail, Duration.ofSeconds(1));
        }
        if (ACCOUNT_HELD.contains(error.code()) || error.status() >= 500) {
            return DeliveryResult.retry(name, reason, detail, null);
        }
        // MessageRejected, MailFromDomainNotVerifiedException, BadRequestException, NotFoundException, and the
        // signature and permission errors (SignatureDoesNotMatch, AccessDeniedException …)
        return DeliveryResult.failed(name, reason, detail);
    }

    @Override
    public void close() {
        ses.close();
    }
}
