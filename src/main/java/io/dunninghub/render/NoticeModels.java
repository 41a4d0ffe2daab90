package io.dunninghub.render;

import io.dunninghub.contact.Contact;
import io.dunninghub.ladder.Audience;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Builds a notice's {@link TemplateModel} from the installment as it is right now (re-read before sending), the
 * person's contact record and the lender's settings.
 */
public final class NoticeModels {

    private final TemplateModel.Lender lender;
    private final int deadlineDays;

    /** @param deadlineDays the repayment deadline formal notices print: the notice date plus this many days */
    public NoticeModels(TemplateModel.Lender lender, int deadlineDays) {
        this.lender = lender;
        this.deadlineDays = deadlineDays;
    }

    /** @param amounts false: the model carries no amount and no account number (SMS and push by default) */
    public TemplateModel build(ClaimedNotice notice, Installment inst, Contact contact, LocalDate businessDate,
                               boolean amounts) {
        return TemplateModel.builder()
                .borrower(new TemplateModel.Borrower(contact.name() == null ? "" : contact.name(), contact.locale(),
                        contact.postalAddress()))
                .installment(new TemplateModel.Installment(inst.installmentId(), inst.loanId(), masked(inst.loanId()),
                        inst.installmentNo(), inst.dueDate().toString(), inst.daysPastDue(businessDate),
                        inst.amountDue(), orZero(inst.principal()), orZero(inst.interest()), orZero(inst.fees()),
                        inst.currency() == null ? "" : inst.currency()))
                .lender(lender)
                .notice(new TemplateModel.Notice(notice.id(), reference(notice.id()), notice.stepId(), notice.channel(),
                        Audience.role(notice.audience() == null ? Audience.BORROWER : notice.audience()),
                        businessDate.toString(), businessDate.plusDays(deadlineDays).toString()))
                .amounts(amounts)
                .build();
    }

    /** The short reference printed on a notice and quoted by the borrower: {@code DH-} and the id's first 8. */
    static String reference(String noticeId) {
        return "DH-" + noticeId.substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static String masked(String loanId) {
        if (loanId == null) {
            return "";
        }
        return loanId.length() <= 4 ? "****" : "****" + loanId.substring(loanId.length() - 4);
    }
}
