package io.dunninghub.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code remove} subcommand of hold, promise and optout: the record stays, marked with who removed it
 * and why, so the audit trail keeps what was in force when.
 */
abstract class PolicyRecordRemoval implements Callable<Integer> {

    @Mixin
    CommonOptions options;
    @Option(names = "--id", required = true, description = "Record id (see the list subcommand)")
    long id;
    @Mixin
    Attribution why;

    private final String table;
    private final String noun;
    private final String done;

    PolicyRecordRemoval(String table, String noun, String done) {
        this.table = table;
        this.noun = noun;
        this.done = done;
    }

    @Override
    public Integer call() throws Exception {
        try (PolicyTables tables = new PolicyTables(options)) {
            if (!tables.store().remove(table, id, why.by, why.reason, tables.now())) {
                System.err.println("error: no active " + noun + " #" + id);
                return 1;
            }
            System.out.printf("%s #%d %s%n", noun, id, done);
        }
        return 0;
    }
}
