package io.dunninghub.ladder;

import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.support.TestData;
import io.dunninghub.render.TemplateModel;
import io.dunninghub.support.Plans;
import io.dunninghub.policy.PolicyFile;
import io.dunninghub.ledger.ContactAttempt;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.contact.Contact;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.cli.ValidateCommand;
import io.dunninghub.plan.PlanningPass;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.Standing;
import io.dunninghub.render.LetterPdfWriter;
import io.dunninghub.render.RenderedMessage;
import io.dunninghub.render.TemplateRenderer;
import io.dunninghub.scan.Installment;
import io.dunninghub.support.ShippedConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two example ladders of config/examples, day by day with their own policies: on which days past due a new
 * notice is planned, for which step, cycle and channels. Contacts made count against the caps as they would.
 */
class ExampleLaddersTest {

    private static final Path CHINA = Path.of("config/examples/china-consumer-instalment");
    private static final Path US = Path.of("config/examples/us-regulation-f");

    /** New notices per day past due, as "step:cycle channel+channel", planned at 10:00 local each day. */
    private static Map<Integer, String> simulate(Path example, Contact contact, LocalDate due, int from, int to) {
        LadderConfig ladders = LadderConfig.load(example.resolve("ladder.yaml"));
        ContactPolicy policy = PolicyFile.load(example.resolve("policy.yaml"));
        ZoneId zone = ZoneId.of(contact.timeZone());
        Installment inst = TestData.installment("I1", "L1", "B1", due, new BigDecimal("1234.50"), new BigDecimal("1150.00"),
                new BigDecimal("62.30"), new BigDecimal("22.20"), "CNY", "instalment", "mass", 3, 0);
        Set<String> planned = new HashSet<>();
        List<ContactAttempt> sent = new ArrayList<>();
        Map<Integer, String> out = new TreeMap<>();
        for (int dpd = from; dpd <= to; dpd++) {
            LocalDate day = due.plusDays(dpd);
            Instant now = day.atTime(10, 0).atZone(zone).toInstant();
            Standing st = new Standing(List.of(), List.of(), List.of(), sent, List.of());
            List<NoticeDraft> drafts = PlanningPass.draft(List.of(inst), Map.of("B1", contact), PartyDirectory.Parties.NONE,
                    Map.of("B1", st), ContactHistory.Histories.NONE, planned, ladders, policy, day, now);
            StringBuilder row = new StringBuilder();
            for (NoticeDraft d : drafts) {
                if (!planned.add(d.dedupeKey())) {
                    continue;
                }
                assertThat(d.status()).as("day %d %s", dpd, d.dedupeKey()).isEqualTo(NoticeStatus.PLANNED);
                assertThat(d.deferredBy()).as("day %d %s: %s", dpd, d.dedupeKey(), d.detail()).isNull();
                String head = d.stepId() + ":" + d.cycle();
                if (row.isEmpty()) {
                    row.append(head).append(' ').append(d.channel());
                } else {
                    assertThat(row.toString()).startsWith(head + " ");
                    row.append('+').append(d.channel());
                }
                sent.add(new ContactAttempt("L1", d.channel(), d.audience(), d.notBefore()));
            }
            if (!row.isEmpty()) {
                out.put(dpd, row.toString());
            }
        }
        return out;
    }

    @Test
    void chinaConsumerInstalmentDayByDay() {
        Contact c = TestData.contact("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zw@example.com", "tok-1",
                "上海市浦东新区世纪大道100号", Set.of());
        // due 2026-11-10: no statutory holiday between 5 days before and 40 days after
        Map<Integer, String> days = simulate(CHINA, c, LocalDate.of(2026, 11, 10), -5, 40);
        assertThat(days).containsExactly(
                Map.entry(-3, "due-soon:0 sms+push"),
                Map.entry(-1, "due-soon:1 sms+push"),
                Map.entry(1, "early:0 sms+push+email"),
                Map.entry(2, "early:1 sms+push+email"),
                Map.entry(3, "early:2 sms+push+email"),
                Map.entry(4, "formal:0 email+sms"),
                Map.entry(11, "formal:1 email+sms"),
                Map.entry(18, "formal:2 email+sms"),
                Map.entry(25, "formal:3 email+sms"),
                Map.entry(30, "registered-letter:0 letter+sms"));
    }

    @Test
    void chinaExampleWaitsOutNationalDayAndTheNight() {
        LadderConfig ladders = LadderConfig.load(CHINA.resolve("ladder.yaml"));
        ContactPolicy policy = PolicyFile.load(CHINA.resolve("policy.yaml"));
        Contact c = TestData.contact("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", null, null, null, Set.of());
        Installment inst = TestData.installment("I1", "L1", "B1", LocalDate.of(2026, 10, 1), BigDecimal.TEN, null, null, null,
                "CNY", "instalment", "mass", 1, 0);
        Instant night = LocalDate.of(2026, 10, 2).atTime(22, 30).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        NoticeDraft sms = Plans.draft(List.of(inst), Map.of("B1", c), ladders, policy, LocalDate.of(2026, 10, 2), night).get(0);
        assertThat(sms.deferredBy()).isEqualTo("HOLIDAY");
        assertThat(sms.notBefore()).isEqualTo(LocalDate.of(2026, 10, 8).atTime(8, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    }

    @Test
    void usRegulationFDayByDay() {
        Contact c = TestData.contact("B1", "Mary Smith", "en", "America/Chicago", "+13125550143", "mary@example.com", null,
                "100 Main Street, Chicago, IL 60601", Set.of());
        Map<Integer, String> days = simulate(US, c, LocalDate.of(2026, 10, 1), -5, 40);
        assertThat(days).containsExactly(
                Map.entry(1, "validation:0 letter+email"),
                Map.entry(6, "reminder:0 email+sms"),
                Map.entry(13, "reminder:1 email+sms"),
                Map.entry(20, "reminder:2 email+sms"),
                Map.entry(27, "reminder:3 email+sms"),
                Map.entry(30, "final:0 letter+email"));
    }

    @Test
    void usExampleKeepsWorkEmailAndUnknownZonesOut() {
        LadderConfig ladders = LadderConfig.load(US.resolve("ladder.yaml"));
        ContactPolicy policy = PolicyFile.load(US.resolve("policy.yaml"));
        Contact work = TestData.person("B1", "Mary Smith", "en", "America/Chicago", "+13125550143", "mary@employer.example",
                null, "100 Main Street", Set.of(), "US", true, null, "borrower", null);
        Contact noZone = TestData.contact("B2", "Bob Brown", "en", null, "+13125550144", "bob@example.com", null,
                "1 Elm Street", Set.of());
        LocalDate day = LocalDate.of(2026, 10, 2);
        Instant now = day.atTime(17, 0).atZone(ZoneId.of("UTC")).toInstant();
        List<NoticeDraft> drafts = Plans.draft(List.of(
                        TestData.installment("I1", "L1", "B1", LocalDate.of(2026, 10, 1), BigDecimal.TEN, null, null, null, "USD", null, null, 1),
                        TestData.installment("I2", "L2", "B2", LocalDate.of(2026, 10, 1), BigDecimal.TEN, null, null, null, "USD", null, null, 1)),
                Map.of("B1", work, "B2", noZone), ladders, policy, day, now);
        assertThat(drafts).extracting(d -> d.borrowerId() + " " + d.channel() + " " + d.status() + " "
                        + (d.status() == NoticeStatus.SUPPRESSED ? d.reason() : d.deferredBy()))
                .containsExactly("B1 letter PLANNED null", "B1 email SUPPRESSED WORK_EMAIL",
                        "B2 letter PLANNED null", "B2 email PLANNED UNKNOWN_TIMEZONE");
    }

    @Test
    void everyUsEmailAndSmsCarriesAnOptOut() throws Exception {
        TemplateRenderer renderer = new TemplateRenderer(Path.of("config/templates"), "en",
                TestData.letterPdf(Path.of("config/fonts/NotoSansSC-Regular.ttf")));
        LadderConfig ladders = LadderConfig.load(US.resolve("ladder.yaml"));
        int checked = 0;
        for (LadderStep step : ladders.ladders().get(0).steps()) {
            for (LadderStep.StepChannel ch : step.channels()) {
                if (!List.of("email", "sms").contains(ch.channel())) {
                    continue;
                }
                RenderedMessage m = renderer.render(ch.template(), ch.channel(), "en", TemplateModel.sample());
                assertThat(m.text()).as("%s %s", ch.template(), ch.channel()).containsAnyOf("STOP to opt out",
                        "To stop payment reminders by e-mail", "To stop receiving e-mails or text messages");
                if (m.html() != null) {
                    assertThat(m.html()).containsIgnoringCase("stop");
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(4);
    }

    @Test
    void bothExamplesValidateAgainstTheShippedTemplatesAndRoutes(@TempDir Path work) throws Exception {
        for (Path example : List.of(CHINA, US)) {
            Path config = ShippedConfig.copyTo(work.resolve(example.getFileName()), work.resolve("outbox"));
            Files.copy(example.resolve("ladder.yaml"), config.resolve("ladder.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(example.resolve("policy.yaml"), config.resolve("policy.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(ValidateCommand.check(config, Path.of("routes"), Map.of())).as(example.toString()).isEmpty();
        }
    }
}
