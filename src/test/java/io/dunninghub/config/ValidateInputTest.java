package io.dunninghub.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.cli.ValidateCommand;
import io.dunninghub.support.ShippedConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input {@code validate} (and so start-up, which runs the same checks) used to accept although the hub could not
 * work with it: each case is the shipped configuration with one thing wrong, and the problem must be named as
 * {@code file: key: problem}. None of these touch a database.
 */
class ValidateInputTest {

    @TempDir
    Path work;
    Path config;
    Path props;

    @BeforeEach
    void copyShippedConfig() throws Exception {
        config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        props = config.resolve("application.properties");
    }

    private List<String> validate(Map<String, String> overrides) {
        return ValidateCommand.check(config, Path.of("routes"), overrides);
    }

    private List<String> validate() {
        return validate(Map.of());
    }

    private void replaceInProperties(String from, String to) throws Exception {
        String text = Files.readString(props);
        assertThat(text).contains(from);
        Files.writeString(props, text.replace(from, to));
    }

    private void appendToProperties(String lines) throws Exception {
        Files.writeString(props, Files.readString(props) + "\n" + lines + "\n");
    }

    @Test
    void theShippedConfigurationStillValidates() {
        assertThat(validate()).isEmpty();
    }

    @Test
    void aCronQuartzCannotRunIsRefused() throws Exception {
        replaceInProperties("hub.scan.cron = 0 0 8 * * ?", "hub.scan.cron = 0 0 25 * * ?");
        assertThat(validate()).anySatisfy(p -> assertThat(p).contains("application.properties: hub.scan.cron: ")
                .contains("'0 0 25 * * ?' is not a Quartz cron"));
        assertThat(validate(Map.of("hub.scan.cron", "every morning"))).anySatisfy(p -> assertThat(p)
                .contains("hub.scan.cron: 'every morning' is not a Quartz cron"));
    }

    @Test
    void aPublicUrlThatIsNotAnHttpUrlIsRefused() {
        for (String bad : List.of("hub.example.com", "ftp://hub.example.com", "https://", "https://hub example.com",
                "https://hub.example.com/receipts?x=1")) {
            assertThat(validate(Map.of("hub.receipts.public-url", bad))).as(bad)
                    .anySatisfy(p -> assertThat(p).contains("application.properties: hub.receipts.public-url: "));
        }
        assertThat(validate(Map.of("hub.receipts.public-url", "https://hub.example.com:8443"))).isEmpty();
        assertThat(validate(Map.of("hub.receipts.public-url", "https://hub.example.com/dunning/"))).isEmpty();
    }

    @Test
    void aColumnMappingForAColumnTheHubDoesNotKnowIsRefused() throws Exception {
        appendToProperties("hub.scan.column.amout_due = restbetrag\nhub.contacts.column.mobile = handy\n"
                + "hub.scan.column.due_date = fecha_venc\nhub.contacts.column.phone = handy");
        List<String> problems = validate();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("application.properties: hub.scan.column.amout_due: ")
                .contains("'amout_due' is not a column the scan reads").contains("amount_due"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("hub.contacts.column.mobile: ")
                .contains("'mobile' is not a column the contacts query reads").contains("phone"));
        assertThat(problems).noneSatisfy(p -> assertThat(p).contains("hub.scan.column.due_date"));
        assertThat(problems).noneSatisfy(p -> assertThat(p).contains("hub.contacts.column.phone"));
    }

    @Test
    void anEmptyLenderAddressIsRefusedWhenALetterNeedsIt() throws Exception {
        replaceInProperties("hub.lender.address = 1 Century Avenue, Pudong, Shanghai 200120", "hub.lender.address =");
        List<String> problems = validate();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("application.properties: hub.lender.address: ")
                .contains("overdue_letter").contains("letter"));
        // without a letter (or a formal e-mail with its PDF) in the ladder, nothing needs it
        Path ladder = config.resolve("ladder.yaml");
        Files.writeString(ladder, """
                ladders:
                  - id: sms-only
                    steps:
                      - id: early
                        dpd: 1..
                        channels:
                          - { channel: sms, template: overdue_early }
                """);
        assertThat(validate()).isEmpty();
    }

    @Test
    void aBlankAppNameIsRefusedRatherThanSentAsEmptyQuotes() throws Exception {
        // blank is not set: an SMS saying "pay in the “” app" would be sent otherwise
        replaceInProperties("hub.lender.app-name = DemoLoan", "hub.lender.app-name =   ");
        List<String> problems = validate();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("application.properties: hub.lender.app-name: ")
                .contains("overdue_early").contains("lender.appName"));
    }

    @Test
    void duplicateKeysInTheYamlFilesAreRefusedWithTheirLine() throws Exception {
        Path ladder = config.resolve("ladder.yaml");
        Files.writeString(ladder, """
                ladders:
                  - id: consumer
                    steps:
                      - id: early
                        dpd: 1..3
                        id: early-v2
                        channels:
                          - { channel: sms, template: overdue_early }
                """);
        Path policy = config.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(policy) + "\ncontact-windows:\n  default: always\n");
        List<String> problems = validate();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("ladder.yaml: line 6: ").contains("duplicate key 'id'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("policy.yaml: line ")
                .contains("duplicate key 'contact-windows'"));
        Path providers = config.resolve("providers.yaml");
        Files.writeString(providers, Files.readString(providers).replaceFirst("    channel: sms\n",
                "    channel: sms\n    channel: email\n"));
        assertThat(validate()).anySatisfy(p -> assertThat(p).contains("providers.yaml: line ")
                .contains("duplicate key 'channel'"));
    }

    @Test
    void aKeySetTwiceInApplicationPropertiesIsRefusedWithBothLines() throws Exception {
        appendToProperties("hub.dispatch.threads = 2");
        List<String> problems = validate();
        int first = lineOf("hub.dispatch.threads = 8");
        int second = lineOf("hub.dispatch.threads = 2");
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("application.properties: hub.dispatch.threads: ")
                .contains("set twice (lines " + first + " and " + second + ")"));
    }

    private int lineOf(String text) throws Exception {
        List<String> lines = Files.readAllLines(props);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    @Test
    void aLineOfBinaryGarbageIsRefusedWithItsLine() throws Exception {
        byte[] text = Files.readAllBytes(props);
        byte[] garbage = {0x00, 0x13, (byte) 0x9c, 0x7f, 0x01, 'h', 'u', 'b', 0x02, '\n'};
        byte[] all = new byte[text.length + garbage.length];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(garbage, 0, all, text.length, garbage.length);
        Files.write(props, all);
        int line = (int) new String(text, StandardCharsets.UTF_8).lines().count() + 1;
        assertThat(validate()).anySatisfy(p -> assertThat(p).contains("application.properties: line " + line + ": "));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithItsLine() throws Exception {
        replaceInProperties("hub.lender.app-name = DemoLoan", "hub.lender.app-name = DémoLoan");
        int line = lineOf("hub.lender.app-name = DémoLoan");
        Files.write(props, Files.readString(props).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(validate()).anySatisfy(p -> assertThat(p).contains("application.properties: line " + line + ": ")
                .contains("not UTF-8"));
    }

    @Test
    void applicationPropertiesIsReadAsUtf8() throws Exception {
        replaceInProperties("hub.lender.app-name = DemoLoan", "hub.lender.app-name = 欠趣分期");
        assertThat(validate()).isEmpty();
        assertThat(HubConfig.settingsOnly(config, Map.of()).get("hub.lender.app-name")).isEqualTo("欠趣分期");
    }

    @Test
    void unknownKeysInTheFileOrOnTheCommandLineAreRefused() throws Exception {
        appendToProperties("hub.dispatch.threds = 4");
        assertThat(validate(Map.of("hub.as-of", "2026-11-23"))).anySatisfy(p -> assertThat(p)
                .contains("hub.dispatch.threds: unknown key")).anySatisfy(p -> assertThat(p).contains("hub.as-of: unknown key"));
    }
}
