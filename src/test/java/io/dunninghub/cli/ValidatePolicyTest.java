package io.dunninghub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.ShippedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate on ladders and contact policies: every problem with its file, its key and the reason. */
class ValidatePolicyTest {

    @TempDir
    Path work;

    private List<String> validate(Path config) {
        return ValidateCommand.check(config, Path.of("routes"), Map.of());
    }

    @Test
    void overlappingRangesBadWindowsAndNegativeCapsAreAllListed() throws Exception {
        Path config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        Path ladder = config.resolve("ladder.yaml");
        Files.writeString(ladder, Files.readString(ladder).replace("dpd: 4..29", "dpd: 2..29"));
        Path policy = config.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(policy)
                .replace("sms: \"08:00-21:00\"", "sms: \"08:00-21:60\"")
                .replace("day: { all: 4, sms: 2 }", "day: { all: -1, sms: 2 }")
                .replace("7-days: { all: 14 }", "7-days: { all: 14, smss: 3 }"));
        List<String> problems = validate(config);
        String ladderFile = config.resolve("ladder.yaml").toString();
        String policyFile = config.resolve("policy.yaml").toString();
        assertThat(problems).contains(
                ladderFile + ": ladders[0].steps[1].dpd: range 2..29 overlaps step 'early' (1..3)",
                policyFile + ": caps.borrower.day.all: must be 0 or more, got -1");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(policyFile + ": contact-windows.sms: ")
                .contains("bad time"));
    }

    @Test
    void unknownChannelsTemplatesAmountsInSmsAndPartiesWithoutTheirQuery() throws Exception {
        Path config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        Files.writeString(config.resolve("templates/en/shows_amount.sms.ftl"),
                "${lender.name}: ${installment.amountDue?string[\"0.00\"]} is overdue. Reply STOP to opt out.\n");
        Files.writeString(config.resolve("ladder.yaml"), """
                ladders:
                  - id: a
                    steps:
                      - id: early
                        dpd: 1..3
                        channels:
                          - { channel: pigeon, template: overdue_early }
                          - { channel: sms, template: overdue_erly }
                          - { channel: sms, template: shows_amount }
                      - id: allowed
                        dpd: 4..29
                        show-amount: true
                        channels:
                          - { channel: sms, template: shows_amount }
                      - id: guarantor
                        dpd: 30..
                        channels:
                          - { channel: letter, template: overdue_letter, audience: guarantor }
                """);
        Path props = config.resolve("application.properties");
        Files.writeString(props, Files.readString(props).replaceAll("(?s)hub\\.parties\\.sql = .*?(\\n# Optional)", "$1"));
        Path policy = config.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(policy).replace("7-days: { all: 14 }", "7-days: { all: 14, smss: 3 }"));
        List<String> problems = validate(config);
        String ladderFile = config.resolve("ladder.yaml").toString();
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(ladderFile + ": ladders[0].steps[0].channels[0].channel: unknown channel 'pigeon'"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(ladderFile + ": ladders[0].steps[0].channels[1].template: 'overdue_erly' for sms: TEMPLATE_MISSING"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(ladderFile + ": ladders[0].steps[0].channels[2].template: 'shows_amount' for sms uses the amount")
                .contains("show-amount: true"));
        assertThat(problems).noneSatisfy(p -> assertThat(p).contains("steps[1].channels[0]"));
        assertThat(problems).contains(ladderFile + ": ladders[0].steps[2].channels[0].audience: 'guarantor' needs "
                + "hub.parties.sql (the loan's co-borrowers and guarantors) in application.properties");
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(config.resolve("policy.yaml") + ": caps.borrower.7-days.smss: unknown channel 'smss'"));
    }

    @Test
    void theShippedConfigurationIsValid() throws Exception {
        Path config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        assertThat(validate(config)).isEmpty();
    }
}
