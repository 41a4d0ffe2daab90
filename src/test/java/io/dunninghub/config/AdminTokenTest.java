package io.dunninghub.config;

import io.dunninghub.web.AdminEndpoints;
import io.dunninghub.web.AdminToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.common.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin token setting: absent means off, a short one stops start-up (and validate) naming the key. */
class AdminTokenTest {

    private static HubSettings with(String token) {
        return new HubSettings(Map.of("hub.admin.token", token), "config/application.properties", Path.of("config"));
    }

    @Test
    void noTokenMeansNoAdminApi() {
        assertThat(AdminToken.of(with("").adminToken()).isSet()).isFalse();
        assertThat(AdminToken.of(with("   ").adminToken()).isSet()).isFalse();
        assertThat(new AdminEndpoints(AdminToken.NONE, null, LiveReload.UNAVAILABLE, null).enabled()).isFalse();
    }

    @Test
    void aShortTokenIsAConfigError() {
        assertThatThrownBy(() -> with("letmein").adminToken())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/application.properties: hub.admin.token: must be at least 16 characters");
        assertThat(with(" 0123456789abcdef0123 ").adminToken()).isEqualTo("0123456789abcdef0123");
        assertThat(AdminToken.of(with(" 0123456789abcdef0123 ").adminToken()).matches("0123456789abcdef0123")).isTrue();
    }
}
