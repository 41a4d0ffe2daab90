package io.dunninghub.architecture.backedge.cli;

/** A command, which a stage must never import. */
public final class Command {

    public static String name() {
        return "scan";
    }
}
