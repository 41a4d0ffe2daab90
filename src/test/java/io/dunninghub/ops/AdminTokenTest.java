package io.dunninghub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.common.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin token setting: absent means off, a short one stops start-up (and validate) naming the key. */
class AdminTokenTest {

    private static HubSettings with(String token) {
        return new HubSettings(Map.of("hub.admin.token", token)::get, "config/application.properties", Path.of("config"));
    }

    @Test
    void noTokenMeansNoAdminApi() {
        assertThat(HubApplication.adminToken(with(""))).isNull();
        assertThat(HubApplication.adminToken(with("   "))).isNull();
        assertThat(new AdminEndpoints(null, null, null, null).enabled()).isFalse();
    }

    @Test
    void aShortTokenIsAConfigError() {
        assertThatThrownBy(() -> HubApplication.adminToken(with("letmein")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/application.properties: hub.admin.token: must be at least 16 characters");
        assertThat(HubApplication.adminToken(with(" 0123456789abcdef0123 "))).isEqualTo("0123456789abcdef0123");
    }
}
