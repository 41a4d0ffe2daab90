package io.dunninghub.support;

import io.dunninghub.render.TemplateModel;
import java.math.BigDecimal;

/** The sample template model with one thing changed, for template and letter tests. */
public final class Models {

    private Models() {
    }

    public static TemplateModel borrowerName(TemplateModel m, String name) {
        TemplateModel.Borrower b = m.borrower();
        return m.toBuilder().borrower(new TemplateModel.Borrower(name, b.locale(), b.address(), java.util.Map.of())).build();
    }

    /** @param address null: no postal address on record */
    public static TemplateModel borrowerAddress(TemplateModel m, String address) {
        TemplateModel.Borrower b = m.borrower();
        return m.toBuilder().borrower(new TemplateModel.Borrower(b.name(), b.locale(), address, java.util.Map.of())).build();
    }

    public static TemplateModel lenderName(TemplateModel m, String name) {
        TemplateModel.Lender l = m.lender();
        return m.toBuilder().lender(new TemplateModel.Lender(name, l.appName(), l.hotline(), l.website(), l.email(),
                l.address(), l.complaints())).build();
    }

    /** @param address null: no return address configured */
    public static TemplateModel lenderAddress(TemplateModel m, String address) {
        TemplateModel.Lender l = m.lender();
        return m.toBuilder().lender(new TemplateModel.Lender(l.name(), l.appName(), l.hotline(), l.website(), l.email(),
                address, l.complaints())).build();
    }

    public static TemplateModel dpdAndAmount(TemplateModel m, int dpd, BigDecimal amountDue) {
        TemplateModel.Installment i = m.installment();
        return m.toBuilder().installment(new TemplateModel.Installment(i.id(), i.loanId(), i.loanIdMasked(), i.number(),
                i.dueDate(), dpd, amountDue, i.principal(), i.interest(), i.fees(), null, i.currency(), java.util.Map.of())).build();
    }
}
