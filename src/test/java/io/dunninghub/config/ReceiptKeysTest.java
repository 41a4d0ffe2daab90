package io.dunninghub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.common.ConfigException;
import io.dunninghub.receipt.SendGridReceipts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SendGrid receipt keys as start-up reads them: off, on, or a problem naming the file and the key. */
class ReceiptKeysTest {

    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";

    private static HubSettings settings(Map<String, String> values) {
        return new HubSettings(values, "config/application.properties", Path.of("config"));
    }

    @Test
    void withoutAKeyTheEndpointIsOff() {
        assertThat(settings(Map.of()).sendGridReceipts()).isSameAs(SendGridReceipts.Settings.OFF);
    }

    @Test
    void aKeyAndATolerance() {
        SendGridReceipts.Settings s = settings(Map.of("hub.receipts.sendgrid.public-key", KEY,
                "hub.receipts.sendgrid.tolerance-seconds", "120")).sendGridReceipts();
        assertThat(s.key()).isPresent();
        assertThat(s.tolerance()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aValueThatIsNoKeyStopsStartUpNamingFileAndKey() {
        assertThatThrownBy(() -> settings(Map.of("hub.receipts.sendgrid.public-key", "paste-the-key-here")).sendGridReceipts())
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/application.properties: hub.receipts.sendgrid.public-key: not a SendGrid verification key "
                        + "(Base64 of an EC public key)");
        // validate and start-up run it with every other check of the settings
        java.util.List<ConfigException> problems = new java.util.ArrayList<>();
        ConfigChecks.settings(settings(Map.of("hub.receipts.sendgrid.public-key", "nope")), problems);
        assertThat(problems).extracting(ConfigException::getMessage)
                .anyMatch(m -> m.startsWith("config/application.properties: hub.receipts.sendgrid.public-key: not a SendGrid"));
    }
}
