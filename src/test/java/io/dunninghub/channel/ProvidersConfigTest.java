package io.dunninghub.channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvidersConfigTest {

    private static final String FILE = "config/providers.yaml";

    private static final String VALID = """
            providers:
              - name: twilio-main
                channel: sms
                adapter: twilio
                priority: 1          # lower = tried first
                enabled: true
                options:
                  base-url: https://api.twilio.com
                  account-sid: "{{env:TWILIO_ACCOUNT_SID:}}"
                  auth-token: "{{env:TWILIO_AUTH_TOKEN:}}"
                  from: "+15005550006"
                  default-region: CN
              - name: smtp-relay
                channel: email
                adapter: smtp
                priority: 0
                options:
                  host: smtp.example.com
                  port: 587
                  from: notices@bank.example
                  starttls: true
              - name: twilio-backup
                channel: sms
                adapter: twilio
                priority: 2
                enabled: false
                options:
                  account-sid: "{{env:BACKUP_SID}}"
              - name: demo-letters
                channel: letter
                adapter: file
            """;

    @Test
    void readsProvidersAndResolvesPlaceholdersOfEnabledOnesOnly() {
        List<String> resolved = new ArrayList<>();
        ProvidersConfig config = ProvidersConfig.parse(FILE, VALID, s -> {
            resolved.add(s);
            return s.replace("{{env:TWILIO_ACCOUNT_SID:}}", "AC0123").replace("{{env:TWILIO_AUTH_TOKEN:}}", "secret");
        });

        assertThat(config.providers()).extracting(ProviderSettings::name)
                .containsExactly("twilio-main", "smtp-relay", "twilio-backup", "demo-letters");
        ProviderSettings twilio = config.providers().get(0);
        assertThat(twilio.channel()).isEqualTo("sms");
        assertThat(twilio.adapter()).isEqualTo("twilio");
        assertThat(twilio.priority()).isEqualTo(1);
        assertThat(twilio.enabled()).isTrue();
        assertThat(twilio.options()).containsEntry("account-sid", "AC0123").containsEntry("auth-token", "secret")
                .containsEntry("from", "+15005550006").containsEntry("default-region", "CN");
        assertThat(twilio.toString()).doesNotContain("secret");
        assertThat(config.providers().get(1).options()).containsEntry("port", "587").containsEntry("starttls", "true");
        ProviderSettings backup = config.providers().get(2);
        assertThat(backup.enabled()).isFalse();
        assertThat(backup.options()).containsEntry("account-sid", "{{env:BACKUP_SID}}");
        assertThat(resolved).doesNotContain("{{env:BACKUP_SID}}");
        assertThat(config.providers().get(3).priority()).isZero();
        assertThat(config.providers().get(3).enabled()).isTrue();
        assertThat(config.enabled()).extracting(ProviderSettings::name).containsExactly("twilio-main", "smtp-relay", "demo-letters");
    }

    @Test
    void loadsFromFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("providers.yaml");
        Files.writeString(file, "providers:\n  - name: outbox\n    channel: sms\n    adapter: file\n");
        assertThat(ProvidersConfig.load(file, s -> s).providers()).hasSize(1);

        Files.writeString(file, "providers:\n  - name: outbox\n    channel: sms\n    adapter: fille\n");
        assertThatThrownBy(() -> ProvidersConfig.load(file, s -> s))
                .isInstanceOf(io.dunninghub.common.ConfigException.class)
                .hasMessage(file + ": providers[0].adapter: unknown adapter 'fille' (known: " + String.join(", ", AdapterCatalog.names()) + ")");
    }

    @Test
    void unknownAdapter() {
        String yaml = """
                providers:
                  - {name: a, channel: sms, adapter: file}
                  - {name: b, channel: sms, adapter: file}
                  - {name: c, channel: sms, adapter: twilo}
                """;
        assertThatThrownBy(() -> ProvidersConfig.parse(FILE, yaml, s -> s))
                .isInstanceOf(ProvidersConfigException.class)
                .hasMessage("config/providers.yaml: providers[2].adapter: unknown adapter 'twilo' (known: " + String.join(", ", AdapterCatalog.names()) + ")")
                .satisfies(e -> {
                    ProvidersConfigException ce = (ProvidersConfigException) e;
                    assertThat(ce.file()).isEqualTo(FILE);
                    assertThat(ce.key()).isEqualTo("providers[2].adapter");
                });
    }

    @Test
    void missingNameChannelOrAdapter() {
        assertError("providers:\n  - {channel: sms, adapter: file}\n", "providers[0].name: missing");
        assertError("providers:\n  - {name: a, adapter: file}\n", "providers[0].channel: missing");
        assertError("providers:\n  - {name: a, channel: sms, adapter: ''}\n", "providers[0].adapter: missing");
    }

    @Test
    void duplicateName() {
        assertError("""
                providers:
                  - {name: outbox, channel: sms, adapter: file}
                  - {name: outbox, channel: email, adapter: file}
                """, "providers[1].name: duplicate name 'outbox'");
    }

    @Test
    void negativeOrNonNumericPriority() {
        assertError("providers:\n  - {name: a, channel: sms, adapter: file, priority: -1}\n",
                "providers[0].priority: must be 0 or more, not -1");
        assertError("providers:\n  - {name: a, channel: sms, adapter: file, priority: first}\n",
                "providers[0].priority: must be a whole number, not 'first'");
    }

    @Test
    void missingTwilioOptions() {
        assertError("""
                providers:
                  - name: t
                    channel: sms
                    adapter: twilio
                    options: {auth-token: x, from: "+15005550006"}
                """, "providers[0].options.account-sid: missing required option for adapter 'twilio'");
        assertError("""
                providers:
                  - name: t
                    channel: sms
                    adapter: twilio
                    options: {account-sid: AC1, auth-token: x}
                """, "providers[0].options.from: missing required option for adapter 'twilio' (or messaging-service-sid)");
        // a placeholder that resolves to nothing is as missing as an absent key
        assertError("""
                providers:
                  - name: t
                    channel: sms
                    adapter: twilio
                    options: {account-sid: AC1, auth-token: "{{env:TWILIO_AUTH_TOKEN:}}", from: "+15005550006"}
                """, "providers[0].options.auth-token: missing required option for adapter 'twilio', empty after resolving placeholders",
                s -> s.startsWith("{{") ? "" : s);
        ProvidersConfig ok = ProvidersConfig.parse(FILE, """
                providers:
                  - name: t
                    channel: sms
                    adapter: twilio
                    options: {account-sid: AC1, auth-token: x, messaging-service-sid: MG1}
                """, s -> s);
        assertThat(ok.providers()).hasSize(1);
    }

    @Test
    void missingSmtpOptions() {
        for (String key : List.of("host", "port", "from")) {
            Map<String, String> options = new java.util.LinkedHashMap<>(Map.of("host", "h", "port", "25", "from", "a@b.example"));
            options.remove(key);
            StringBuilder yaml = new StringBuilder("providers:\n  - name: s\n    channel: email\n    adapter: smtp\n    options:\n");
            options.forEach((k, v) -> yaml.append("      ").append(k).append(": ").append(v).append('\n'));
            assertError(yaml.toString(), "providers[0].options." + key + ": missing required option for adapter 'smtp'");
        }
        assertError("providers:\n  - {name: s, channel: email, adapter: smtp, options: {host: h, port: twenty-five, from: a@b.example}}\n",
                "providers[0].options.port: must be a positive whole number, not 'twenty-five'");
    }

    @Test
    void disabledProviderNeedsNoOptions() {
        ProvidersConfig config = ProvidersConfig.parse(FILE,
                "providers:\n  - {name: s, channel: email, adapter: smtp, enabled: false}\n", s -> s);
        assertThat(config.enabled()).isEmpty();
    }

    @Test
    void adapterOnTheWrongChannelUnknownKeysAndBadPlaceholders() {
        assertError("providers:\n  - {name: t, channel: email, adapter: twilio}\n",
                "providers[0].channel: adapter 'twilio' delivers only sms, not 'email'");
        assertError("providers:\n  - {name: t, channel: sms, adapter: file, enabeld: false}\n",
                "providers[0].enabeld: unknown key (known: name, channel, adapter, priority, enabled, options, rate, burst, circuit-breaker)");
        assertError("providers:\n  - {name: t, channel: sms, adapter: file, options: {dir: '{{hub.outbox}}'}}\n",
                "providers[0].options.dir: cannot resolve placeholder: Property with key [hub.outbox] not found",
                s -> {
                    throw new IllegalArgumentException("Property with key [hub.outbox] not found");
                });
    }

    @Test
    void malformedYamlNamesTheLine() {
        String yaml = """
                providers:
                  - name: a
                    channel: sms
                   adapter: file
                """;
        assertThatThrownBy(() -> ProvidersConfig.parse(FILE, yaml, s -> s))
                .isInstanceOf(ProvidersConfigException.class)
                .hasMessageStartingWith("config/providers.yaml: line 4: not valid YAML");
        assertError("providers: {name: a}\n", "providers: must be a list");
        assertError("other: []\n", "providers: missing: the file must hold a 'providers' list");
        assertError("providers:\n  - name: a\n    name: b\n    channel: sms\n    adapter: file\n", "line 3: duplicate key 'name' (given twice in the same block; the hub does not pick one)");
    }

    @Test
    void eachAdaptersOwnOptionsAreCheckedNamingTheKey() {
        assertError("providers:\n  - {name: a, channel: sms, adapter: http-sms}\n",
                "providers[0].options.url: missing required option for adapter 'http-sms'");
        assertError("providers:\n  - {name: a, channel: sms, adapter: http-sms, options: {url: 'ftp://x'}}\n",
                "providers[0].options.url: 'ftp://x' is not an http(s) URL");
        assertError("providers:\n  - {name: a, channel: sms, adapter: http-sms, options: {url: 'https://x.example', body: '{\"to\": \"${phone}\"}'}}\n",
                "providers[0].options.body: unknown variable ${phone} (known: " + String.join(", ",
                        new java.util.TreeSet<>(io.dunninghub.channel.http.MessageValues.ROOTS)) + ")");
        assertError("providers:\n  - {name: a, channel: sms, adapter: http-sms, options: {url: 'https://x.example', body: '{\"to\": '}}\n",
                "providers[0].options.body: not valid JSON: Unexpected end-of-input within/between Object entries");
        assertError("providers:\n  - {name: a, channel: sms, adapter: aliyun-sms, options: {access-key-id: k, access-key-secret: s, sign-name: n}}\n",
                "providers[0].options.template-code: missing: the provider's approved template (template-code, or template-code.<hub template>)");
        assertError("providers:\n  - {name: a, channel: sms, adapter: tencent-sms, options: {secret-id: i, secret-key: k, sdk-app-id: '1', template-id: '2', template-params: '{}'}}\n",
                "providers[0].options.template-params: must be a JSON array of parameters");
        assertError("providers:\n  - {name: a, channel: letter, adapter: lob, options: {api-key: k, from-address-id: adr_1, extra-service: express}}\n",
                "providers[0].options.extra-service: must be one of certified, certified_return_receipt, none, not 'express'");
        assertError("providers:\n  - {name: a, channel: agency, adapter: agency-file, options: {dir: x, format: xml}}\n",
                "providers[0].options.format: must be one of csv, jsonl, not 'xml'");
        assertError("providers:\n  - {name: a, channel: push, adapter: fcm, options: {service-account-file: /no/such/key.json}}\n",
                "providers[0].options.service-account-file: cannot read /no/such/key.json");
        assertError("providers:\n  - {name: a, channel: wechat, adapter: route}\n",
                "providers[0].options.uri: missing required option for adapter 'route'");
        assertError("providers:\n  - {name: a, channel: sms, adapter: dialer, options: {url: 'https://x.example'}}\n",
                "providers[0].channel: adapter 'dialer' delivers only call, not 'sms'");
    }

    private static void assertError(String yaml, String expected) {
        assertError(yaml, expected, s -> s);
    }

    private static void assertError(String yaml, String expected, java.util.function.UnaryOperator<String> resolver) {
        assertThatThrownBy(() -> ProvidersConfig.parse(FILE, yaml, resolver))
                .isInstanceOf(ProvidersConfigException.class)
                .hasMessage(FILE + ": " + expected);
    }
}
