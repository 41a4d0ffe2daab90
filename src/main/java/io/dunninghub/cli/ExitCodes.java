package io.dunninghub.cli;

/** What a command's exit status means; the reference lists them (docs/reference/cli.md). */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The command could not do what was asked (a bad option value, a record that does not exist, …). */
    public static final int ERROR = 1;
    /** The configuration is wrong; each problem is printed as {@code config error: <file>: <key>: <problem>}. */
    public static final int CONFIG = 2;

    private ExitCodes() {
    }
}
