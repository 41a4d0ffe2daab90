package io.dunninghub.architecture.backedge.scan;

import io.dunninghub.architecture.backedge.cli.Command;

/** A stage that imports the command line: what the layout rules must refuse. */
public final class Reader {

    public String name() {
        return Command.name();
    }
}
