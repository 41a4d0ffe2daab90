package io.dunninghub.cli;

/**
 * A value on the command line that the command cannot read (a date that is not a date, an option that needs
 * another): one line {@code error: <message> (see '<command> --help')}, exit {@link ExitCodes#USAGE}.
 */
final class UsageError extends RuntimeException {

    UsageError(String message) {
        super(message);
    }
}
