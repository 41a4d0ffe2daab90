package io.dunninghub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.support.ShippedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live ledger is the history ladders read: validate refuses an archive age the ladders' windows do not fit in
 * (with the margin), or one under the floor, naming the file and the key.
 */
class ArchiveAgeConfigTest {

    @TempDir
    Path work;

    private List<String> validate(Path config, Map<String, String> overrides) {
        return ValidateCommand.check(config, Path.of("routes"), overrides);
    }

    @Test
    void theShippedLadderFitsTheDefaultAgeAndAWithinLongerThanItIsRefusedAtItsKey() throws Exception {
        Path config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        assertThat(validate(config, Map.of())).isEmpty();
        Path ladder = config.resolve("ladder.yaml");
        Files.writeString(ladder, Files.readString(ladder).replace("step: final, within: 30d", "step: final, within: 120d"));
        String ladderFile = ladder.toString();
        assertThat(validate(config, Map.of())).singleElement().satisfies(p -> assertThat(p)
                .startsWith(ladderFile + ": ladders[0].steps[5].requires[0].within: reads 120 days of the ledger's history")
                .contains("step 'agency' requires")
                .contains("hub.retention.archive-after-days in " + config.resolve("application.properties"))
                .contains("keeps 90 days")
                .contains("at least 127"));
        // long enough, or never archiving, and it validates
        assertThat(validate(config, Map.of("hub.retention.archive-after-days", "127"))).isEmpty();
        assertThat(validate(config, Map.of("hub.retention.archive-after-days", "0"))).isEmpty();
    }

    @Test
    void catchingUpNeedsTheLadderUpToItsLastOneOffStepAndTheAgeHasAFloor() throws Exception {
        Path config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        // the final notice ends at 59 days past due: 59 + 7 days are needed to catch it up
        assertThat(validate(config, Map.of("hub.retention.archive-after-days", "60"))).singleElement()
                .satisfies(p -> assertThat(p).startsWith(config.resolve("ladder.yaml") + ": ladders[0].catch-up: reads "
                        + "59 days").contains("step 'final'").contains("at least 66"));
        assertThat(validate(config, Map.of("hub.retention.archive-after-days", "66"))).isEmpty();
        assertThat(validate(config, Map.of("hub.retention.archive-after-days", "10"))).containsExactly(
                config.resolve("application.properties") + ": hub.retention.archive-after-days: is 10 days; the live "
                        + "ledger keeps at least 30 (it is the history ladders, templates and caps read), or 0 to never archive");
        assertThat(validate(config, Map.of("hub.retention.archive-after-days", "-1")))
                .containsExactly(config.resolve("application.properties") + ": hub.retention.archive-after-days: must be at least 0, got -1");
        assertThat(validate(config, Map.of("hub.retention.archive-batch", "0")))
                .containsExactly(config.resolve("application.properties") + ": hub.retention.archive-batch: must be at least 1, got 0");
    }

    @Test
    void anAfterWaitAndAnIfWindowAreWindowsToo() throws Exception {
        Path config = ShippedConfig.copyTo(work.resolve("config"), work.resolve("outbox"));
        Files.writeString(config.resolve("ladder.yaml"), """
                ladders:
                  - id: calls
                    catch-up: false
                    steps:
                      - id: due-call
                        dpd: 0..1
                        channels: [ { channel: call, template: overdue_call } ]
                      - id: reminder
                        track: texts
                        dpd: 1..
                        if: { no: { channel: call, outcome: connected, within: 40d } }
                        after: { step: due-call, outcome: [no-answer], wait: 30d }
                        channels: [ { channel: sms, template: overdue_early } ]
                """);
        String ladderFile = config.resolve("ladder.yaml").toString();
        assertThat(validate(config, Map.of("hub.retention.archive-after-days", "36")))
                .anySatisfy(p -> assertThat(p).startsWith(ladderFile + ": ladders[0].steps[1].if.no.within: reads 40 days"))
                .anySatisfy(p -> assertThat(p).startsWith(ladderFile + ": ladders[0].steps[1].after.wait: reads 30 days"))
                .hasSize(2);
        assertThat(validate(config, Map.of("hub.retention.archive-after-days", "47"))).isEmpty();
    }
}
