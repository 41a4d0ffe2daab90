package io.dunninghub.render;

import io.dunninghub.support.TestData;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped template, in every locale, says only what the ledger shows: rendered against many generated
 * histories (none, undelivered only, every mix of channels, dates and tracking numbers), for a loan's debt, a
 * single installment and all of a borrower's loans, with and without amounts where a channel hides them.
 * {@link PastContactClaims} reads each result; the fixtures in {@code src/test/resources/untrue-templates} (the
 * wordings this hub used to ship) show that it catches a hard-coded claim.
 */
class TruthfulNoticesTest {

    static final Path TEMPLATES = Path.of("config/templates");
    static final TemplateRenderer SHIPPED = new TemplateRenderer(TEMPLATES, "en",
            TestData.letterPdf(Path.of("config/fonts/NotoSansSC-Regular.ttf")));

    static final Map<String, List<String>> TEMPLATES_BY_CHANNEL = Map.of(
            "sms", List.of("overdue_early", "overdue_formal", "letter_sent"),
            "email", List.of("overdue_early", "overdue_formal", "final_notice"),
            "letter", List.of("overdue_letter", "final_notice", "lawyer_letter"),
            "push", List.of("overdue_early"),
            "call", List.of("overdue_call"),
            "agency", List.of("overdue_agency"));
    static final List<String> CHANNELS = List.of("sms", "email", "letter", "push", "call", "agency");
    static final List<String> STATUSES = List.of("sent", "delivered", "undelivered");

    /** Histories a debt can have by the sample's notice date: random mixes, plus none and undelivered only. */
    static Map<String, TemplateModel.History> histories(LocalDate noticeDate) {
        Map<String, TemplateModel.History> out = new LinkedHashMap<>();
        out.put("none", TemplateModel.History.NONE);
        out.put("undelivered only", new TemplateModel.History(CHANNELS.stream()
                .map(ch -> contact(ch, TEMPLATES_BY_CHANNEL.get(ch).get(0), noticeDate.minusDays(5), "undelivered", null))
                .toList(), List.of()));
        for (String ch : CHANNELS) {
            out.put("one " + ch, new TemplateModel.History(List.of(contact(ch, TEMPLATES_BY_CHANNEL.get(ch).get(0),
                    noticeDate.minusDays(3), "delivered", ch.equals("letter") ? "RR123456789CN" : null)), List.of()));
        }
        Random rnd = new Random(20261201L);
        for (int seed = 0; seed < 30; seed++) {
            List<TemplateModel.Contact> contacts = new ArrayList<>();
            int n = 1 + rnd.nextInt(6);
            for (int k = 0; k < n; k++) {
                String ch = CHANNELS.get(rnd.nextInt(CHANNELS.size()));
                List<String> templates = TEMPLATES_BY_CHANNEL.get(ch);
                String tracking = ch.equals("letter") && rnd.nextBoolean() ? "LT" + (100000000 + rnd.nextInt(899999999)) : null;
                contacts.add(contact(ch, templates.get(rnd.nextInt(templates.size())),
                        noticeDate.minusDays(1 + rnd.nextInt(70)), STATUSES.get(rnd.nextInt(STATUSES.size())), tracking));
            }
            contacts.sort(Comparator.comparing(TemplateModel.Contact::date));
            List<TemplateModel.Promise> promises = rnd.nextInt(3) == 0
                    ? List.of(new TemplateModel.Promise(noticeDate.minusDays(rnd.nextInt(20)).toString())) : List.of();
            out.put("mix " + seed, new TemplateModel.History(contacts, promises));
        }
        return out;
    }

    static TemplateModel.Contact contact(String channel, String template, LocalDate date, String status, String tracking) {
        return new TemplateModel.Contact(channel, "step-" + template, template, date.toString(), status, tracking);
    }

    /** The debts a notice can be about: the sample loan (two installments), one installment, all loans. */
    static Map<String, TemplateModel> debts(String locale) {
        TemplateModel loan = TemplateModel.sample(locale);
        TemplateModel.Installment first = loan.installment();
        Map<String, TemplateModel> out = new LinkedHashMap<>();
        out.put("loan", loan);
        out.put("installment", loan.toBuilder().debt(null).loan(TemplateModel.Loan.NONE).build());
        out.put("borrower", loan.withoutLoan());
        assertThat(out.get("installment").debt().installments()).containsExactly(first);
        return out;
    }

    /** locale → every template.channel its folder has. */
    static Map<String, TreeSet<String>> shipped() throws Exception {
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        for (String f : SHIPPED.files()) {
            String[] path = f.split("/");
            String[] bits = path[1].split("\\.");
            out.computeIfAbsent(path[0], k -> new TreeSet<>()).add(bits[0] + "." + bits[1]);
        }
        return out;
    }

    @Test
    void everyShippedTemplateSaysOnlyWhatTheLedgerShows() throws Exception {
        // each untrue statement once, with the debts and histories it showed up in
        Map<String, TreeSet<String>> problems = new java.util.TreeMap<>();
        int rendered = 0;
        for (Map.Entry<String, TreeSet<String>> folder : shipped().entrySet()) {
            String locale = folder.getKey();
            for (String templateChannel : folder.getValue()) {
                String template = templateChannel.substring(0, templateChannel.indexOf('.'));
                String channel = templateChannel.substring(templateChannel.indexOf('.') + 1);
                boolean borrowerFacing = !List.of("call", "agency").contains(channel);
                boolean hidden = List.of("sms", "push").contains(channel);
                for (Map.Entry<String, TemplateModel> debt : debts(locale).entrySet()) {
                    TemplateModel base = hidden ? debt.getValue().withoutAmounts() : debt.getValue();
                    RenderedMessage bare = SHIPPED.renderWords(template, channel, locale, base.withHistory(TemplateModel.History.NONE));
                    for (Map.Entry<String, TemplateModel.History> h : histories(LocalDate.parse(base.notice().date())).entrySet()) {
                        TemplateModel model = base.withHistory(h.getValue());
                        RenderedMessage message = SHIPPED.renderWords(template, channel, locale, model);
                        rendered++;
                        for (String p : PastContactClaims.problems(locale, borrowerFacing, model, message, bare)) {
                            problems.computeIfAbsent(locale + "/" + templateChannel + ": " + p, k -> new TreeSet<>())
                                    .add(debt.getKey() + "/" + h.getKey());
                        }
                    }
                }
            }
        }
        assertThat(rendered).as("renders checked").isGreaterThan(5000);
        assertThat(problems).as("untrue statements").isEmpty();
    }

    @Test
    void theReadingCatchesTheHardCodedClaimsThisHubUsedToShip() throws Exception {
        TemplateRenderer untrue = new TemplateRenderer(Path.of("src/test/resources/untrue-templates"), "en",
                SHIPPED.letterPdf());
        Map<String, String> cases = Map.of(
                "en/overdue_formal.sms", "email", "zh-CN/overdue_formal.sms", "email",
                "en/overdue_agency.agency", "sms", "zh-CN/overdue_agency.agency", "sms");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String locale = c.getKey().substring(0, c.getKey().indexOf('/'));
            String[] tc = c.getKey().substring(c.getKey().indexOf('/') + 1).split("\\.");
            boolean borrowerFacing = !tc[1].equals("agency");
            TemplateModel base = TemplateModel.sample(locale).withHistory(TemplateModel.History.NONE);
            RenderedMessage message = untrue.render(tc[0], tc[1], locale, base);
            assertThat(PastContactClaims.problems(locale, borrowerFacing, base, message, message))
                    .as(c.getKey() + " with no history").isNotEmpty()
                    .anySatisfy(p -> assertThat(p).contains("claims an earlier " + c.getValue()));
        }
    }

    @Test
    void theFormalSmsNamesTheEmailOnlyWhenTheLedgerShowsItReachedTheBorrower() throws Exception {
        for (String locale : List.of("en", "zh-CN", "zh-TW")) {
            TemplateModel base = TemplateModel.sample(locale).withoutAmounts();
            String emailed = SHIPPED.render("overdue_formal", "sms", locale, base.withHistory(new TemplateModel.History(
                    List.of(contact("email", "overdue_formal", LocalDate.of(2026, 10, 23), "delivered", null)), List.of()))).text();
            String bounced = SHIPPED.render("overdue_formal", "sms", locale, base.withHistory(new TemplateModel.History(
                    List.of(contact("email", "overdue_formal", LocalDate.of(2026, 10, 23), "undelivered", null)), List.of()))).text();
            String smsOnly = SHIPPED.render("overdue_formal", "sms", locale, base.withHistory(new TemplateModel.History(
                    List.of(contact("sms", "overdue_formal", LocalDate.of(2026, 10, 23), "delivered", null)), List.of()))).text();
            String date = locale.equals("en") ? "Oct 23, 2026" : "10月23日";
            assertThat(emailed).as(locale).contains(date);
            assertThat(bounced).as(locale).doesNotContain(date).isEqualTo(smsOnly);
        }
    }

    @Test
    void agencyHandOverListsTheLedgersContactsAndSaysSoWhenThereAreNone() throws Exception {
        TemplateModel sample = TemplateModel.sample("en");
        String withHistory = SHIPPED.render("overdue_agency", "agency", "en", sample).text();
        String without = SHIPPED.render("overdue_agency", "agency", "en",
                sample.withHistory(TemplateModel.History.NONE)).text();

        assertThat(withHistory).contains("a letter by post on November 18, 2026 (tracking no. 9407111899223197428490), delivered",
                "a text message on October 20, 2026, delivered", "Promises to pay on record: November 10, 2026");
        assertThat(without).contains("The lender's ledger shows no earlier notice to the borrower about this debt")
                .doesNotContain("text message", "letter by post", "e-mail on");
    }
}
