package io.dunninghub.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.common.ConfigException;
import io.dunninghub.config.HubConfig;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instalment-mall ladder for one scripted borrower over 30 days, on a real core bank: the due-day call is
 * not answered, so the text follows two hours later; a call on day 4 reaches the borrower and a promise is made
 * on day 5, so no lawyer's letter is written while it stands; the borrower pays on day 20. Nothing is sent and
 * the real ledger stays empty.
 */
@Slow
class SimulatorTest {

    static final LocalDate DUE = LocalDate.of(2026, 11, 2);

    @TempDir
    Path work;
    HubFixture hub;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        Files.copy(Path.of("config/examples/instalment-mall/ladder.yaml"), hub.configDir.resolve("ladder.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        hub.writePolicyYaml(Files.readString(Path.of("config/examples/instalment-mall/policy.yaml")));
        hub.writeProperties(Map.of("hub.law-firm.name", "示例律师事务所", "hub.lender.address", "上海市浦东新区世纪大道1号",
                "hub.schedule.sql", HubFixture.shippedProperty("hub.schedule.sql")));
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zw@example.com", null, false, 0, DUE, false);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private List<String> simulate(String script, int days) throws Exception {
        Path file = Files.writeString(work.resolve("script.yaml"), script);
        HubConfig.Read read = HubConfig.read(hub.configDir, Path.of("routes"), Map.of());
        assertThat(read.problems()).isEmpty();
        List<String> out = new ArrayList<>();
        try (Simulator sim = Simulator.open(read.config(), "B1", Simulator.script(file), LocalTime.of(10, 0), DUE)) {
            for (int d = 0; d < days; d++) {
                for (Simulator.Line l : sim.day(DUE.plusDays(d))) {
                    if (!l.event().equals("PLANNED")) {
                        out.add(d + " " + l.step() + " " + l.channel() + " " + l.event()
                                + (l.reason() == null ? "" : " " + l.reason()));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void thirtyDaysOfTheMallLadderForAScriptedBorrowerWithNothingSentOrWritten() throws Exception {
        List<String> days = simulate("""
                events:
                  - { date: 2026-11-02, step: due-call, outcome: no-answer, after: 10m }
                  - { date: 2026-11-06, step: calls, outcome: connected }
                  - { date: 2026-11-07, step: calls, outcome: promise-to-pay, promised-date: 2026-11-20, amount: 535.50 }
                  - { date: 2026-11-22, paid: all }
                """, 30);

        assertThat(days).startsWith("0 due-sms sms DEFERRED OUTCOME_PENDING", "0 due-call call SENT",
                "0 due-call call OUTCOME NO_ANSWER");
        assertThat(days).contains("0 due-sms sms SENT", "2 plan email SENT", "4 calls call SENT",
                "4 calls call OUTCOME CONNECTED", "5 calls call OUTCOME PROMISE_TO_PAY");
        // the promise to pay by 2026-11-20 (day 18) keeps the lawyer's letter back for the step's whole range
        assertThat(days).noneMatch(l -> l.startsWith("8 lawyer letter SENT") || l.contains("agency agency SENT"));
        assertThat(days).anyMatch(l -> l.matches("\\d+ lawyer letter (DEFERRED PROMISE_TO_PAY|SUPPRESSED CONDITION_NOT_MET)"));
        // paid on day 20: nothing after it
        assertThat(days.stream().filter(l -> Integer.parseInt(l.substring(0, l.indexOf(' '))) >= 20))
                .allMatch(l -> !l.contains(" SENT"));
        // the simulation wrote nothing to the real ledger and sent nothing
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'notice'")).isZero();
        assertThat(hub.smtp.getReceivedMessages()).isEmpty();
        assertThat(hub.outbox).doesNotExist();
    }

    @Test
    void whenTheDueDayCallReachesTheBorrowerNoTextGoesAndTheScriptIsCheckedWithFileKeyAndProblem() throws Exception {
        List<String> days = simulate("""
                events:
                  - { date: 2026-11-02, step: due-call, outcome: connected }
                """, 2);
        assertThat(days).contains("0 due-call call OUTCOME CONNECTED").noneMatch(l -> l.equals("0 due-sms sms SENT"))
                .anyMatch(l -> l.endsWith("due-sms sms SUPPRESSED CONDITION_NOT_MET"));

        Path bad = Files.writeString(work.resolve("bad.yaml"), "events:\n  - { date: 2026-11-02, step: due-call, outcome: picked-up }\n");
        assertThatThrownBy(() -> Simulator.script(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("events[0].outcome").hasMessageContaining("unknown outcome 'picked-up'");
    }
}
