package io.dunninghub.render;

import io.dunninghub.support.TestData;
import io.dunninghub.support.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateRendererTest {

    static final Path TEMPLATES = Path.of("config/templates");
    static final LetterPdfWriter PDF = TestData.letterPdf(Path.of("config/fonts/NotoSansSC-Regular.ttf"));
    static final TemplateRenderer SHIPPED = new TemplateRenderer(TEMPLATES, "en", PDF);

    /** What each shipped locale must say about its own sample (TemplateModel.sample(locale)). */
    record Expect(String name, String dear, String smsOptOut, String emailOptOut, String dueDate, String deadline,
                  String letterTitle, String creditPreNotice, String total) {
    }

    static final Map<String, Expect> EXPECT = Map.of(
            "en", new Expect("Wang Xiaoming", "Dear Mr Wang Xiaoming", "STOP to opt out",
                    "To stop payment reminders by e-mail", "October 19, 2026", "December 7, 2026",
                    "Notice of Overdue Payment for Mr Wang Xiaoming", "advance notice", "2,446.80"),
            "zh-CN", new Expect("王小明", "尊敬的王先生", "回复TD退订", "如您不希望再通过电子邮件接收还款提醒",
                    "2026年10月19日", "2026年12月7日", "关于王小明先生借款逾期的通知", "告知", "2,446.80"),
            "zh-TW", new Expect("陳怡君", "陳女士", "回覆TD退訂", "如您不希望再以電子郵件接收還款提醒",
                    "2026年10月19日", "2026年12月7日", "關於陳怡君女士貸款逾期還款的通知", "事先通知", "2,446.80"));

    // Characters that differ between the scripts: zh-TW must not use the first set, zh-CN not the second.
    static final String SIMPLIFIED_ONLY = "还贷账费务请联电话时间对关为们发书号码过将产经会办处机构网页邮诉权护计额记录协议应该这个与";
    static final String TRADITIONAL_ONLY = "還貸帳費務請聯電話時間對關為們發書號碼過將產經會辦處機構網頁郵訴權護計額記錄協議應該這個與";

    static TemplateModel model() {
        return TemplateModel.sample();
    }

    static RenderedMessage render(String template, String channel, String locale) throws TemplateFailure {
        TemplateModel m = TemplateModel.sample(locale);
        return SHIPPED.render(template, channel, locale, List.of("sms", "push").contains(channel) ? m.withoutAmounts() : m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void earlySmsIsFriendlyCarriesNoAmountOrAccountAndEndsWithOptOut(String locale) throws Exception {
        RenderedMessage sms = render("overdue_early", "sms", locale);
        Expect e = EXPECT.get(locale);

        assertThat(sms.locale()).isEqualTo(locale);
        assertThat(sms.text()).contains(e.dueDate(), TemplateModel.sample(locale).lender().hotline())
                .endsWith(e.smsOptOut())
                .doesNotContain("1,234", "1234", "1,150", "2,446", "CNY", "LN2025060881234", "****1234")
                .doesNotContainPattern("\\$\\{|<#");
        assertThat(sms.subject()).isNull();
        assertThat(sms.html()).isNull();
        assertThat(sms.pdf()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void earlyPushHasTitleAndNoNameAmountOrAccount(String locale) throws Exception {
        RenderedMessage push = render("overdue_early", "push", locale);

        assertThat(push.subject()).isNotBlank().doesNotContain("\n");
        assertThat(push.text()).contains(TemplateModel.sample(locale).lender().appName())
                .doesNotContain(EXPECT.get(locale).name(), "Wang", "王", "陳", "1,234", "2,446", "CNY", "****1234",
                        "<#--", "-->");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void earlyEmailHasTextAndHtmlWithOptOutFooter(String locale) throws Exception {
        RenderedMessage email = render("overdue_early", "email", locale);
        Expect e = EXPECT.get(locale);

        assertThat(email.subject()).contains(e.dueDate()).doesNotContain("\n");
        assertThat(email.text()).contains(e.dear(), e.total(), "1,234.50", "1,212.30", "35", "****1234",
                e.emailOptOut());
        assertThat(email.html()).startsWith("<!DOCTYPE html>")
                .contains(e.dear(), e.total(), e.emailOptOut(), "lang=\"" + locale + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void formalEmailItemisesTheDebtAndCarriesTheRequiredSections(String locale) throws Exception {
        RenderedMessage email = render("overdue_formal", "email", locale);
        Expect e = EXPECT.get(locale);
        TemplateModel.Lender lender = TemplateModel.sample(locale).lender();

        for (String part : List.of(email.text(), email.html())) {
            assertThat(part)
                    .contains(e.dear(), "35", e.dueDate(), "DH26112300381", "****1234", "HT-2025-0608-81234")
                    // the parts (principal, interest, fees, penalty) and the total they add up to
                    .contains("2,300.00", "114.60", "22.20", "10.00", e.total())
                    // both installments of the debt and the rest of the schedule
                    .contains("1,234.50", "1,212.30", "1,202.30")
                    .contains(e.creditPreNotice(), e.emailOptOut())
                    .contains(lender.hotline(), lender.email(), lender.complaints())
                    .doesNotContain("1234.50", "2446.8");
        }
        assertThat(email.subject()).contains("DH26112300381");
        assertThat(email.text()).contains(e.deadline());
    }

    @Test
    void formalEmailOffersARepaymentPlanAndADisputeRoute() throws Exception {
        assertThat(render("overdue_formal", "email", "en").text())
                .contains("repayment plan", "If you believe the amount is wrong");
        assertThat(render("overdue_formal", "email", "zh-CN").text()).contains("协商还款计划", "异议", "征信业管理条例");
        assertThat(render("overdue_formal", "email", "zh-TW").text()).contains("協商還款計畫", "異議", "徵信機構");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void formalSmsSaysHowLateWithoutAmount(String locale) throws Exception {
        RenderedMessage sms = render("overdue_formal", "sms", locale);

        assertThat(sms.text()).contains("35", TemplateModel.sample(locale).lender().hotline())
                .endsWith(EXPECT.get(locale).smsOptOut())
                .doesNotContain("1,234", "2,446", "CNY", "****1234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN", "zh-TW"})
    void letterHasTitleFactsDeadlineAndPdf(String locale) throws Exception {
        RenderedMessage letter = render("overdue_letter", "letter", locale);
        Expect e = EXPECT.get(locale);
        TemplateModel.Lender lender = TemplateModel.sample(locale).lender();

        assertThat(letter.subject()).isEqualTo(e.letterTitle());
        assertThat(letter.text()).startsWith(e.letterTitle())
                .contains("DH26112300381", lender.name(), "****1234", "HT-2025-0608-81234", "12,000.00")
                .contains(e.dueDate(), e.deadline(), "35", "2,300.00", "114.60", "22.20", e.total())
                .contains(e.creditPreNotice(), lender.complaints())
                .doesNotContain("LN2025060881234");
        assertThat(letter.html()).isNull();
        assertThat(new String(letter.pdf(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void chineseTemplatesUseTheirOwnScript() throws Exception {
        for (RenderedMessage m : renderAll("zh-TW")) {
            String all = m.subject() + m.text() + m.html();
            assertThat(all).as(m.template() + "." + m.channel()).containsAnyOf("還款", "貸款");
            assertThat(all.chars().filter(c -> SIMPLIFIED_ONLY.indexOf(c) >= 0).toArray())
                    .as("simplified characters in zh-TW " + m.template() + "." + m.channel()).isEmpty();
        }
        for (RenderedMessage m : renderAll("zh-CN")) {
            String all = m.subject() + m.text() + m.html();
            assertThat(all).as(m.template() + "." + m.channel()).containsAnyOf("还款", "借款");
            assertThat(all.chars().filter(c -> TRADITIONAL_ONLY.indexOf(c) >= 0).toArray())
                    .as("traditional characters in zh-CN " + m.template() + "." + m.channel()).isEmpty();
        }
        assertThat(render("overdue_formal", "email", "zh-TW").text()).contains("逾期", "還款", "貸款");
        assertThat(render("overdue_formal", "email", "zh-CN").text()).contains("逾期", "还款", "借款");
    }

    static List<RenderedMessage> renderAll(String locale) throws TemplateFailure {
        List<RenderedMessage> all = new ArrayList<>();
        for (String channel : List.of("sms", "push", "email")) {
            all.add(render("overdue_early", channel, locale));
        }
        all.add(render("overdue_formal", "email", locale));
        all.add(render("overdue_formal", "sms", locale));
        all.add(render("overdue_letter", "letter", locale));
        all.add(render("overdue_call", "call", locale));
        all.add(render("overdue_agency", "agency", locale));
        return all;
    }

    @Test
    void formalEmailCarriesTheNoticeAsAChinesePdfAndTheEarlyOneNothing() throws Exception {
        RenderedMessage formal = render("overdue_formal", "email", "zh-CN");
        assertThat(formal.pdf()).isNotNull();
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(formal.pdf())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf)).contains("关于王小明先生借款逾期的通知", "1,234.50");
            java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(pdf).renderImageWithDPI(0, 110);
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(page, "png", png);
            java.awt.image.BufferedImage back = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.toByteArray()));
            // the title line (centred, below the address block) has ink on it
            assertThat(LetterPdfWriterTest.darkPixels(back, 40, 80, 170, 100)).isGreaterThan(300);
        }
        assertThat(render("overdue_formal", "email", "en").pdf()).isNotNull();
        assertThat(render("overdue_early", "email", "zh-CN").pdf()).isNull();
    }

    @Test
    void callScriptsCheckIdentityFirstAndAgencyNotesCarryTheAmounts() throws Exception {
        assertThat(render("overdue_call", "call", "en").text()).contains("BEFORE you mention the loan", "2,446.80", "****1234");
        assertThat(render("overdue_call", "call", "zh-CN").text()).contains("本人", "2,446.80");
        assertThat(render("overdue_agency", "agency", "zh-TW").text()).contains("本金2,300.00", "合計2,446.80");
        assertThat(render("overdue_agency", "agency", "en").text()).contains("35 days past due", "never relatives");
    }

    @Test
    void localeFallsBackToLanguageThenDefault() throws Exception {
        assertThat(render("overdue_early", "sms", "zh_CN").locale()).isEqualTo("zh-CN");
        assertThat(render("overdue_early", "sms", "zh-cn").locale()).isEqualTo("zh-CN");
        assertThat(render("overdue_early", "sms", "zh-Hant-TW").locale()).isEqualTo("zh-TW");
        assertThat(render("overdue_early", "sms", "zh-HK").locale()).isEqualTo("en");
        assertThat(render("overdue_early", "sms", "fr").locale()).isEqualTo("en");
        assertThat(render("overdue_early", "sms", null).locale()).isEqualTo("en");
        assertThat(render("overdue_early", "sms", "../../etc").locale()).isEqualTo("en");
        assertThat(render("overdue_early", "sms", "fr").text()).endsWith("STOP to opt out");
    }

    @Test
    void languageFolderIsUsedBeforeTheDefault(@TempDir Path dir) throws Exception {
        write(dir, "en/t.sms.ftl", "default");
        write(dir, "zh/t.sms.ftl", "language");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);

        assertThat(renderer.render("t", "sms", "zh-HK", model()).text()).isEqualTo("language");
        assertThat(renderer.render("t", "sms", "zh-HK", model()).locale()).isEqualTo("zh");
        assertThat(renderer.render("t", "sms", "de-AT", model()).text()).isEqualTo("default");
    }

    @Test
    void missingTemplateOrChannelIsTemplateMissing() {
        assertThatThrownBy(() -> render("no_such_template", "sms", "en"))
                .isInstanceOf(TemplateFailure.class)
                .satisfies(f -> assertThat(((TemplateFailure) f).reasonCode()).isEqualTo("TEMPLATE_MISSING"))
                .hasMessageContaining("no_such_template.sms.ftl");
        assertThatThrownBy(() -> render("overdue_early", "wechat", "zh-CN"))
                .satisfies(f -> assertThat(((TemplateFailure) f).reasonCode()).isEqualTo("TEMPLATE_MISSING"));
        assertThatThrownBy(() -> render("../en/overdue_early", "sms", "en"))
                .satisfies(f -> assertThat(((TemplateFailure) f).reasonCode()).isEqualTo("TEMPLATE_MISSING"));
    }

    @Test
    void missingRequiredPartIsTemplateMissing(@TempDir Path dir) throws Exception {
        write(dir, "en/t.email.subject.ftl", "Subject");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);

        assertThatThrownBy(() -> renderer.render("t", "email", "en", model()))
                .satisfies(f -> assertThat(((TemplateFailure) f).reasonCode()).isEqualTo("TEMPLATE_MISSING"))
                .hasMessageContaining("en/t.email.txt.ftl");
    }

    @Test
    void missingVariableIsTemplateErrorWithoutPersonalData(@TempDir Path dir) throws Exception {
        write(dir, "en/t.sms.ftl", "Hi ${borrower.name},\nyou owe ${installment.fee}.");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);

        assertThatThrownBy(() -> renderer.render("t", "sms", "en", model()))
                .isInstanceOf(TemplateFailure.class)
                .satisfies(f -> assertThat(((TemplateFailure) f).reasonCode()).isEqualTo("TEMPLATE_ERROR"))
                .hasMessageContaining("installment.fee")
                .hasMessageContaining("line 2")
                .hasMessageNotContaining("Wang Xiaoming");
    }

    @Test
    void valueQuotedByFreeMarkerIsBlankedOut(@TempDir Path dir) throws Exception {
        // ?number and ?date quote the string they failed on; here that is the borrower's name
        write(dir, "en/t.sms.ftl", "${borrower.name?number}");
        write(dir, "en/u.sms.ftl", "${borrower.name?date(\"yyyy-MM-dd\")}");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);

        for (String t : List.of("t", "u")) {
            assertThatThrownBy(() -> renderer.render(t, "sms", "en", model()))
                    .satisfies(f -> assertThat(((TemplateFailure) f).reasonCode()).isEqualTo("TEMPLATE_ERROR"))
                    .hasMessageContaining("borrower.name")
                    .hasMessageNotContaining("Wang Xiaoming");
        }
    }

    @Test
    void syntaxErrorIsTemplateError(@TempDir Path dir) throws Exception {
        write(dir, "en/t.sms.ftl", "Hi ${borrower.name");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);

        assertThatThrownBy(() -> renderer.render("t", "sms", "en", model()))
                .satisfies(f -> assertThat(((TemplateFailure) f).reasonCode()).isEqualTo("TEMPLATE_ERROR"))
                .hasMessageContaining("en/t.sms.ftl");
    }

    @Test
    void onlyHtmlPartsAreEscaped(@TempDir Path dir) throws Exception {
        write(dir, "en/t.email.subject.ftl", "For ${borrower.name}");
        write(dir, "en/t.email.txt.ftl", "Dear ${borrower.name}");
        write(dir, "en/t.email.html.ftl", "<p>Dear ${borrower.name}</p>");
        write(dir, "en/t.sms.ftl", "Hi ${borrower.name}");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);
        TemplateModel model = Models.borrowerName(model(), "<b>Tom & Co</b>");

        RenderedMessage email = renderer.render("t", "email", "en", model);
        assertThat(email.html()).isEqualTo("<p>Dear &lt;b&gt;Tom &amp; Co&lt;/b&gt;</p>");
        assertThat(email.text()).isEqualTo("Dear <b>Tom & Co</b>");
        assertThat(email.subject()).isEqualTo("For <b>Tom & Co</b>");
        assertThat(renderer.render("t", "sms", "en", model).text()).isEqualTo("Hi <b>Tom & Co</b>");
    }

    @Test
    void aMessagesPartsShareOneRenderingAndAGuardedLibRunsOnce(@TempDir Path dir) throws Exception {
        // each part includes the piece; its unguarded line counts the includes, its guarded one runs once
        write(dir, "en/_lib.ftli", "<#global includes = (includes!0) + 1>"
                + "<#if !libIncluded??><#assign libIncluded = true><#global runs = (runs!0) + 1></#if>");
        write(dir, "en/t.email.subject.ftl", "<#include \"_lib.ftli\">s ${includes} ${runs}");
        write(dir, "en/t.email.txt.ftl", "<#include \"_lib.ftli\">t ${includes} ${runs}");
        write(dir, "en/t.email.html.ftl", "<#include \"_lib.ftli\"><p>h ${includes} ${runs}</p>");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);

        RenderedMessage email = renderer.render("t", "email", "en", model());
        assertThat(email.subject()).isEqualTo("s 1 1");
        assertThat(email.text()).isEqualTo("t 2 1");
        assertThat(email.html()).isEqualTo("<p>h 3 1</p>");
        // the next message starts afresh
        assertThat(renderer.render("t", "email", "en", model()).subject()).isEqualTo("s 1 1");
    }

    @Test
    void formatDateWritesWhatTheDateBuiltInsWrite(@TempDir Path dir) throws Exception {
        String list = "<#list [\"2026-01-03\", \"2026-02-28\", \"2024-02-29\", \"2026-09-10\", \"2026-12-31\"] as d>"
                + "<#list [\"MMMM d, yyyy\", \"MMM d, yyyy\", \"yyyy年M月d日\", \"M月d日\", \"d MMMM yyyy\"] as p>"
                + "${formatDate(d, p)}=${d?date(\"yyyy-MM-dd\")?string(p)};</#list></#list>";
        for (String locale : List.of("en", "zh-CN", "zh-TW")) {
            write(dir, locale + "/dates.sms.ftl", list);
        }
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);
        for (String locale : List.of("en", "zh-CN", "zh-TW")) {
            String text = renderer.render("dates", "sms", locale, model()).text();
            List<String> pairs = List.of(text.split(";"));
            assertThat(pairs).hasSize(25);
            assertThat(pairs).allSatisfy(pair -> {
                String[] sides = pair.split("=");
                assertThat(sides[0]).as(locale).isEqualTo(sides[1]);
            });
        }
        assertThat(renderer.render("dates", "sms", "en", model()).text()).startsWith("January 3, 2026=January 3, 2026;Jan 3, 2026=");
        assertThat(renderer.render("dates", "sms", "zh-CN", model()).text()).contains("2026年1月3日=2026年1月3日");
    }

    @Test
    void formatDateOfSomethingElseIsTemplateErrorWithoutTheValue(@TempDir Path dir) throws Exception {
        write(dir, "en/t.sms.ftl", "Due ${formatDate(borrower.name, \"MMMM d, yyyy\")}");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);

        assertThatThrownBy(() -> renderer.render("t", "sms", "en", Models.borrowerName(model(), "Tom Secret")))
                .isInstanceOf(TemplateFailure.class)
                .hasMessageContaining("not a yyyy-MM-dd date")
                .hasMessageContaining("t.sms.ftl")
                .hasMessageNotContaining("Tom Secret");
    }

    @Test
    void integratorChannelHasTextAndOptionalTitle(@TempDir Path dir) throws Exception {
        write(dir, "en/t.wechat.ftl", "Hi ${borrower.name}");
        write(dir, "en/t.wechat.title.ftl", "Reminder");
        write(dir, "en/t.call.ftl", "Script for ${installment.dpd} days");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);

        RenderedMessage wechat = renderer.render("t", "wechat", "en", model());
        assertThat(wechat.subject()).isEqualTo("Reminder");
        assertThat(wechat.text()).isEqualTo("Hi Wang Xiaoming");
        RenderedMessage call = renderer.render("t", "call", "en", model());
        assertThat(call.subject()).isNull();
        assertThat(call.text()).isEqualTo("Script for 35 days");
    }

    @Test
    void numbersPrintPlainAndMoneyWithTwoDecimals(@TempDir Path dir) throws Exception {
        write(dir, "en/t.sms.ftl", "${installment.dpd} ${installment.number} ${installment.amountDue?string[\"0.00\"]}");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);
        TemplateModel model = Models.dpdAndAmount(model(), 1234, new java.math.BigDecimal("12345.5"));

        assertThat(renderer.render("t", "sms", "zh-CN", model).text()).isEqualTo("1234 5 12345.50");
    }

    @Test
    void letterWithoutReturnAddressIsTemplateError() {
        TemplateModel model = Models.lenderAddress(model(), null);

        assertThatThrownBy(() -> SHIPPED.render("overdue_letter", "letter", "en", model))
                .satisfies(f -> assertThat(((TemplateFailure) f).reasonCode()).isEqualTo("TEMPLATE_ERROR"))
                .hasMessageContaining("lender.address");
    }

    @Test
    void shippedTemplatesPassCheckAll() {
        assertThat(TemplateCheck.all(SHIPPED)).isEmpty();
    }

    @Test
    void checkAllNamesTheBrokenFileAndMissingParts(@TempDir Path dir) throws Exception {
        write(dir, "en/t.sms.ftl", "fine ${borrower.name}");
        write(dir, "zh-CN/t.email.subject.ftl", "ok");
        write(dir, "zh-CN/t.email.txt.ftl", "Fee: ${installment.fee}");
        write(dir, "zh-CN/t.email.html.ftl", "<p>${borrower.name</p>");
        write(dir, "en/t.push.title.ftl", "title only");
        TemplateRenderer renderer = new TemplateRenderer(dir, "en", PDF);

        List<String> problems = TemplateCheck.all(renderer).stream()
                .map(io.dunninghub.common.ConfigException::getMessage).toList();

        assertThat(problems).hasSize(3);
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(dir.resolve("zh-CN/t.email.txt.ftl") + ": ")
                .contains("installment.fee"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(dir.resolve("zh-CN/t.email.html.ftl") + ": "));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(dir.resolve("en/t.push.body.ftl") + ": missing"));
        assertThat(problems).noneMatch(p -> p.contains("\n"));
    }

    @Test
    void rendersFromSeveralThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String locale = List.of("en", "zh-CN", "zh-TW").get(i % 3);
                String name = "Borrower-" + i + "-x";
                results.add(pool.submit(() -> {
                    TemplateModel model = Models.borrowerName(model(), name);
                    return SHIPPED.render("overdue_formal", "email", locale, model).text();
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).contains("Borrower-" + i + "-x", "1,234.50");
            }
        } finally {
            pool.shutdownNow();
        }
    }


    static void write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
