package io.dunninghub.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.common.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LadderConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("ladder.yaml"), yaml);
    }

    @Test
    void shippedLadderLoadsAndPicksStepsByDaysPastDue() {
        LadderConfig cfg = LadderConfig.load(Path.of("config/ladder.yaml"));
        Ladder l = cfg.ladderFor("instalment", "first").orElseThrow();
        assertThat(l.stepFor(0)).isEmpty();
        assertThat(l.stepFor(1).orElseThrow().id()).isEqualTo("early");
        assertThat(l.stepFor(3).orElseThrow().id()).isEqualTo("early");
        assertThat(l.stepFor(4).orElseThrow().id()).isEqualTo("formal");
        assertThat(l.stepFor(30).orElseThrow().id()).isEqualTo("letter");
        assertThat(l.stepFor(31).orElseThrow().id()).isEqualTo("letter");
        assertThat(l.stepFor(32).orElseThrow().id()).isEqualTo("letter-sms");
        assertThat(l.stepFor(32).orElseThrow().requires()).as("says the letter went out, so only once it did")
                .singleElement().satisfies(e -> assertThat(e.channels()).containsExactly("letter"));
        assertThat(l.stepFor(45).orElseThrow().id()).isEqualTo("final");
        assertThat(l.stepFor(59).orElseThrow().id()).isEqualTo("final");
        assertThat(l.per()).isEqualTo(io.dunninghub.ledger.NoticeScope.LOAN);
        assertThat(l.stepFor(60).orElseThrow().id()).isEqualTo("agency");
        assertThat(l.stepFor(400).orElseThrow().id()).isEqualTo("agency");
        assertThat(l.stepFor(400).orElseThrow().cycle(400)).as("handed over once").isZero();
    }

    @Test
    void repeatingStepHasANewCycleEveryNDays() {
        LadderStep formal = LadderConfig.load(Path.of("config/ladder.yaml")).ladders().get(0).stepFor(4).orElseThrow();
        assertThat(formal.cycle(4)).isZero();
        assertThat(formal.cycle(10)).isZero();
        assertThat(formal.cycle(11)).isEqualTo(1);
        assertThat(formal.cycle(29)).isEqualTo(3);
    }

    @Test
    void overlappingRangesAreRejectedWithFileAndKey() throws Exception {
        Path f = write("""
                ladders:
                  - id: a
                    steps:
                      - { id: one, dpd: 1..5, channels: [ { channel: sms, template: t } ] }
                      - { id: two, dpd: 5..9, channels: [ { channel: sms, template: t } ] }
                """);
        assertThatThrownBy(() -> LadderConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ladder.yaml: ladders[0].steps[1].dpd: range 5..9 overlaps step 'one'");
    }

    @Test
    void thirdPartyAudienceIsRejected() throws Exception {
        Path f = write("""
                ladders:
                  - id: a
                    steps:
                      - { id: one, dpd: 1.., channels: [ { channel: sms, template: t, audience: relative } ] }
                """);
        assertThatThrownBy(() -> LadderConfig.load(f)).hasMessageContaining("ladders[0].steps[0].channels[0].audience")
                .hasMessageContaining("never relatives");
    }

    @Test
    void badRangeMissingTemplateAndBrokenYaml() throws Exception {
        assertThatThrownBy(() -> LadderConfig.load(write("""
                ladders:
                  - id: a
                    steps:
                      - { id: one, dpd: 5..1, channels: [ { channel: sms, template: t } ] }
                """))).hasMessageContaining("ladders[0].steps[0].dpd");
        assertThatThrownBy(() -> LadderConfig.load(write("""
                ladders:
                  - id: a
                    steps:
                      - { id: one, dpd: 1..3, channels: [ { channel: sms } ] }
                """))).hasMessageContaining("ladders[0].steps[0].channels[0].template: is required");
        assertThatThrownBy(() -> LadderConfig.load(write("ladders: [ { id: a, steps: [ }\n")))
                .hasMessageContaining("ladder.yaml: line").hasMessageContaining("not valid YAML");
    }
}
