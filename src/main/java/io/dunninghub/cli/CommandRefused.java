package io.dunninghub.cli;

/**
 * What was asked cannot be done as asked (an unknown borrower, a date already past, a record that does not exist):
 * one line {@code error: <message>}, exit {@link ExitCodes#ERROR}, nothing written.
 */
final class CommandRefused extends RuntimeException {

    CommandRefused(String message) {
        super(message);
    }
}
