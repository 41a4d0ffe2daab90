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
        return installment(installmentId, loanId, borrowerId, dueDate, amountDue, principal, interest, fees,
                currency, product, segment, installmentNo, null);
    }

    /** An installment with no penalty part and no other columns. */
    public static Installment installment(String installmentId, String loanId, String borrowerId, LocalDate dueDate,
                                          BigDecimal amountDue, BigDecimal principal, BigDecimal interest,
                                          BigDecimal fees, String currency, String product, String segment,
                                          Integer installmentNo, Integer previousDefaults) {
        return new Installment(installmentId, loanId, borrowerId, dueDate, amountDue, principal, interest, fees, null,
                currency, product, segment, installmentNo, previousDefaults, java.util.Map.of());
    }

    /** A borrower's contact record with no country, work e-mail or preferred hours. */
    public static Contact contact(String borrowerId, String name, String locale, String timeZone, String phone,
                                  String email, String pushToken, String postalAddress, Set<String> optedOut) {
        return new Contact(borrowerId, name, locale, timeZone, phone, email, pushToken, postalAddress, optedOut, null,
                false, null, "borrower", null, java.util.Map.of());
    }

    /** A person's contact record with every field but the pass-through columns. */
    public static Contact person(String borrowerId, String name, String locale, String timeZone, String phone,
                                 String email, String pushToken, String postalAddress, Set<String> optedOut,
                                 String country, boolean emailIsWork, String preferredHours, String role,
                                 String partyId) {
        return new Contact(borrowerId, name, locale, timeZone, phone, email, pushToken, postalAddress, optedOut,
                country, emailIsWork, preferredHours, role, partyId, java.util.Map.of());
    }

    public static Ladder ladder(String id, List<String> products, List<String> segments, List<LadderStep> steps) {
        return new Ladder(id, products, segments, steps, Condition.ALWAYS, io.dunninghub.ledger.NoticeScope.INSTALLMENT);
    }

    public static LadderStep step(String id, DpdRange dpd, Integer everyDays, List<LadderStep.StepChannel> channels) {
        return new LadderStep(id, dpd, everyDays, channels, Condition.ALWAYS, false, List.of());
    }

    public static Decision.Send send(Instant notBefore, String deferredBy, String zone) {
        return new Decision.Send(notBefore, deferredBy, zone, null);
    }

    /** A notice about one installment, as the planner drafts it. */
    public static io.dunninghub.ledger.NoticeDraft draft(String dedupeKey, String installmentId, String loanId,
                                                        String borrowerId, String ladderId, String stepId, int cycle,
                                                        String channel, String audience, String template,
                                                        io.dunninghub.ledger.NoticeStatus status, String reason,
                                                        String deferredBy, String detail, Instant notBefore) {
        return new io.dunninghub.ledger.NoticeDraft(dedupeKey, installmentId, loanId, borrowerId, ladderId, stepId,
                cycle, channel, audience, template, status, reason, deferredBy, detail, notBefore,
                io.dunninghub.ledger.NoticeScope.INSTALLMENT, List.of(installmentId));
    }

    /** A claimed notice about one installment. */
    public static io.dunninghub.ledger.ClaimedNotice claimed(String id, String dedupeKey, String installmentId,
                                                            String loanId, String borrowerId, String stepId, int cycle,
                                                            String channel, String audience, String template,
                                                            int attempts, boolean leaseWasExpired, String ladderId) {
        return new io.dunninghub.ledger.ClaimedNotice(id, dedupeKey, installmentId, loanId, borrowerId, stepId, cycle,
                channel, audience, template, attempts, leaseWasExpired, ladderId,
                io.dunninghub.ledger.NoticeScope.INSTALLMENT, List.of(installmentId));
    }

    /** Letters on A4. */
    public static LetterPdfWriter letterPdf(Path font) {
        return new LetterPdfWriter(font, "A4");
    }
}
