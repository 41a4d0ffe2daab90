package io.dunninghub.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dunninghub.channel.Messages;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderSettings;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Every e-mail notice carries List-Unsubscribe with a link signed for its notice and a mailto, and RFC 8058's
 * List-Unsubscribe-Post; the token cannot be made or altered without the secret; Reply-To is the option's.
 */
class ListUnsubscribeTest {

    private static final UnsubscribeToken TOKENS = new UnsubscribeToken("unsubscribe-secret-0123456789");
    private static final ListUnsubscribe BOTH = new ListUnsubscribe("https://hub.lender.example/", TOKENS,
            "unsubscribe@lender.example");

    private static OutboundMessage email(String noticeId) {
        return Messages.message(noticeId, "L1:formal:email:borrower:0", "email", "zhang.wei@borrower.example", "张伟",
                "zh-CN", "逾期提醒", "text", "<p>html</p>", null);
    }

    private static ProviderSettings smtp(Map<String, String> options) {
        return new ProviderSettings("smtp", "email", "smtp", 0, true, options);
    }

    @Test
    void theHeaderHasTheSignedLinkAndTheMailtoAndOneClickPost() throws Exception {
        MimeMessage mime = NoticeMimeBuilder.of(smtp(Map.of("from", "reminders@lender.example",
                "reply-to", "collections@lender.example")), BOTH).build(email("N-1"));
        String token = TOKENS.of("N-1");
        assertThat(mime.getHeader("List-Unsubscribe", null)).isEqualTo("<https://hub.lender.example/unsubscribe/" + token
                + ">, <mailto:unsubscribe@lender.example?subject=unsubscribe%20" + token + ">");
        assertThat(mime.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(((InternetAddress) mime.getReplyTo()[0]).getAddress()).isEqualTo("collections@lender.example");
        assertThat(TOKENS.noticeId(token)).contains("N-1");
    }

    @Test
    void withoutALinkThereIsNoOneClickPostAndWithoutEitherNoHeader() throws Exception {
        MimeMessage mailtoOnly = NoticeMimeBuilder.of(smtp(Map.of()), new ListUnsubscribe("", null,
                "unsubscribe@lender.example")).build(email("N-2"));
        assertThat(mailtoOnly.getHeader("List-Unsubscribe", null)).isEqualTo("<mailto:unsubscribe@lender.example?subject=unsubscribe>");
        assertThat(mailtoOnly.getHeader("List-Unsubscribe-Post")).isNull();
        MimeMessage none = NoticeMimeBuilder.of(smtp(Map.of()), ListUnsubscribe.NONE).build(email("N-3"));
        assertThat(none.getHeader("List-Unsubscribe")).isNull();
        assertThat(none.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(((InternetAddress) none.getReplyTo()[0]).getAddress()).as("replies go to From").isEqualTo("noreply@dunning-hub.local");
    }

    @Test
    void aTokenCannotBeGuessedOrAltered() {
        String token = TOKENS.of("N-4");
        assertThat(TOKENS.noticeId(token)).contains("N-4");
        assertThat(new UnsubscribeToken("another-secret-0123456789").noticeId(token)).isEmpty();
        String otherNotice = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("N-5".getBytes())
                + token.substring(token.indexOf('.'));
        assertThat(TOKENS.noticeId(otherNotice)).isEmpty();
        assertThat(TOKENS.noticeId("N-4")).isEmpty();
        assertThat(TOKENS.noticeId("a.b.c")).isEmpty();
        assertThat(TOKENS.noticeId("!!.??")).isEmpty();
        assertThat(TOKENS.noticeId(null)).isEmpty();
    }

    @Test
    void theAdaptersFindTheHeaderInTheRegistryAndSendGridSendsItToo() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            assertThat(ListUnsubscribe.from(camel)).isSameAs(ListUnsubscribe.NONE);
            camel.getRegistry().bind(ListUnsubscribe.BEAN, BOTH);
            assertThat(ListUnsubscribe.from(camel)).isSameAs(BOTH);
        }
        ObjectNode body = new SendGridEmailAdapter(new ProviderSettings("sg", "email", "sendgrid", 0, true,
                Map.of("api-key", "SG.x", "from", "reminders@lender.example")), Clock.systemUTC(), BOTH).body(email("N-6"));
        assertThat(body.path("headers").path("List-Unsubscribe").asText()).isEqualTo(BOTH.header("N-6"));
        assertThat(body.path("headers").path("List-Unsubscribe-Post").asText()).isEqualTo("List-Unsubscribe=One-Click");
    }
}
