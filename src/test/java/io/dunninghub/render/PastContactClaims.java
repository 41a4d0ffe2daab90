package io.dunninghub.render;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a rendered notice the way a complaint handler would: every statement about an earlier contact must be
 * backed by the ledger's history in the model, and every date it states must be one the model holds (a due date,
 * the loan's date, a schedule row, an earlier contact, a promise, the notice's own date and deadline).
 *
 * <p>Three readings, each able to catch what the others miss:
 * <ul>
 *   <li>claims: clauses that speak of a past contact ("we e-mailed", "已通过…发送", "多次") name only channels the
 *       history has, and a claim naming no channel needs at least one contact (two for "several");</li>
 *   <li>growth: a channel word that appears more often with this history than with none must be one the history
 *       holds (a list of earlier notices cannot name a letter that was never sent);</li>
 *   <li>dates and tracking numbers: each must be in the model.</li>
 * </ul>
 * Undelivered contacts do not back anything; a borrower-facing message may speak only of written notices (a call
 * entry says a call task went to the dialer, not that anyone was reached).
 */
final class PastContactClaims {

    /** Channel words per locale, by channel. */
    private static final Map<String, Map<String, Pattern>> CHANNEL_WORDS = Map.of(
            "en", channels(
                    "sms", "(?i)\\b(text messages?|texts?|SMS)\\b|\\btexted\\b",
                    "email", "(?i)\\be-?mail(s|ed)?\\b",
                    "letter", "(?i)\\bletters?\\b|\\bposted\\b|\\bby post\\b",
                    "push", "(?i)\\b(app )?notifications?\\b|\\bpush\\b",
                    "call", "(?i)\\bcall(s|ed)?\\b|\\bphoned?\\b|\\bcall task",
                    "agency", "(?i)\\bagency\\b|\\bhand(ed)?[- ]over\\b|\\breferral\\b"),
            "zh-CN", channels(
                    "sms", "短信",
                    "email", "电子邮件|邮箱|(?<!寄)邮件(?!跟踪)",
                    "letter", "信函|挂号信|书面通知|函件|邮寄|寄出",
                    "push", "推送",
                    "call", "外呼|致电|电话|来电",
                    "agency", "委外|催收机构|移交"),
            "zh-TW", channels(
                    "sms", "簡訊",
                    "email", "電子郵件|信箱|(?<!寄)郵件(?!追蹤)",
                    "letter", "信函|掛號信|書面通知|函件|郵寄|寄出",
                    "push", "推播|推送",
                    "call", "外撥|致電|電話|來電",
                    "agency", "委外|催收機構|移交"));

    /** Phrases that speak of a contact in the past. */
    private static final Map<String, List<Pattern>> CLAIMS = Map.of(
            "en", List.of(
                    Pattern.compile("(?i)\\b(we|our client|it|the lender|they)\\s+(have\\s+|has\\s+|had\\s+)?(already\\s+|previously\\s+)?"
                            + "(sent|e-?mailed|posted|texted|wrote|written|called|phoned|contacted|reminded|notified|told)\\b"),
                    Pattern.compile("(?i)\\b(has|have)\\s+(had|received|been sent|been told|been reminded)\\b"),
                    Pattern.compile("(?i)\\b(earlier|previous|prior|last|several|repeated|multiple)\\s+(notices?|reminders?|letters?|messages?|e-?mails?|calls?|contacts?)\\b"),
                    Pattern.compile("(?i)\\b(notices?|reminders?|letters?|messages?|e-?mails?)\\s+((were|was|have been|has been)\\s+)?sent\\b"),
                    Pattern.compile("(?i)\\bsent before\\b|\\bas we (told|mentioned|said)\\b")),
            "zh-CN", List.of(
                    Pattern.compile("(已|曾)(经)?[^，。；：\\n]{0,30}?(发送|发出|寄出|寄送|送达|邮寄|致电|推送|发至|通知过|提醒过|联系过|告知|收到)"),
                    Pattern.compile("多次|反复|屡次|再三"),
                    Pattern.compile("此前|先前|前次|上次|以往")),
            "zh-TW", List.of(
                    Pattern.compile("(已|曾)(經)?[^，。；：\\n]{0,30}?(發送|發出|寄出|寄送|送達|郵寄|致電|推播|推送|發至|通知過|提醒過|聯絡過|告知|收到)"),
                    Pattern.compile("多次|反覆|屢次|再三"),
                    Pattern.compile("此前|先前|前次|上次|以往")));

    /** A clause about this very message (its attachment) speaks of no earlier contact. */
    private static final Pattern THIS_MESSAGE = Pattern.compile("(?i)本邮件|本郵件|本通知|本函|本信|this (e-?mail|letter|notice|message)|attached");

    /** A clause that says there was no earlier contact is not a claim of one. */
    private static final Map<String, Pattern> DENIALS = Map.of(
            "en", Pattern.compile("(?i)\\bno (earlier )?notices?\\b|\\bnot say that\\b|\\bhas not gone out\\b|\\bshows no\\b"),
            "zh-CN", Pattern.compile("(没有|尚无|无任何|未曾|不得说|不代表)"),
            "zh-TW", Pattern.compile("(沒有|尚無|無任何|未曾|不得說|不代表)"));

    private static final Map<String, Pattern> SEVERAL = Map.of(
            "en", Pattern.compile("(?i)\\b(several|repeated|multiple)\\b"),
            "zh-CN", Pattern.compile("多次|反复|屡次|再三"),
            "zh-TW", Pattern.compile("多次|反覆|屢次|再三"));

    private static final Map<String, Pattern> TRACKING = Map.of(
            "en", Pattern.compile("(?i)tracking (?:no\\.|number) ?([A-Z0-9]+)"),
            "zh-CN", Pattern.compile("跟踪号(?:码)?[：:]?([A-Z0-9]+)"),
            "zh-TW", Pattern.compile("追蹤號(?:碼)?[：:]?([A-Z0-9]+)"));

    private static final Pattern ISO = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    private static final Pattern EN_DATE = Pattern.compile(
            "\\b((?:January|February|March|April|May|June|July|August|September|October|November|December"
                    + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{1,2}, \\d{4})\\b");
    private static final Pattern ZH_DATE = Pattern.compile("((?:\\d{4}年)?\\d{1,2}月\\d{1,2}日)");

    private PastContactClaims() {
    }

    private static Map<String, Pattern> channels(String... pairs) {
        Map<String, Pattern> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], Pattern.compile(pairs[i + 1]));
        }
        return m;
    }

    /** The locale key the word lists are kept under. */
    static String language(String locale) {
        return locale.startsWith("zh-TW") || locale.startsWith("zh-HK") ? "zh-TW" : locale.startsWith("zh") ? "zh-CN" : "en";
    }

    /** All a reader sees: subject, text and the HTML part without its markup. */
    static String readable(RenderedMessage m) {
        StringBuilder b = new StringBuilder();
        if (m.subject() != null) {
            b.append(m.subject()).append('\n');
        }
        if (m.text() != null) {
            b.append(m.text()).append('\n');
        }
        if (m.html() != null) {
            b.append(m.html().replaceAll("(?s)<head>.*?</head>", "").replaceAll("<[^>]+>", "\n")
                    .replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&").replace("&quot;", "\"")
                    .replace("&#39;", "'"));
        }
        return b.toString();
    }

    /**
     * What is untrue in {@code withHistory} (rendered against {@code model}), compared with the same template
     * rendered against the model with no history; empty when every statement is backed.
     *
     * @param borrowerFacing whether the reader is the borrower (calls and hand-overs back no claim then)
     */
    static List<String> problems(String locale, boolean borrowerFacing, TemplateModel model, RenderedMessage withHistory,
                                 RenderedMessage withoutHistory) {
        String lang = language(locale);
        String text = readable(withHistory);
        Set<String> backed = new HashSet<>();
        int backedCount = 0;
        Set<String> trackings = new HashSet<>();
        for (TemplateModel.Contact c : model.history().contacts()) {
            if ("undelivered".equals(c.status())) {
                continue;
            }
            if (borrowerFacing && List.of("call", "agency").contains(c.channel())) {
                continue;
            }
            backed.add(c.channel());
            backedCount++;
            if (c.tracking() != null) {
                trackings.add(c.tracking());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String clause : text.split(lang.equals("en") ? "[.;:!?\\n]+" : "[，。；：！？\\n]+")) {
            boolean claim = CLAIMS.get(lang).stream().anyMatch(p -> p.matcher(clause).find());
            if (!claim || DENIALS.get(lang).matcher(clause).find() || THIS_MESSAGE.matcher(clause).find()) {
                continue;
            }
            List<String> named = CHANNEL_WORDS.get(lang).entrySet().stream()
                    .filter(e -> e.getValue().matcher(clause).find()).map(Map.Entry::getKey).toList();
            if (named.isEmpty()) {
                int needed = SEVERAL.get(lang).matcher(clause).find() ? 2 : 1;
                if (backedCount < needed) {
                    problems.add("claims " + (needed == 2 ? "several earlier contacts" : "an earlier contact")
                            + " the ledger does not show: \"" + clause.strip() + "\"");
                }
            } else {
                for (String channel : named) {
                    if (!backed.contains(channel)) {
                        problems.add("claims an earlier " + channel + " the ledger does not show: \"" + clause.strip() + "\"");
                    }
                }
            }
        }
        String bare = readable(withoutHistory);
        CHANNEL_WORDS.get(lang).forEach((channel, word) -> {
            int with = count(word, text);
            int without = count(word, bare);
            if (with > without && !backed.contains(channel)) {
                problems.add("mentions " + channel + " " + (with - without) + " more time(s) than with no history, "
                        + "but the ledger shows no " + channel + " that reached the borrower");
            }
        });
        Set<String> dates = allowedDates(model);
        for (Pattern p : List.of(ISO, EN_DATE, ZH_DATE)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (!dates.contains(m.group(1))) {
                    problems.add("states a date the model does not hold: " + m.group(1));
                }
            }
        }
        Matcher t = TRACKING.get(lang).matcher(text);
        while (t.find()) {
            if (!trackings.contains(t.group(1))) {
                problems.add("states a tracking number the ledger does not hold: " + t.group(1));
            }
        }
        return problems;
    }

    private static int count(Pattern p, String text) {
        int n = 0;
        Matcher m = p.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Every date the model holds, in every way a shipped template writes one. */
    static Set<String> allowedDates(TemplateModel model) {
        List<String> iso = new ArrayList<>();
        iso.add(model.notice().date());
        iso.add(model.notice().deadline());
        iso.add(LocalDate.parse(model.notice().date()).plusDays(35).toString()); // Reg F validation period end
        iso.add(model.debt().oldestDueDate());
        model.debt().installments().forEach(i -> iso.add(i.dueDate()));
        iso.add(model.installment().dueDate());
        model.loan().details().values().forEach(v -> collectIso(v, iso));
        model.loan().schedule().forEach(row -> row.values().forEach(v -> collectIso(v, iso)));
        model.history().contacts().forEach(c -> iso.add(c.date()));
        model.history().promises().forEach(p -> iso.add(p.date()));
        Set<String> out = new HashSet<>();
        for (String d : iso) {
            if (d == null) {
                continue;
            }
            LocalDate date = LocalDate.parse(d);
            out.add(d);
            out.add(date.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)));
            out.add(date.format(DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH)));
            out.add(date.format(DateTimeFormatter.ofPattern("yyyy年M月d日")));
            out.add(date.format(DateTimeFormatter.ofPattern("M月d日")));
        }
        return out;
    }

    private static void collectIso(Object v, List<String> into) {
        if (v != null && ISO.matcher(v.toString()).matches()) {
            into.add(v.toString());
        }
    }
}
