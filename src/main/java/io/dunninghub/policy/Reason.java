package io.dunninghub.policy;

import java.util.List;

/** Reason codes the policy writes to the ledger; preview, the summary and the audit show them as they are. */
public final class Reason {
    // deferrals: the notice waits for the next instant the rule allows
    public static final String QUIET_HOURS = "QUIET_HOURS";
    public static final String HOLIDAY = "HOLIDAY";
    public static final String CAP_DAY = "CAP_DAY";
    public static final String CAP_WEEK = "CAP_WEEK";
    public static final String COOL_DOWN = "COOL_DOWN";
    public static final String PROMISE_TO_PAY = "PROMISE_TO_PAY";
    public static final String UNKNOWN_TIMEZONE = "UNKNOWN_TIMEZONE";
    /** The step requires an earlier notice the ledger does not show yet (ladder.yaml requires:). */
    public static final String EVIDENCE_MISSING = "EVIDENCE_MISSING";
    /** The step waits for an earlier notice's outcome (ladder.yaml after:), e.g. the call's result. */
    public static final String OUTCOME_PENDING = "OUTCOME_PENDING";
    // suppressions: the notice is never sent
    public static final String OPTED_OUT = "OPTED_OUT";
    public static final String LEGAL_HOLD = "LEGAL_HOLD";
    public static final String NO_ADDRESS = "NO_ADDRESS";
    public static final String INVALID_ADDRESS = "INVALID_ADDRESS";
    public static final String WORK_EMAIL = "WORK_EMAIL";
    public static final String THIRD_PARTY = "THIRD_PARTY";
    public static final String NO_CONTACT = "NO_CONTACT";
    /** The core record holds control characters (a CR/LF in an e-mail address): refused where it is read. */
    public static final String INVALID_CONTACT_DATA = "INVALID_CONTACT_DATA";
    public static final String PAID = "PAID";
    public static final String SUPERSEDED = "SUPERSEDED";
    /** A condition of the step on the debt's history does not hold (ladder.yaml if: / unless: / after:). */
    public static final String CONDITION_NOT_MET = "CONDITION_NOT_MET";

    public static final List<String> DEFERRALS = List.of(QUIET_HOURS, HOLIDAY, CAP_DAY, CAP_WEEK, COOL_DOWN,
            PROMISE_TO_PAY, UNKNOWN_TIMEZONE, EVIDENCE_MISSING, OUTCOME_PENDING);

    private Reason() {
    }
}
