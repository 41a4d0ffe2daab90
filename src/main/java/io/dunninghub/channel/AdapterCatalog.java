package io.dunninghub.channel;

import io.dunninghub.channel.agency.AgencyBatchFileAdapter;
import io.dunninghub.channel.email.SendGridEmailAdapter;
import io.dunninghub.channel.email.SesEmailAdapter;
import io.dunninghub.channel.email.SmtpEmailAdapter;
import io.dunninghub.channel.file.FileOutboxAdapter;
import io.dunninghub.channel.http.HttpJsonAdapter;
import io.dunninghub.channel.print.LobLetterAdapter;
import io.dunninghub.channel.push.ApnsPushAdapter;
import io.dunninghub.channel.push.FcmPushAdapter;
import io.dunninghub.channel.push.HuaweiPushAdapter;
import io.dunninghub.channel.push.JPushAdapter;
import io.dunninghub.channel.push.WeChatTemplateAdapter;
import io.dunninghub.channel.sms.AliyunSmsAdapter;
import io.dunninghub.channel.sms.SnsSmsAdapter;
import io.dunninghub.channel.sms.TencentSmsAdapter;
import io.dunninghub.channel.sms.TwilioSmsAdapter;
import java.util.List;
import java.util.Optional;

/**
 * Every adapter the hub ships, each declared once by its class ({@code TYPE}): providers.yaml is checked against
 * this list, the provider factory builds from it, and the reference's provider tables are made from it
 * ({@link AdapterReference}).
 */
public final class AdapterCatalog {

    public static final List<AdapterType> ALL = List.of(TwilioSmsAdapter.TYPE, AliyunSmsAdapter.TYPE,
            TencentSmsAdapter.TYPE, HttpJsonAdapter.HTTP_SMS, HttpJsonAdapter.INBOX_TYPE, HttpJsonAdapter.DIALER_TYPE,
            HttpJsonAdapter.AGENCY_HTTP, HttpJsonAdapter.HTTP_PRINT, AgencyBatchFileAdapter.TYPE, FcmPushAdapter.TYPE,
            JPushAdapter.TYPE, LobLetterAdapter.TYPE, SmtpEmailAdapter.TYPE, RouteAdapter.TYPE, FileOutboxAdapter.TYPE,
            SendGridEmailAdapter.TYPE, SesEmailAdapter.TYPE, SnsSmsAdapter.TYPE, ApnsPushAdapter.TYPE,
            HuaweiPushAdapter.TYPE, WeChatTemplateAdapter.TYPE);

    private AdapterCatalog() {
    }

    public static Optional<AdapterType> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(AdapterType::name).toList();
    }
}
