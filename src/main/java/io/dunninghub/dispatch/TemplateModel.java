package io.dunninghub.dispatch;

import io.dunninghub.contact.Contact;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the variables templates see from the installment as it is right now (re-read before sending),
 * the borrower's contact and the lender's settings.
 */
public final class TemplateModel {

    private final Map<String, String> lender;
    private final int deadlineDays;

    public TemplateModel(Map<String, String> lender, int deadlineDays) {
        this.lender = Map.copyOf(lender);
        this.deadlineDays = deadlineDays;
    }

    public Map<String, Object> build(ClaimedNotice notice, Installment inst, Contact contact, LocalDate businessDate) {
        return build(notice, inst, contact, businessDate, true);
    }

    /**
     * With {@code amounts} false the installment carries no amount and no account number at all, so an SMS or push
     * template that tries to show them fails to render instead of leaking them onto a lock screen.
     */
    public Map<String, Object> build(ClaimedNotice notice, Installment inst, Contact contact, LocalDate businessDate,
                                     boolean amounts) {
        Map<String, Object> borrower = new HashMap<>();
        borrower.put("name", contact.name() == null ? "" : contact.name());
        borrower.put("locale", contact.locale());
        if (contact.postalAddress() != null) {
            borrower.put("address", contact.postalAddress());
        }

        Map<String, Object> installment = new HashMap<>();
        installment.put("id", inst.installmentId());
        installment.put("loanId", inst.loanId());
        installment.put("loanIdMasked", masked(inst.loanId()));
        installment.put("number", inst.installmentNo());
        installment.put("dueDate", inst.dueDate().toString());
        installment.put("dpd", inst.daysPastDue(businessDate));
        installment.put("amountDue", inst.amountDue());
        installment.put("principal", orZero(inst.principal()));
        installment.put("interest", orZero(inst.interest()));
        installment.put("fees", orZero(inst.fees()));
        installment.put("currency", inst.currency() == null ? "" : inst.currency());
        if (!amounts) {
            withoutAmounts(installment);
        }

        Map<String, Object> n = new HashMap<>();
        n.put("id", notice.id());
        n.put("reference", "DH-" + notice.id().substring(0, 8).toUpperCase(java.util.Locale.ROOT));
        n.put("step", notice.stepId());
        n.put("channel", notice.channel());
        n.put("audience", io.dunninghub.ladder.Audience.role(notice.audience() == null ? "borrower" : notice.audience()));
        n.put("date", businessDate.toString());
        n.put("deadline", businessDate.plusDays(deadlineDays).toString());

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("borrower", borrower);
        model.put("installment", installment);
        model.put("lender", new HashMap<>(lender));
        model.put("notice", n);
        return model;
    }

    /** What SMS and push do not get unless the step says show-amount: true. */
    public static final java.util.List<String> AMOUNT_FIELDS = java.util.List.of("amountDue", "principal", "interest",
            "fees", "loanId", "loanIdMasked");

    public static void withoutAmounts(Map<String, Object> installment) {
        AMOUNT_FIELDS.forEach(installment::remove);
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
