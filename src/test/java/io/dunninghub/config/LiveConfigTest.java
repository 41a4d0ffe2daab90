package io.dunninghub.config;

import io.dunninghub.support.TestData;
import io.dunninghub.render.TemplateModel;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.render.LetterPdfWriter;
import io.dunninghub.render.TemplateRenderer;
import io.dunninghub.support.ShippedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live configuration snapshot and its checks, without Camel. */
class LiveConfigTest {

    static final LetterPdfWriter PDF = TestData.letterPdf(Path.of("config/fonts/NotoSansSC-Regular.ttf"));
    /** Stands in for Camel's placeholder resolution: every {{…}} becomes a value. */
    static final UnaryOperator<String> PLACEHOLDERS = s -> s.replaceAll("\\{\\{[^}]*}}", "resolved");

    @TempDir
    Path work;
    Path config;
    Path routes;
    HubSettings settings;

    @BeforeEach
    void copyShipped() throws Exception {
        config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        routes = work.resolve("routes");
        ShippedConfig.copyTree(Path.of("routes"), routes);
        settings = new HubSettings(Map.of("hub.render.default-locale", "zh-CN", "hub.lender.name", "Demo Finance",
                "hub.lender.app-name", "DemoLoan", "hub.lender.hotline", "400-000-0000", "hub.lender.website",
                "https://www.example.com", "hub.lender.email", "service@example.com", "hub.lender.address",
                "1 Century Avenue, Shanghai", "hub.lender.complaints", "complaints@example.com"),
                "application.properties", config);
    }

    private LiveConfig.Read read() {
        return LiveConfig.read(config, routes, settings, PLACEHOLDERS, PDF);
    }

    @Test
    void theShippedFilesMakeOneSnapshot() {
        LiveConfig.Read read = read();
        assertThat(read.problems()).isEmpty();
        assertThat(read.ok()).isTrue();
        LiveConfig c = read.config();
        assertThat(c.ladders().ladders()).isNotEmpty();
        assertThat(c.providers().enabled()).isNotEmpty();
        assertThat(c.routes()).containsKey(routes.resolve("channels.yaml").toAbsolutePath().normalize());
        assertThat(c.routes().keySet()).allMatch(p -> p.toString().endsWith(".yaml"));
    }

    @Test
    void everyProblemOfEveryFileIsReportedAndNoSnapshotIsMade() throws Exception {
        Path ladder = config.resolve("ladder.yaml");
        Files.writeString(ladder, Files.readString(ladder).replaceFirst("dpd: [^\\n]+", "dpd: soon"));
        Path policy = config.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(policy).replaceFirst("(?m)^work-email: .*$", "work-email: sometimes"));
        Files.writeString(config.resolve("templates/en/overdue_early.sms.ftl"), "Pay ${installment.amountDue?string(\"0.00\")");

        LiveConfig.Read read = read();
        assertThat(read.ok()).isFalse();
        assertThat(read.config()).isNull();
        assertThat(read.problems()).anyMatch(p -> p.startsWith(ladder + ": ladders[0].steps[0].dpd"));
        assertThat(read.problems()).anyMatch(p -> p.startsWith(policy + ": work-email"));
        assertThat(read.problems()).anyMatch(p -> p.contains("overdue_early.sms.ftl"));
    }

    @Test
    void aLadderChannelNeedsARouteInTheSameSnapshot() throws Exception {
        Files.writeString(config.resolve("ladder.yaml"), """
                ladders:
                  - id: chat
                    steps:
                      - id: early
                        dpd: 1..
                        channels:
                          - { channel: wechat, template: overdue_early }
                """);
        Files.writeString(config.resolve("templates/zh-CN/overdue_early.wechat.ftl"), "Please repay: ${lender.hotline}");
        assertThat(read().problems()).singleElement().asString()
                .contains("ladder.yaml: ladders[0].steps[0].channels[0].channel: unknown channel 'wechat'");

        Files.writeString(routes.resolve("wechat.yaml"), """
                - route:
                    id: channel.wechat
                    from:
                      uri: direct:channel.wechat
                      steps:
                        - process: { ref: providerRouter }
                """);
        LiveConfig.Read read = read();
        assertThat(read.problems()).isEmpty();
        assertThat(read.config().routes()).containsKey(routes.resolve("wechat.yaml").toAbsolutePath().normalize());
    }

    @Test
    void aTemplateSnapshotIgnoresLaterEditsOnDisk() throws Exception {
        Path sms = config.resolve("templates/en/overdue_early.sms.ftl");
        Files.writeString(sms, "first version ${installment.dpd}");
        TemplateRenderer before = read().config().renderer();
        Files.writeString(sms, "second version ${installment.dpd}");
        TemplateRenderer after = read().config().renderer();

        TemplateModel model = TemplateModel.sample();
        assertThat(before.render("overdue_early", "sms", "en", model).text()).isEqualTo("first version 35");
        assertThat(after.render("overdue_early", "sms", "en", model).text()).isEqualTo("second version 35");
        // includes resolve inside the snapshot too (the formal e-mail attaches the letter)
        assertThat(after.render("overdue_formal", "email", "en", model).pdf()).isNotNull();
    }

    @Test
    void fingerprintsNameTheFilesThatChangedAndIgnoreApplicationProperties() throws Exception {
        Map<String, String> before = ConfigFingerprints.of(config, routes);
        Files.writeString(config.resolve("templates/zh-CN/due_soon.sms.ftl"), "changed");
        Files.writeString(routes.resolve("extra.yaml"), "- route: { id: x, from: { uri: 'direct:x', steps: [ { log: x } ] } }\n");
        Files.delete(routes.resolve("receipts.yaml"));
        Files.writeString(config.resolve("application.properties"), "hub.dispatch.threads = 2\n");

        List<String> changed = ConfigFingerprints.changed(before, ConfigFingerprints.of(config, routes));
        assertThat(changed).containsExactlyInAnyOrder("templates/zh-CN/due_soon.sms.ftl", "routes/extra.yaml", "routes/receipts.yaml");
    }
}
