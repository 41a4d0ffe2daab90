package io.dunninghub.cli;

import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * Who made a change to the hub's policy records and why: kept with the record (and with its removal), so the
 * trail shows what was in force when and on whose word.
 */
final class Attribution {

    @Option(names = "--reason", required = true, description = "Why (recorded)")
    String reason;

    @Option(names = "--by", defaultValue = "${sys:user.name}", description = "Who (recorded; default: the OS user)")
    String by;

    /** The list suffix of a record that was removed, or nothing for one still in force. */
    static String removal(Instant removedAt, String removedBy, String removedReason) {
        return removedAt == null ? "" : " [removed by " + removedBy + ": " + removedReason + "]";
    }
}
