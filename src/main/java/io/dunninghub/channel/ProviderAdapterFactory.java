package io.dunninghub.channel;

import io.dunninghub.channel.agency.AgencyBatchFileAdapter;
import io.dunninghub.channel.email.SmtpEmailAdapter;
import io.dunninghub.channel.http.HttpJsonAdapter;
import io.dunninghub.channel.print.LobLetterAdapter;
import io.dunninghub.channel.push.FcmPushAdapter;
import io.dunninghub.channel.push.JPushAdapter;
import io.dunninghub.channel.sms.AliyunSmsAdapter;
import io.dunninghub.channel.sms.TencentSmsAdapter;
import io.dunninghub.channel.file.FileOutboxAdapter;
import io.dunninghub.channel.sms.TwilioSmsAdapter;
import org.apache.camel.CamelContext;

/** Builds the adapter named by a provider's {@code adapter} key. */
public final class ProviderAdapterFactory {

    private final CamelContext context;

    /** @param context needed by the smtp and route adapters; may be null when neither is configured */
    public ProviderAdapterFactory(CamelContext context) {
        this.context = context;
    }

    public ProviderAdapter create(ProviderSettings s) {
        return switch (s.adapter()) {
            case "twilio" -> new TwilioSmsAdapter(s);
            case "smtp" -> {
                if (context == null) {
                    throw new IllegalStateException("provider " + s.name() + ": the smtp adapter needs a CamelContext");
                }
                yield new SmtpEmailAdapter(s, context);
            }
            case "file" -> new FileOutboxAdapter(s);
            case "aliyun-sms" -> new AliyunSmsAdapter(s);
            case "tencent-sms" -> new TencentSmsAdapter(s);
            case "http-sms", "inbox", "dialer", "agency-http", "http-print" -> new HttpJsonAdapter(s);
            case "agency-file" -> new AgencyBatchFileAdapter(s);
            case "fcm" -> new FcmPushAdapter(s);
            case "jpush" -> new JPushAdapter(s);
            case "lob" -> new LobLetterAdapter(s);
            case "route" -> {
                if (context == null) {
                    throw new IllegalStateException("provider " + s.name() + ": the route adapter needs a CamelContext");
                }
                yield new RouteAdapter(s, context);
            }
            default -> throw new IllegalArgumentException("provider " + s.name() + ": unknown adapter '" + s.adapter() + "'");
        };
    }
}
