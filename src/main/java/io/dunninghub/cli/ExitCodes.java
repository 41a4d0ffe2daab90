package io.dunninghub.cli;

/** What a command's exit status means; the reference lists them (docs/reference/cli.md). */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The command could not do what was asked (a bad option value, a record that does not exist, …). */
    public static final int ERROR = 1;
    /** The configuration is wrong; each problem is printed as {@code config error: <file>: <key>: <problem>}. */
    public static final int CONFIG = 2;
    /**
     * The command line cannot be read: an unknown option, a missing one, or a value that is not what the option takes
     * (a date, a number); one line {@code error: <problem> (see '<command> --help')}. The same code as a
     * configuration problem: in both cases nothing was done.
     */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
