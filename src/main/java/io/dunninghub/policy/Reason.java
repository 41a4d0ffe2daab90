package io.dunninghub.policy;

/** Reason codes the policy writes to the ledger; preview, the summary and the audit show them as they are. */
public final class Reason {
    public static final String QUIET_HOURS = "QUIET_HOURS";
    public static final String OPTED_OUT = "OPTED_OUT";
    public static final String NO_ADDRESS = "NO_ADDRESS";
    public static final String INVALID_ADDRESS = "INVALID_ADDRESS";
    public static final String UNKNOWN_TIMEZONE = "UNKNOWN_TIMEZONE";
    public static final String NO_CONTACT = "NO_CONTACT";
    public static final String PAID = "PAID";

    private Reason() {
    }
}
