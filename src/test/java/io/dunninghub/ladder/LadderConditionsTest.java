package io.dunninghub.ladder;

import io.dunninghub.support.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ladders and steps chosen by product, segment, amount overdue and first or repeat default. */
class LadderConditionsTest {

    @TempDir
    Path dir;

    private LadderConfig load(String yaml) throws Exception {
        return LadderConfig.load(Files.writeString(dir.resolve("ladder.yaml"), yaml));
    }

    private static Installment inst(String product, String segment, String amount, Integer previousDefaults) {
        return TestData.installment("I1", "L1", "B1", LocalDate.of(2026, 11, 1), new BigDecimal(amount), null, null, null,
                "CNY", product, segment, 1, previousDefaults);
    }

    @Test
    void ladderPerProductSegmentAndDefaultKind() throws Exception {
        LadderConfig cfg = load("""
                ladders:
                  - id: cards
                    products: [card]
                    steps: [ { id: s, dpd: 1.., channels: [ { channel: sms, template: t } ] } ]
                  - id: repeat
                    when: { default: repeat }
                    steps: [ { id: s, dpd: 1.., channels: [ { channel: sms, template: t } ] } ]
                  - id: vip
                    when: { segments: [vip], amount-overdue: { min: 10000 } }
                    steps: [ { id: s, dpd: 1.., channels: [ { channel: email, template: t } ] } ]
                  - id: rest
                    steps: [ { id: s, dpd: 1.., channels: [ { channel: sms, template: t } ] } ]
                """);
        assertThat(cfg.ladderFor(inst("card", "mass", "10", 3)).orElseThrow().id()).isEqualTo("cards");
        assertThat(cfg.ladderFor(inst("loan", "mass", "10", 2)).orElseThrow().id()).isEqualTo("repeat");
        assertThat(cfg.ladderFor(inst("loan", "vip", "10000.00", 0)).orElseThrow().id()).isEqualTo("vip");
        assertThat(cfg.ladderFor(inst("loan", "vip", "9999.99", 0)).orElseThrow().id()).isEqualTo("rest");
        // without previous_defaults the data does not say it is a repeat default
        assertThat(cfg.ladderFor(inst("loan", "mass", "10", null)).orElseThrow().id()).isEqualTo("rest");
    }

    @Test
    void stepsMayShareDaysOnlyWhenTheirConditionsExcludeEachOther() throws Exception {
        LadderConfig cfg = load("""
                ladders:
                  - id: a
                    steps:
                      - id: small
                        dpd: 4..29
                        when: { amount-overdue: { below: 500 } }
                        channels: [ { channel: sms, template: overdue_formal } ]
                      - id: large
                        dpd: 4..29
                        when: { amount-overdue: { min: 500 } }
                        show-amount: true
                        channels: [ { channel: sms, template: overdue_formal }, { channel: letter, template: overdue_letter } ]
                      - id: first-early
                        dpd: 1..3
                        when: { default: first }
                        channels: [ { channel: sms, template: overdue_early } ]
                      - id: repeat-early
                        dpd: 1..3
                        when: { default: repeat }
                        channels: [ { channel: sms, template: overdue_early }, { channel: email, template: overdue_early } ]
                """);
        Ladder l = cfg.ladders().get(0);
        assertThat(l.stepFor(inst("x", "y", "499.99", 0), 10).orElseThrow().id()).isEqualTo("small");
        LadderStep large = l.stepFor(inst("x", "y", "500", 0), 10).orElseThrow();
        assertThat(large.id()).isEqualTo("large");
        assertThat(large.showAmount()).isTrue();
        assertThat(l.stepFor(inst("x", "y", "1", 1), 2).orElseThrow().id()).isEqualTo("repeat-early");
        assertThat(l.stepFor(inst("x", "y", "1", 0), 2).orElseThrow().id()).isEqualTo("first-early");
        assertThat(l.stepFor(inst("x", "y", "1", null), 2)).isEmpty();

        assertThatThrownBy(() -> load("""
                ladders:
                  - id: a
                    steps:
                      - { id: one, dpd: 1..5, when: { amount-overdue: { min: 100 } }, channels: [ { channel: sms, template: t } ] }
                      - { id: two, dpd: 5..9, when: { amount-overdue: { below: 200 } }, channels: [ { channel: sms, template: t } ] }
                """)).hasMessageContaining("ladder.yaml: ladders[0].steps[1].dpd: range 5..9 overlaps step 'one' (1..5) "
                + "and their 'when' conditions can both hold");
    }

    @Test
    void preDueStepsAndTheScanHorizon() throws Exception {
        LadderConfig cfg = load("""
                ladders:
                  - id: a
                    steps:
                      - { id: soon, dpd: -3..-1, every: 2d, channels: [ { channel: sms, template: due_soon } ] }
                      - { id: late, dpd: 1.., channels: [ { channel: sms, template: t } ] }
                """);
        Ladder l = cfg.ladders().get(0);
        assertThat(l.stepFor(-3).orElseThrow().cycle(-3)).isZero();
        assertThat(l.stepFor(-1).orElseThrow().cycle(-1)).isEqualTo(1);
        assertThat(l.stepFor(0)).isEmpty();
        assertThat(cfg.earliestDaysPastDue()).isEqualTo(-3);
        assertThat(cfg.hasParties()).isFalse();
    }

    @Test
    void audiencesAndTyposAreCheckedWithFileAndKey() throws Exception {
        LadderConfig parties = load("""
                ladders:
                  - id: a
                    steps:
                      - { id: g, dpd: 30.., channels: [ { channel: letter, template: t, audience: guarantor } ] }
                """);
        assertThat(parties.hasParties()).isTrue();
        assertThatThrownBy(() -> load("""
                ladders:
                  - id: a
                    steps:
                      - { id: one, dpd: 1.., channels: [ { channel: sms, template: t, audience: employer } ] }
                """)).hasMessageContaining("ladders[0].steps[0].channels[0].audience: 'employer' is not allowed");
        assertThatThrownBy(() -> load("""
                ladders:
                  - id: a
                    steps:
                      - { id: one, dpd: 1.., show-amout: true, channels: [ { channel: sms, template: t } ] }
                """)).hasMessageContaining("ladder.yaml: ladders[0].steps[0].show-amout: unknown key");
        assertThatThrownBy(() -> load("""
                ladders:
                  - id: a
                    when: { amount-overdue: { min: 500, below: 100 } }
                    steps: [ { id: one, dpd: 1.., channels: [ { channel: sms, template: t } ] } ]
                """)).hasMessageContaining("ladders[0].when.amount-overdue: below (100) must be greater than min (500)");
        assertThatThrownBy(() -> load("""
                ladders:
                  - id: a
                    steps: [ { id: one, dpd: 1.., when: { default: second }, channels: [ { channel: sms, template: t } ] } ]
                """)).hasMessageContaining("ladders[0].steps[0].when.default: must be first, repeat or any");
    }
}
