package io.dunninghub.support;

import io.dunninghub.contact.Contact;
import io.dunninghub.ladder.DpdRange;
import io.dunninghub.ladder.Ladder;
import io.dunninghub.ladder.LadderStep;
import io.dunninghub.ladder.Condition;
import io.dunninghub.policy.Decision;
import io.dunninghub.render.LetterPdfWriter;
import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Short ways to write the stages' values in tests, with the defaults the tests do not care about. */
public final class TestData {

    private TestData() {
    }

    /** An installment without the previous_defaults column (first or repeat default unknown). */
    public static Installment installment(String installmentId, String loanId, String borrowerId, LocalDate dueDate,
                                          BigDecimal amountDue, BigDecimal principal, BigDecimal interest,
                                          BigDecimal fees, String currency, String product, String segment,
                                          Integer installmentNo) {
        return new Installment(installmentId, loanId, borrowerId, dueDate, amountDue, principal, interest, fees,
                currency, product, segment, installmentNo, null);
    }

    /** A borrower's contact record with no country, work e-mail or preferred hours. */
    public static Contact contact(String borrowerId, String name, String locale, String timeZone, String phone,
                                  String email, String pushToken, String postalAddress, Set<String> optedOut) {
        return new Contact(borrowerId, name, locale, timeZone, phone, email, pushToken, postalAddress, optedOut, null,
                false, null, "borrower", null);
    }

    public static Ladder ladder(String id, List<String> products, List<String> segments, List<LadderStep> steps) {
        return new Ladder(id, products, segments, steps, Condition.ALWAYS);
    }

    public static LadderStep step(String id, DpdRange dpd, Integer everyDays, List<LadderStep.StepChannel> channels) {
        return new LadderStep(id, dpd, everyDays, channels, Condition.ALWAYS, false);
    }

    public static Decision.Send send(Instant notBefore, String deferredBy, String zone) {
        return new Decision.Send(notBefore, deferredBy, zone, null);
    }

    /** Letters on A4. */
    public static LetterPdfWriter letterPdf(Path font) {
        return new LetterPdfWriter(font, "A4");
    }
}
