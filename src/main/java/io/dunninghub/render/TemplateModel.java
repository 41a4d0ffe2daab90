package io.dunninghub.render;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a notice's templates see, typed: {@code borrower}, {@code installment}, {@code lender} and {@code notice}.
 * Every caller builds it the same way ({@link NoticeModels} for dispatch and preview, {@link #sample()} for
 * {@code validate}'s checks and the tests) and templates read it through {@link #asMap()}, the one place the
 * names templates use are written down. Immutable.
 *
 * <p>An SMS or push whose step does not allow amounts gets a model {@link #withoutAmounts()}: those fields are
 * absent, so a template that tries to show them fails to render instead of leaking them onto a lock screen.
 */
public final class TemplateModel {

    /** Every name a template (or an HTTP request template) may start with for the model's sections. */
    public static final Set<String> ROOTS = Set.of("borrower", "installment", "lender", "notice");

    /** What SMS and push do not get unless the step says {@code show-amount: true}. */
    public static final List<String> AMOUNT_FIELDS = List.of("amountDue", "principal", "interest", "fees", "loanId",
            "loanIdMasked");

    /** The person written to. {@code address} is the postal address, or null when none is on record. */
    public record Borrower(String name, String locale, String address) {
    }

    /** The installment as it is right now (re-read before sending). Amounts are outstanding amounts. */
    public record Installment(String id, String loanId, String loanIdMasked, Integer number, String dueDate, int dpd,
                              BigDecimal amountDue, BigDecimal principal, BigDecimal interest, BigDecimal fees,
                              String currency) {
    }

    /** The lender's details from {@code hub.lender.*}. */
    public record Lender(String name, String appName, String hotline, String website, String email, String address,
                         String complaints) {
    }

    /** The notice itself: its id and reference, ladder step, channel, audience, date and repayment deadline. */
    public record Notice(String id, String reference, String step, String channel, String audience, String date,
                         String deadline) {
    }

    private final Borrower borrower;
    private final Installment installment;
    private final Lender lender;
    private final Notice notice;
    private final boolean amounts;

    private TemplateModel(Builder b) {
        this.borrower = b.borrower;
        this.installment = b.installment;
        this.lender = b.lender;
        this.notice = b.notice;
        this.amounts = b.amounts;
    }

    public Borrower borrower() {
        return borrower;
    }

    public Installment installment() {
        return installment;
    }

    public Lender lender() {
        return lender;
    }

    public Notice notice() {
        return notice;
    }

    /** Whether the amount and the account number are in the model. */
    public boolean hasAmounts() {
        return amounts;
    }

    /** The same model without the amount and the account number. */
    public TemplateModel withoutAmounts() {
        return toBuilder().amounts(false).build();
    }

    /**
     * The model as templates see it: nested maps of plain values (strings, numbers). A value that is null is
     * absent, so {@code ${borrower.address}} fails where there is no address and {@code ??} tests for it.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> b = new HashMap<>();
        b.put("name", borrower.name() == null ? "" : borrower.name());
        b.put("locale", borrower.locale());
        if (borrower.address() != null) {
            b.put("address", borrower.address());
        }

        Map<String, Object> i = new HashMap<>();
        i.put("id", installment.id());
        i.put("loanId", installment.loanId());
        i.put("loanIdMasked", installment.loanIdMasked());
        i.put("number", installment.number());
        i.put("dueDate", installment.dueDate());
        i.put("dpd", installment.dpd());
        i.put("amountDue", installment.amountDue());
        i.put("principal", installment.principal());
        i.put("interest", installment.interest());
        i.put("fees", installment.fees());
        i.put("currency", installment.currency());
        if (!amounts) {
            AMOUNT_FIELDS.forEach(i::remove);
        }

        Map<String, Object> l = new HashMap<>();
        putIfSet(l, "name", lender.name());
        putIfSet(l, "appName", lender.appName());
        putIfSet(l, "hotline", lender.hotline());
        putIfSet(l, "website", lender.website());
        putIfSet(l, "email", lender.email());
        putIfSet(l, "address", lender.address());
        putIfSet(l, "complaints", lender.complaints());

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
        model.put("installment", i);
        model.put("lender", l);
        model.put("notice", n);
        return model;
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** A realistic model as dispatch fills it in: validate renders every template against it. */
    public static TemplateModel sample() {
        return builder()
                .borrower(new Borrower("Wang Xiaoming", "en",
                        "Room 1203, 18 Lane 500 Zhangyang Road\nPudong New Area, Shanghai 200122"))
                .installment(new Installment("INS-20260919-000381", "LN2025060881234", "****1234", 5, "2026-10-19", 35,
                        new BigDecimal("1234.50"), new BigDecimal("1150.00"), new BigDecimal("62.30"),
                        new BigDecimal("22.20"), "CNY"))
                .lender(new Lender("Example Consumer Finance Co., Ltd.", "Example Loans", "400-800-5566",
                        "https://www.example-finance.com", "service@example-finance.com",
                        "88 Century Avenue, Pudong New Area\nShanghai 200120",
                        "complaints@example-finance.com or 400-800-5567"))
                .notice(new Notice("7f3c2a9e-5b1d-4c8e-9a0f-2d6b8e4c1a77", "DH26112300381", "letter_d30", "letter",
                        "borrower", "2026-11-23", "2026-12-07"))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().borrower(borrower).installment(installment).lender(lender).notice(notice).amounts(amounts);
    }

    /** Builds a model section by section; every section is required. */
    public static final class Builder {
        private Borrower borrower;
        private Installment installment;
        private Lender lender;
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

        public Builder lender(Lender l) {
            this.lender = l;
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
            return new TemplateModel(this);
        }
    }
}
