package io.dunninghub.outcome;

import io.dunninghub.ledger.ContactOutcome;
import io.dunninghub.ledger.OutcomeBook;
import io.dunninghub.ledger.OutcomeKind;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * An outcome an operator records ({@code outcome add}, {@code POST /admin/outcomes}): about a notice, or about a
 * borrower (and a loan) when no notice is at hand, e.g. a call made outside the hub. It has the same effects as
 * one reported by its source; each entry is recorded (an operator's entries have no source id to repeat).
 */
public final class OperatorOutcomes {

    /** Everything an operator can record (not the legacy {@code conversation}). */
    public static final Set<OutcomeKind> KINDS = EnumSet.copyOf(Arrays.stream(OutcomeKind.values())
            .filter(k -> k != OutcomeKind.CONVERSATION).toList());

    /** The notice named is not in the ledger. */
    public static final class UnknownNotice extends IllegalArgumentException {
        UnknownNotice(String id) {
            super("no notice '" + id + "' in the ledger");
        }
    }

    /**
     * @param notice  the notice it answers, or null with a borrower
     * @param at      when it happened; null = now
     * @param source  {@code cli:<by>} or {@code admin:<by>}
     */
    public record Request(String notice, String borrower, String loan, String outcome, Instant at,
                          LocalDate promisedDate, BigDecimal promisedAmount, String note, String source) {
    }

    private OperatorOutcomes() {
    }

    /** The outcome as it will be recorded, checked; for the CLI to check before it opens the core database too. */
    public static ContactOutcome outcome(OutcomeIntake intake, Request r) throws SQLException {
        if (r.outcome() == null || r.outcome().isBlank()) {
            throw new IllegalArgumentException("outcome is required (" + OutcomeKind.labels() + ")");
        }
        OutcomeKind kind = CallResults.kind(r.outcome(), KINDS);
        if (kind == OutcomeKind.PROMISE_TO_PAY && r.promisedDate() == null) {
            throw new IllegalArgumentException("promise-to-pay needs the promised date");
        }
        if (kind != OutcomeKind.PROMISE_TO_PAY && (r.promisedDate() != null || r.promisedAmount() != null)) {
            throw new IllegalArgumentException("a promised date or amount goes only with promise-to-pay");
        }
        Instant at = r.at() == null ? intake.clock().instant() : r.at();
        if (r.notice() != null) {
            OutcomeBook.NoticeRef n = intake.book().notice(r.notice()).orElseThrow(() -> new UnknownNotice(r.notice()));
            if (r.borrower() != null && !r.borrower().equals(n.borrowerId())
                    || r.loan() != null && !r.loan().equals(n.loanId())) {
                throw new IllegalArgumentException("notice " + n.id() + " is about borrower " + n.borrowerId()
                        + (n.loanId() == null ? "" : " loan " + n.loanId()) + ", not the borrower or loan given");
            }
            return new ContactOutcome(n.id(), n.borrowerId(), n.loanId(), n.audience(), n.channel(), kind, at,
                    r.source(), null, r.promisedDate(), r.promisedAmount(), r.note());
        }
        if (r.borrower() == null || r.borrower().isBlank()) {
            throw new IllegalArgumentException("give a notice, or a borrower (and a loan)");
        }
        return new ContactOutcome(null, r.borrower(), r.loan(), "borrower", channelOf(kind), kind, at, r.source(),
                null, r.promisedDate(), r.promisedAmount(), r.note());
    }

    public static OutcomeIntake.Taken record(OutcomeIntake intake, Request r) throws SQLException {
        return intake.take(outcome(intake, r));
    }

    /** The channel an outcome recorded without a notice came back on. */
    static String channelOf(OutcomeKind kind) {
        return switch (kind) {
            case STOP, REPLY -> "sms";
            case UNSUBSCRIBED, BOUNCED, REJECTED -> "email";
            case TOKEN_DEAD -> "push";
            default -> "call";
        };
    }

}
