package io.dunninghub.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.channel.email.ListUnsubscribe;
import io.dunninghub.common.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inbound keys: a short secret, a bad public URL or mailbox stops start-up (and validate) naming the key. */
class OutcomeKeysTest {

    private static HubSettings with(Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("hub.core.url", "jdbc:h2:mem:c", "hub.ledger.url", "jdbc:h2:mem:l"));
        all.putAll(values);
        return new HubSettings(all, "config/application.properties", Path.of("config"));
    }

    private static List<String> problems(Map<String, String> values) {
        List<ConfigException> problems = new ArrayList<>();
        ConfigChecks.settings(with(values), problems);
        return problems.stream().map(ConfigException::getMessage).toList();
    }

    @Test
    void badValuesAreNamedWithTheirKey() {
        assertThat(problems(Map.of("hub.outcomes.dialer.secret", "short", "hub.unsubscribe.secret", "tiny",
                "hub.unsubscribe.mailto", "not a mailbox", "hub.unsubscribe.public-url", "ftp://x",
                "hub.outcomes.dialer.tolerance-seconds", "0")))
                .anyMatch(p -> p.startsWith("config/application.properties: hub.outcomes.dialer.secret: must be at least 16"))
                .anyMatch(p -> p.startsWith("config/application.properties: hub.unsubscribe.secret: must be at least 16"))
                .anyMatch(p -> p.startsWith("config/application.properties: hub.unsubscribe.mailto: must be an e-mail address"))
                .anyMatch(p -> p.startsWith("config/application.properties: hub.unsubscribe.public-url: 'ftp://x' must start with https://"))
                .anyMatch(p -> p.startsWith("config/application.properties: hub.outcomes.dialer.tolerance-seconds: must be at least 1"));
        assertThat(problems(Map.of())).noneMatch(p -> p.contains("outcomes") || p.contains("unsubscribe"));
    }

    @Test
    void theLinkNeedsASecretAndAPublicUrlTheMailtoOnlyItsMailbox() {
        assertThat(with(Map.of()).listUnsubscribe()).isSameAs(ListUnsubscribe.NONE);
        assertThat(with(Map.of("hub.receipts.public-url", "https://hub.lender.example")).listUnsubscribe())
                .as("no secret, no link").isSameAs(ListUnsubscribe.NONE);
        ListUnsubscribe both = with(Map.of("hub.receipts.public-url", "https://hub.lender.example",
                "hub.unsubscribe.secret", "unsubscribe-secret-0123456789",
                "hub.unsubscribe.mailto", "unsubscribe@lender.example")).listUnsubscribe();
        assertThat(both.link("N1")).startsWith("https://hub.lender.example/unsubscribe/");
        ListUnsubscribe own = with(Map.of("hub.receipts.public-url", "https://hub.lender.example",
                "hub.unsubscribe.public-url", "https://mail.lender.example/hub",
                "hub.unsubscribe.secret", "unsubscribe-secret-0123456789")).listUnsubscribe();
        assertThat(own.link("N1")).startsWith("https://mail.lender.example/hub/unsubscribe/");
        assertThat(with(Map.of("hub.unsubscribe.mailto", "unsubscribe@lender.example")).listUnsubscribe().header("N1"))
                .isEqualTo("<mailto:unsubscribe@lender.example?subject=unsubscribe>");
    }

    @Test
    void disputeWordsHaveDefaultsAndCanBeSwitchedOff() {
        assertThat(with(Map.of()).replyRules().holdFor("这不是我的")).map(Map.Entry::getKey).contains("DISPUTE");
        assertThat(with(Map.of("hub.outcomes.sms.dispute-keywords", "")).replyRules().holdFor("这不是我的")).isEmpty();
        assertThat(with(Map.of("hub.outcomes.sms.complaint-keywords", "投诉, complaint")).replyRules().holdFor("I have a COMPLAINT"))
                .map(Map.Entry::getKey).contains("COMPLAINT");
    }
}
