package io.dunninghub.channel.file;

import io.dunninghub.channel.Messages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderSettings;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FileOutboxAdapterTest {

    @TempDir
    Path dir;

    private FileOutboxAdapter outbox(Path root) {
        return new FileOutboxAdapter(new ProviderSettings("demo-outbox", "sms", "file", 9, true,
                Map.of("dir", root.toString(), "from", "notices@bank.example", "from-name", "示例银行")));
    }

    private static OutboundMessage message(String id, String channel, String recipient, String subject, String text,
                                           String html, byte[] pdf) {
        return Messages.atStep(Messages.message(id, "I-77:dpd3:" + channel + ":borrower:1", channel, recipient, "张伟",
                "zh-CN", subject, text, html, pdf), "dpd3");
    }

    @Test
    void smsIsTheRecipientLineAndTheText() throws Exception {
        DeliveryResult result = outbox(dir).send(message("N-1", "sms", "+8613800138000", null, "您的贷款已逾期3天。", null, null));

        assertThat(result.outcome()).isEqualTo(Outcome.SENT);
        assertThat(result.provider()).isEqualTo("demo-outbox");
        assertThat(result.providerMessageId()).isEqualTo("N-1.txt");
        assertThat(result.segments()).isEqualTo(1);
        assertThat(outbox(dir).send(message("N-1b", "sms", "+8613800138000", null, "逾".repeat(71), null, null)).segments())
                .isEqualTo(2);
        assertThat(Files.readString(dir.resolve("sms/N-1.txt"), StandardCharsets.UTF_8))
                .isEqualTo("To: +8613800138000\n\n您的贷款已逾期3天。");
    }

    @Test
    void emailIsTheMimeMessageSmtpWouldSend() throws Exception {
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        DeliveryResult result = outbox(dir).send(message("N-2", "email", "zhang.wei@borrower.example",
                "逾期还款提醒", "文本", "<p>网页</p>", pdf));

        assertThat(result.providerMessageId()).isEqualTo("N-2.eml");
        MimeMessage mail;
        try (InputStream in = Files.newInputStream(dir.resolve("email/N-2.eml"))) {
            mail = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(mail.getSubject()).isEqualTo("逾期还款提醒");
        assertThat(mail.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(mail.getMessageID()).isEqualTo("<N-2@dunning-hub.local>");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("=?UTF-8?B?5byg5Lyf?= <zhang.wei@borrower.example>");
        MimeMultipart mixed = (MimeMultipart) mail.getContent();
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("notice-N-2.pdf");

        DeliveryResult bad = outbox(dir).send(message("N-2b", "email", "not-an-address", "s", "t", null, null));
        assertThat(bad.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(bad.reasonCode()).isEqualTo("INVALID_RECIPIENT");
    }

    @Test
    void pushIsAnFcmLikeJson() throws Exception {
        outbox(dir).send(message("N-3", "push", "fcm-token-abc123", "还款提醒", "您的贷款已逾期", null, null));

        JsonNode json = new ObjectMapper().readTree(dir.resolve("push/N-3.json").toFile());
        assertThat(json.at("/message/token").asText()).isEqualTo("fcm-token-abc123");
        assertThat(json.at("/message/notification/title").asText()).isEqualTo("还款提醒");
        assertThat(json.at("/message/notification/body").asText()).isEqualTo("您的贷款已逾期");
        assertThat(json.at("/message/data/noticeId").asText()).isEqualTo("N-3");
    }

    @Test
    void letterIsThePdfAndNeedsOne() throws Exception {
        byte[] pdf = "%PDF-1.7\n催收函\n%%EOF".getBytes(StandardCharsets.UTF_8);
        assertThat(outbox(dir).send(message("N-4", "letter", "北京市朝阳区…", null, null, null, pdf)).providerMessageId())
                .isEqualTo("N-4.pdf");
        assertThat(Files.readAllBytes(dir.resolve("letter/N-4.pdf"))).isEqualTo(pdf);

        DeliveryResult none = outbox(dir).send(message("N-5", "letter", "北京市朝阳区…", null, "text", null, null));
        assertThat(none.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(none.reasonCode()).isEqualTo("NO_DOCUMENT");
        assertThat(dir.resolve("letter/N-5.pdf")).doesNotExist();
    }

    @Test
    void otherChannelsGetAllFieldsAsJson() throws Exception {
        outbox(dir).send(message("N-6", "wechat", "openid-xyz", "提醒", "正文", null, null));

        JsonNode json = new ObjectMapper().readTree(dir.resolve("wechat/N-6.json").toFile());
        assertThat(json.get("noticeId").asText()).isEqualTo("N-6");
        assertThat(json.get("recipient").asText()).isEqualTo("openid-xyz");
        assertThat(json.get("text").asText()).isEqualTo("正文");
        assertThat(json.at("/attributes/step").asText()).isEqualTo("dpd3");
    }

    @Test
    void noticeIdsCannotEscapeTheOutboxAndNoTempFilesRemain() throws Exception {
        DeliveryResult result = outbox(dir).send(message("../../etc/passwd", "sms", "+8613800138000", null, "x", null, null));

        assertThat(result.providerMessageId()).isEqualTo("______etc_passwd.txt");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
                    .containsExactly("sms/______etc_passwd.txt");
        }
    }

    @Test
    void aDiskThatCannotBeWrittenIsTransient() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("outbox"), "a file where the folder should be");

        DeliveryResult result = outbox(notADirectory).send(message("N-7", "sms", "+8613800138000", null, "x", null, null));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(result.reasonCode()).isEqualTo("IO_ERROR");
    }
}
