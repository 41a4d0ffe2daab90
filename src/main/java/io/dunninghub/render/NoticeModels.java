package io.dunninghub.render;

import io.dunninghub.contact.Contact;
import io.dunninghub.ladder.Audience;
import io.dunninghub.ladder.Debt;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.PastNotice;
import io.dunninghub.policy.Standing;
import io.dunninghub.scan.Installment;
import io.dunninghub.scan.LoanDetails;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Builds a notice's {@link TemplateModel} from the debt as it is right now (its installments re-read before
 * sending), the person's contact record, what the core bank says about the loan, what the ledger shows was sent
 * about the debt before, and the lender's settings for the person's locale.
 */
public final class NoticeModels {

    /** Everything about one notice's debt that the model is built from. */
    public record Facts(ClaimedNotice notice, Debt debt, Contact contact, LoanDetails.Loans loans,
                        List<PastNotice> history, List<Standing.Promise> promises) {
    }

    private final Function<String, TemplateModel.Lender> lenders;
    private final Function<String, TemplateModel.LawFirm> lawFirms;
    private final int deadlineDays;
    private final ZoneId businessZone;
    private final UnsubscribeLinks unsubscribeLinks;

    /** The one-click unsubscribe link of an e-mail notice, by notice id; {@link #NONE} when links are off. */
    @FunctionalInterface
    public interface UnsubscribeLinks {
        /** @return the link, or null when there is none */
        String of(String noticeId);

        UnsubscribeLinks NONE = noticeId -> null;
    }

    /**
     * @param lenders      the lender's details for a locale (falling back to the plain settings)
     * @param lawFirms     the law firm for a locale; {@link TemplateModel.LawFirm#NONE} when none is set
     * @param deadlineDays the repayment deadline formal notices print: the notice date plus this many days
     * @param businessZone the lender's calendar, in which earlier contacts are dated
     */
    public NoticeModels(Function<String, TemplateModel.Lender> lenders,
                        Function<String, TemplateModel.LawFirm> lawFirms, int deadlineDays, ZoneId businessZone) {
        this(lenders, lawFirms, deadlineDays, businessZone, UnsubscribeLinks.NONE);
    }

    /** @param unsubscribeLinks the link an e-mail's footer may print ({@code notice.unsubscribe}), as its header carries it */
    public NoticeModels(Function<String, TemplateModel.Lender> lenders,
                        Function<String, TemplateModel.LawFirm> lawFirms, int deadlineDays, ZoneId businessZone,
                        UnsubscribeLinks unsubscribeLinks) {
        this.unsubscribeLinks = unsubscribeLinks;
        this.lenders = lenders;
        this.lawFirms = lawFirms;
        this.deadlineDays = deadlineDays;
        this.businessZone = businessZone;
    }

    /** @param amounts false: the model carries no amount, no account number and no loan details (SMS, push) */
    public TemplateModel build(Facts f, String locale, LocalDate businessDate, boolean amounts) {
        ClaimedNotice notice = f.notice();
        Debt debt = f.debt();
        Contact contact = f.contact();
        List<TemplateModel.Installment> installments = new ArrayList<>();
        for (Installment i : debt.installments()) {
            installments.add(installment(i, businessDate));
        }
        Installment total = debt.summary();
        TemplateModel.Debt d = new TemplateModel.Debt(debt.scope().label(), debt.daysPastDue(businessDate),
                debt.oldest().dueDate().toString(), currency(total), total.amountDue(), orZero(total.principal()),
                orZero(total.interest()), orZero(total.fees()), total.penalty(), installments,
                debt.loanIds().stream().map(NoticeModels::masked).toList());
        TemplateModel.Loan loan = debt.scope() == io.dunninghub.ledger.NoticeScope.BORROWER ? TemplateModel.Loan.NONE
                : new TemplateModel.Loan(debt.loanId(), masked(debt.loanId()), loanDetails(f, debt),
                f.loans().scheduleOf(debt.loanId()));
        List<TemplateModel.Contact> contacts = new ArrayList<>();
        for (PastNotice p : f.history()) {
            if (p.noticeId().equals(notice.id())) {
                continue;
            }
            contacts.add(new TemplateModel.Contact(p.channel(), p.stepId(), p.template(),
                    p.sentAt().atZone(businessZone).toLocalDate().toString(),
                    p.delivery() == null ? "sent" : p.delivery().toLowerCase(Locale.ROOT), p.tracking()));
        }
        List<TemplateModel.Promise> promises = f.promises().stream()
                .filter(p -> p.covers(debt.policyLoanId()))
                .map(p -> new TemplateModel.Promise(p.promisedDate().toString())).toList();
        return TemplateModel.builder()
                .borrower(new TemplateModel.Borrower(contact.name() == null ? "" : contact.name(), contact.locale(),
                        contact.postalAddress(), contact.extra()))
                .installment(installment(debt.oldest(), businessDate))
                .debt(d)
                .loan(loan)
                .history(new TemplateModel.History(contacts, promises))
                .lender(lenders.apply(locale))
                .lawFirm(lawFirms.apply(locale))
                .notice(new TemplateModel.Notice(notice.id(), reference(notice.id()), notice.stepId(), notice.channel(),
                        Audience.role(notice.audience() == null ? Audience.BORROWER : notice.audience()),
                        businessDate.toString(), businessDate.plusDays(deadlineDays).toString(),
                        "email".equals(notice.channel()) ? unsubscribeLinks.of(notice.id()) : null))
                .amounts(amounts)
                .build();
    }

    /** The loan's details: what hub.loans.sql says, beside the scan's own extra columns of its oldest installment. */
    private static java.util.Map<String, Object> loanDetails(Facts f, Debt debt) {
        java.util.Map<String, Object> details = new java.util.HashMap<>(debt.oldest().extra());
        details.putAll(f.loans().of(debt.loanId()));
        return details;
    }

    private static TemplateModel.Installment installment(Installment i, LocalDate businessDate) {
        return new TemplateModel.Installment(i.installmentId(), i.loanId(), masked(i.loanId()), i.installmentNo(),
                i.dueDate().toString(), i.daysPastDue(businessDate), i.amountDue(), orZero(i.principal()),
                orZero(i.interest()), orZero(i.fees()), i.penalty(), currency(i), i.extra());
    }

    private static String currency(Installment i) {
        return i.currency() == null ? "" : i.currency();
    }

    /** The short reference printed on a notice and quoted by the borrower: {@code DH-} and the id's first 8. */
    static String reference(String noticeId) {
        return "DH-" + noticeId.substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    static String masked(String loanId) {
        if (loanId == null) {
            return "";
        }
        return loanId.length() <= 4 ? "****" : "****" + loanId.substring(loanId.length() - 4);
    }
}
