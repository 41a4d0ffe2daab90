package io.dunninghub.render;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a notice's templates see, typed: {@code borrower}, {@code installment} (the oldest overdue one),
 * {@code debt} (every overdue installment the notice covers, with their totals), {@code loan} (what the core bank
 * says about the loan, its repayment schedule), {@code history} (what the ledger shows was sent about this debt
 * before), {@code lender}, {@code lawFirm} and {@code notice}. Every caller builds it the same way
 * ({@link NoticeModels} for dispatch, {@link #sample()} for {@code validate}'s checks and the tests) and templates
 * read it through {@link #asMap()}, the one place the names templates use are written down. Immutable.
 *
 * <p>An SMS or push whose step does not allow amounts gets a model {@link #withoutAmounts()}: the amounts, the
 * account numbers, the loan's details and its schedule are absent, so a template that tries to show them fails to
 * render instead of leaking them onto a lock screen.
 */
public final class TemplateModel {

    /** Every name a template (or an HTTP request template) may start with for the model's sections. */
    public static final Set<String> ROOTS = Set.of("borrower", "installment", "debt", "loan", "history", "lender",
            "lawFirm", "notice");

    /** What SMS and push do not get of an installment unless the step says {@code show-amount: true}. */
    public static final List<String> AMOUNT_FIELDS = List.of("amountDue", "principal", "interest", "fees", "penalty",
            "other", "paid", "loanId", "loanIdMasked");

    /**
     * The person written to. {@code address} is the postal address, or null when none is on record; {@code extra}
     * the contacts query's other columns ({@code borrower.gender}, {@code borrower.repayment_url} …).
     */
    public record Borrower(String name, String locale, String address, Map<String, Object> extra) {
        public Borrower {
            extra = Map.copyOf(extra);
        }
    }

    /** One installment as it is right now (re-read before sending). Amounts are outstanding amounts. */
    public record Installment(String id, String loanId, String loanIdMasked, Integer number, String dueDate, int dpd,
                              BigDecimal amountDue, BigDecimal principal, BigDecimal interest, BigDecimal fees,
                              BigDecimal penalty, String currency, Map<String, Object> extra) {
        public Installment {
            extra = Map.copyOf(extra);
        }
    }

    /**
     * The debt the notice is about: {@code kind} {@code loan}, {@code borrower} or {@code installment}; its days
     * past due (the oldest installment's), the totals of every installment it covers, and the installments.
     */
    public record Debt(String kind, int dpd, String oldestDueDate, String currency, BigDecimal amountDue,
                       BigDecimal principal, BigDecimal interest, BigDecimal fees, BigDecimal penalty,
                       List<Installment> installments, List<String> loanIdsMasked) {
        public Debt {
            installments = List.copyOf(installments);
            loanIdsMasked = List.copyOf(loanIdsMasked);
        }
    }

    /**
     * The loan, when the notice is about one: its id (masked too), what {@code hub.loans.sql} returns for it and
     * its repayment schedule from {@code hub.schedule.sql}; {@link #NONE} for a notice about all of a borrower's
     * loans.
     */
    public record Loan(String id, String idMasked, Map<String, Object> details, List<Map<String, Object>> schedule) {
        public static final Loan NONE = new Loan(null, null, Map.of(), List.of());

        public Loan {
            details = Map.copyOf(details);
            schedule = List.copyOf(schedule.stream().map(Map::copyOf).toList());
        }
    }

    /**
     * An earlier contact about this debt, as the ledger shows it: the channel, the ladder step and template, the
     * business date it was sent, {@code sent}, {@code delivered} or {@code undelivered}, a letter's tracking number.
     */
    public record Contact(String channel, String step, String template, String date, String status,
                          String tracking) {
    }

    /** A promise to pay on record for this debt, by {@code date}. */
    public record Promise(String date) {
    }

    /** What the ledger shows was sent about this debt before this notice, oldest first, and the promises made. */
    public record History(List<Contact> contacts, List<Promise> promises) {
        public static final History NONE = new History(List.of(), List.of());

        public History {
            contacts = List.copyOf(contacts);
            promises = List.copyOf(promises);
        }
    }

    /**
     * The lender's details from {@code hub.lender.*} (per locale where given); {@code shortName}, the name an SMS
     * signature carries, is the name when not set.
     */
    public record Lender(String name, String appName, String hotline, String website, String email, String address,
                         String complaints, String shortName) {

        public Lender(String name, String appName, String hotline, String website, String email, String address,
                      String complaints) {
            this(name, appName, hotline, website, email, address, complaints, null);
        }

        /** These details, each one not set taken from {@code other}. */
        public Lender orElse(Lender other) {
            return new Lender(or(name, other.name), or(appName, other.appName), or(hotline, other.hotline),
                    or(website, other.website), or(email, other.email), or(address, other.address),
                    or(complaints, other.complaints), or(shortName, other.shortName));
        }

        private static String or(String value, String other) {
            return value == null || value.isBlank() ? other : value;
        }
    }

    /** The law firm a lawyer's letter is issued by ({@code hub.law-firm.*}); {@link #NONE} when none is set. */
    public record LawFirm(String name, String lawyer, String address, String phone, String email) {
        public static final LawFirm NONE = new LawFirm(null, null, null, null, null);
    }

    /** The notice itself: its id and reference, ladder step, channel, audience, date and repayment deadline. */
    public record Notice(String id, String reference, String step, String channel, String audience, String date,
                         String deadline) {
    }

    private final Borrower borrower;
    private final Installment installment;
    private final Debt debt;
    private final Loan loan;
    private final History history;
    private final Lender lender;
    private final LawFirm lawFirm;
    private final Notice notice;
    private final boolean amounts;

    private TemplateModel(Builder b) {
        this.borrower = b.borrower;
        this.installment = b.installment;
        this.debt = b.debt;
        this.loan = b.loan;
        this.history = b.history;
        this.lender = b.lender;
        this.lawFirm = b.lawFirm;
        this.notice = b.notice;
        this.amounts = b.amounts;
    }

    public Borrower borrower() {
        return borrower;
    }

    public Installment installment() {
        return installment;
    }

    public Debt debt() {
        return debt;
    }

    public Loan loan() {
        return loan;
    }

    public History history() {
        return history;
    }

    public Lender lender() {
        return lender;
    }

    public LawFirm lawFirm() {
        return lawFirm;
    }

    public Notice notice() {
        return notice;
    }

    /** Whether the amounts and the account numbers are in the model. */
    public boolean hasAmounts() {
        return amounts;
    }

    /** The same model without the amounts, the account numbers and the loan's details. */
    public TemplateModel withoutAmounts() {
        return toBuilder().amounts(false).build();
    }

    /**
     * The model as templates see it: nested maps and lists of plain values (strings, numbers, booleans). A value
     * that is null is absent, so {@code ${borrower.address}} fails where there is no address and {@code ??} tests
     * for it. The core bank's own columns sit beside the hub's names; where one has the same name, the hub's wins.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> b = new HashMap<>(borrower.extra());
        b.put("name", borrower.name() == null ? "" : borrower.name());
        putIfSet(b, "locale", borrower.locale());
        putIfSet(b, "address", borrower.address());

        Map<String, Object> d = new HashMap<>();
        d.put("kind", debt.kind());
        d.put("dpd", debt.dpd());
        d.put("oldestDueDate", debt.oldestDueDate());
        d.put("count", debt.installments().size());
        putIfSet(d, "currency", debt.currency());
        if (amounts) {
            putIfSet(d, "amountDue", debt.amountDue());
            putIfSet(d, "principal", debt.principal());
            putIfSet(d, "interest", debt.interest());
            putIfSet(d, "fees", debt.fees());
            putIfSet(d, "penalty", debt.penalty());
            putIfSet(d, "other", other(debt.amountDue(), debt.principal(), debt.interest(), debt.fees(), debt.penalty()));
            if (debt.amountDue() != null) {
                putIfSet(d, "paid", paid(debt.amountDue(), debt.principal(), debt.interest(), debt.fees(), debt.penalty()));
            }
            d.put("loans", debt.loanIdsMasked());
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Installment i : debt.installments()) {
            list.add(installment(i));
        }
        d.put("installments", list);

        Map<String, Object> l = null;
        if (loan != Loan.NONE && amounts) {
            l = new HashMap<>(loan.details());
            l.put("id", loan.id());
            l.put("idMasked", loan.idMasked());
            l.put("schedule", loan.schedule());
        }

        Map<String, Object> h = new HashMap<>();
        List<Map<String, Object>> contacts = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        for (Contact c : history.contacts()) {
            Map<String, Object> m = new HashMap<>();
            m.put("channel", c.channel());
            putIfSet(m, "step", c.step());
            putIfSet(m, "template", c.template());
            m.put("date", c.date());
            m.put("status", c.status());
            putIfSet(m, "tracking", c.tracking());
            contacts.add(m);
            if (!"undelivered".equals(c.status()) && !channels.contains(c.channel())) {
                channels.add(c.channel());
            }
        }
        h.put("contacts", contacts);
        h.put("channels", channels);
        h.put("promises", history.promises().stream().map(p -> Map.<String, Object>of("date", p.date())).toList());

        Map<String, Object> lend = new HashMap<>();
        putIfSet(lend, "name", lender.name());
        putIfSet(lend, "appName", lender.appName());
        putIfSet(lend, "hotline", lender.hotline());
        putIfSet(lend, "website", lender.website());
        putIfSet(lend, "email", lender.email());
        putIfSet(lend, "address", lender.address());
        putIfSet(lend, "complaints", lender.complaints());
        putIfSet(lend, "shortName", lender.shortName() != null && !lender.shortName().isBlank() ? lender.shortName()
                : lender.name());

        Map<String, Object> n = new HashMap<>();
        n.put("id", notice.id());
        n.put("reference", notice.reference());
        n.put("step", notice.step());
        n.put("channel", notice.channel());
        n.put("audience", notice.audience());
        n.put("date", notice.date());
        n.put("deadline", notice.deadline());

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("borrower", b);
        model.put("installment", installment(installment));
        model.put("debt", d);
        if (l != null) {
            model.put("loan", l);
        }
        model.put("history", h);
        model.put("lender", lend);
        if (lawFirm != LawFirm.NONE) {
            Map<String, Object> law = new HashMap<>();
            putIfSet(law, "name", lawFirm.name());
            putIfSet(law, "lawyer", lawFirm.lawyer());
            putIfSet(law, "address", lawFirm.address());
            putIfSet(law, "phone", lawFirm.phone());
            putIfSet(law, "email", lawFirm.email());
            model.put("lawFirm", law);
        }
        model.put("notice", n);
        return model;
    }

    private Map<String, Object> installment(Installment i) {
        Map<String, Object> m = new HashMap<>(i.extra());
        m.put("id", i.id());
        m.put("number", i.number());
        m.put("dueDate", i.dueDate());
        m.put("dpd", i.dpd());
        putIfSet(m, "currency", i.currency());
        if (amounts) {
            putIfSet(m, "loanId", i.loanId());
            putIfSet(m, "loanIdMasked", i.loanIdMasked());
            putIfSet(m, "amountDue", i.amountDue());
            putIfSet(m, "principal", i.principal());
            putIfSet(m, "interest", i.interest());
            putIfSet(m, "fees", i.fees());
            putIfSet(m, "penalty", i.penalty());
            putIfSet(m, "other", other(i.amountDue(), i.principal(), i.interest(), i.fees(), i.penalty()));
            if (i.amountDue() != null) {
                putIfSet(m, "paid", paid(i.amountDue(), i.principal(), i.interest(), i.fees(), i.penalty()));
            }
        } else {
            // the core bank's own columns may hold amounts or account numbers too: none on a lock screen
            m.keySet().retainAll(Set.of("id", "number", "dueDate", "dpd", "currency"));
        }
        return m;
    }

    /**
     * What the amount due holds beyond principal, interest, fees and penalty, when the core bank's parts do not add
     * up to it; null when they do (or no parts are given), so a breakdown a template shows always sums to the total.
     */
    static BigDecimal other(BigDecimal total, BigDecimal... parts) {
        if (total == null) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        boolean any = false;
        for (BigDecimal p : parts) {
            if (p != null) {
                sum = sum.add(p);
                any = true;
            }
        }
        BigDecimal rest = total.subtract(sum);
        return !any || rest.signum() <= 0 ? null : rest;
    }

    /**
     * What was paid towards the parts when they add up to more than what is outstanding (a partial payment), so a
     * template can show parts, less paid, and the total they come to; null when nothing was paid.
     */
    static BigDecimal paid(BigDecimal total, BigDecimal... parts) {
        BigDecimal rest = other(total.negate(), parts == null ? null : java.util.Arrays.stream(parts)
                .map(p -> p == null ? null : p.negate()).toArray(BigDecimal[]::new));
        return rest;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /**
     * A realistic model as dispatch fills it in: validate renders every template against it (and against it
     * with an empty history, and without amounts where a channel hides them).
     */
    public static TemplateModel sample() {
        return sample("en");
    }

    /**
     * The sample in a locale's words: a borrower's name and the lender's as a lender writing in that language would
     * have them, so length checks (an SMS's segments) count what a real notice would carry.
     */
    public static TemplateModel sample(String locale) {
        String tag = locale == null ? "en" : locale.replace('_', '-');
        TemplateModel en = english();
        if (tag.startsWith("zh")) {
            boolean traditional = tag.equals("zh-TW") || tag.equals("zh-HK") || tag.equals("zh-Hant");
            Borrower b = en.borrower;
            return en.toBuilder()
                    .borrower(new Borrower(traditional ? "陳怡君" : "王小明", tag, traditional
                            ? "臺北市信義區松仁路100號12樓" : "上海市浦东新区张杨路500弄18号1203室",
                            Map.of("gender", traditional ? "F" : "M", "repayment_url", b.extra().get("repayment_url"))))
                    .lender(traditional
                            ? new Lender("範例消費金融股份有限公司", "範例貸", "0800-800-556", "https://www.example-finance.com.tw",
                                    "service@example-finance.com.tw", "臺北市信義區信義路五段7號", "0800-800-557 或 complaints@example-finance.com.tw", "範例金融")
                            : new Lender("示例消费金融有限公司", "示例借", "400-800-5566", "https://www.example-finance.com",
                                    "service@example-finance.com", "上海市浦东新区世纪大道88号", "400-800-5567 或 complaints@example-finance.com", "示例金融"))
                    .lawFirm(traditional
                            ? new LawFirm("範例聯合法律事務所", "李明律師", "臺北市中正區重慶南路一段122號", "02-2311-0000", "collections@example-law.com.tw")
                            : new LawFirm("示例律师事务所", "李明律师", "上海市浦东新区陆家嘴环路66号", "021-5000-6000", "collections@example-law.com"))
                    .build();
        }
        return en.toBuilder().borrower(new Borrower(en.borrower.name(), tag, en.borrower.address(), en.borrower.extra()))
                .build();
    }

    private static TemplateModel english() {
        Installment first = new Installment("INS-20260919-000381", "LN2025060881234", "****1234", 5, "2026-10-19", 35,
                new BigDecimal("1234.50"), new BigDecimal("1150.00"), new BigDecimal("62.30"), new BigDecimal("22.20"),
                null, "CNY", Map.of());
        Installment second = new Installment("INS-20260919-000382", "LN2025060881234", "****1234", 6, "2026-11-19", 4,
                new BigDecimal("1212.30"), new BigDecimal("1150.00"), new BigDecimal("52.30"), BigDecimal.ZERO,
                new BigDecimal("10.00"), "CNY", Map.of());
        List<Map<String, Object>> schedule = new ArrayList<>();
        String[][] rows = {{"5", "2026-10-19", "1234.50", "overdue"}, {"6", "2026-11-19", "1212.30", "overdue"},
            {"7", "2026-12-19", "1202.30", "due"}, {"8", "2027-01-19", "1202.30", "due"}};
        for (String[] r : rows) {
            schedule.add(Map.of("loan_id", "LN2025060881234", "installment_no", Long.parseLong(r[0]), "due_date", r[1],
                    "amount_due", new BigDecimal(r[2]), "status", r[3]));
        }
        return builder()
                .borrower(new Borrower("Wang Xiaoming", "en",
                        "Room 1203, 18 Lane 500 Zhangyang Road\nPudong New Area, Shanghai 200122",
                        Map.of("gender", "M", "repayment_url", "https://pay.example-finance.com/r/7Kq2Xw")))
                .installment(first)
                .debt(new Debt("loan", 35, "2026-10-19", "CNY", new BigDecimal("2446.80"), new BigDecimal("2300.00"),
                        new BigDecimal("114.60"), new BigDecimal("22.20"), new BigDecimal("10.00"),
                        List.of(first, second), List.of("****1234")))
                .loan(new Loan("LN2025060881234", "****1234", Map.of("contract_no", "HT-2025-0608-81234",
                        "loan_amount", new BigDecimal("12000.00"), "loan_date", "2025-06-08",
                        "product_name", "Example Instalment Loan", "term_months", 12L), schedule))
                .history(new History(List.of(
                        new Contact("sms", "early", "overdue_early", "2026-10-20", "delivered", null),
                        new Contact("email", "early", "overdue_early", "2026-10-20", "sent", null),
                        new Contact("email", "formal", "overdue_formal", "2026-10-23", "delivered", null),
                        new Contact("letter", "letter", "overdue_letter", "2026-11-18", "delivered", "9407111899223197428490")),
                        List.of(new Promise("2026-11-10"))))
                .lender(new Lender("Example Consumer Finance Co., Ltd.", "Example Loans", "400-800-5566",
                        "https://www.example-finance.com", "service@example-finance.com",
                        "88 Century Avenue, Pudong New Area\nShanghai 200120",
                        "complaints@example-finance.com or 400-800-5567"))
                .lawFirm(new LawFirm("Example & Partners Law Firm", "Li Ming", "66 Lujiazui Ring Road, Shanghai 200120",
                        "021-5000-6000", "collections@example-law.com"))
                .notice(new Notice("7f3c2a9e-5b1d-4c8e-9a0f-2d6b8e4c1a77", "DH26112300381", "letter_d30", "letter",
                        "borrower", "2026-11-23", "2026-12-07"))
                .build();
    }

    /** The same model about all of a borrower's loans: no loan section, as a {@code per: borrower} notice has. */
    public TemplateModel withoutLoan() {
        return toBuilder().loan(Loan.NONE).debt(new Debt("borrower", debt.dpd(), debt.oldestDueDate(), debt.currency(),
                debt.amountDue(), debt.principal(), debt.interest(), debt.fees(), debt.penalty(), debt.installments(),
                debt.loanIdsMasked())).build();
    }

    /** The same model with another history (validate renders every template with none too). */
    public TemplateModel withHistory(History h) {
        return toBuilder().history(h).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().borrower(borrower).installment(installment).debt(debt).loan(loan).history(history)
                .lender(lender).lawFirm(lawFirm).notice(notice).amounts(amounts);
    }

    /**
     * Builds a model section by section; borrower, installment, lender and notice are required. Without a debt
     * the model's debt is the installment alone; without a loan, history or law firm, those are empty.
     */
    public static final class Builder {
        private Borrower borrower;
        private Installment installment;
        private Debt debt;
        private Loan loan = Loan.NONE;
        private History history = History.NONE;
        private Lender lender;
        private LawFirm lawFirm = LawFirm.NONE;
        private Notice notice;
        private boolean amounts = true;

        public Builder borrower(Borrower b) {
            this.borrower = b;
            return this;
        }

        public Builder installment(Installment i) {
            this.installment = i;
            return this;
        }

        public Builder debt(Debt d) {
            this.debt = d;
            return this;
        }

        public Builder loan(Loan l) {
            this.loan = l;
            return this;
        }

        public Builder history(History h) {
            this.history = h;
            return this;
        }

        public Builder lender(Lender l) {
            this.lender = l;
            return this;
        }

        public Builder lawFirm(LawFirm f) {
            this.lawFirm = f;
            return this;
        }

        public Builder notice(Notice n) {
            this.notice = n;
            return this;
        }

        public Builder amounts(boolean allowed) {
            this.amounts = allowed;
            return this;
        }

        public TemplateModel build() {
            if (borrower == null || installment == null || lender == null || notice == null) {
                throw new IllegalStateException("a template model needs borrower, installment, lender and notice");
            }
            if (debt == null) {
                debt = new Debt("installment", installment.dpd(), installment.dueDate(), installment.currency(),
                        installment.amountDue(), installment.principal(), installment.interest(), installment.fees(),
                        installment.penalty(), List.of(installment),
                        installment.loanIdMasked() == null ? List.of() : List.of(installment.loanIdMasked()));
            }
            return new TemplateModel(this);
        }
    }
}
