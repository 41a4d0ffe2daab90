package io.dunninghub.channel.email;

import io.dunninghub.channel.Messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.channel.OutboundMessage;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeMimeBuilderTest {

    @Test
    void namesAStreamProviderThatJakartaMailLoadsAndBuildsWith() throws Exception {
        NoticeMimeBuilder builder = new NoticeMimeBuilder("reminders@bank.example", "示例银行", null);

        // A wrong class name here would make every e-mail fail, so Jakarta Mail must resolve it itself.
        String named = System.getProperty("jakarta.mail.util.StreamProvider");
        assertThat(named).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(named);

        MimeMessage mime = builder.build(Messages.message("n-1", "I1:early:email:borrower:0", "email",
                "zhang@example.com", "张伟", "zh-CN", "还款提醒", "正文", "<p>正文</p>", null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mime.writeTo(out);
        String raw = out.toString(StandardCharsets.US_ASCII);
        assertThat(raw).contains("Message-ID: <n-1@dunning-hub.local>", "multipart/alternative", "=?UTF-8?");
    }
}
