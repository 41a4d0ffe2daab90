package io.dunninghub.cli;

import io.dunninghub.policy.AddressKey;
import io.dunninghub.policy.OptOuts;
import io.dunninghub.policy.PolicyStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code optout add|list|remove}: opt-outs per borrower or per address, per channel or from everything. */
@Command(name = "optout", description = "Opt-outs recorded in the hub: for a borrower or an address, one channel or "
        + "all; honoured by the next send-time check.",
        subcommands = {OptOutCommand.Add.class, OptOutCommand.ListOptOuts.class, OptOutCommand.Remove.class})
public final class OptOutCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "add", description = "Record an opt-out; notices are suppressed as OPTED_OUT.")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommonOptions options;
        @Option(names = "--borrower", description = "Borrower id (every address of the borrower)")
        String borrower;
        @Option(names = "--address", description = "A phone number or e-mail address (whoever it belongs to); stored only as a hash")
        String address;
        @Option(names = "--channel", description = "sms, email, push, letter, ... (default: every channel)")
        String channel;
        @Mixin
        Attribution why;

        @Override
        public Integer call() throws Exception {
            if (borrower == null && address == null) {
                throw new UsageError("give --borrower or --address");
            }
            if (address != null && channel == null) {
                throw new UsageError("an address opt-out needs --channel (the address is read as that channel's)");
            }
            try (PolicyTables tables = new PolicyTables(options)) {
                if (channel != null) {
                    channel = channel.strip().toLowerCase(java.util.Locale.ROOT);
                    if (!tables.channels().contains(channel)) {
                        throw new UsageError("--channel: unknown channel '" + channel + "' (known: "
                                + String.join(", ", tables.channels()) + ")");
                    }
                }
                if (address != null) {
                    String problem = AddressKey.problem(channel, address, tables.defaultPhoneRegion());
                    if (problem != null) {
                        throw new UsageError("--address: " + problem + " for channel " + channel);
                    }
                }
                if (borrower != null) {
                    tables.requireBorrower(borrower);
                }
                long id = tables.optOuts().record(borrower, channel, address, OptOuts.SOURCE_CLI, why.by, why.reason, tables.now());
                System.out.printf("opt-out #%d: %s from %s%n", id,
                        address != null ? PolicyStore.masked(channel,
                                AddressKey.normalisedAddress(channel, address, tables.defaultPhoneRegion()))
                                : "borrower " + borrower,
                        channel == null ? "every channel" : channel);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List opt-outs (active ones unless --all); addresses are shown masked.")
    static final class ListOptOuts implements Callable<Integer> {
        @Mixin
        CommonOptions options;
        @Option(names = "--borrower", description = "Borrower id")
        String borrower;
        @Option(names = "--address", description = "A phone number or e-mail address")
        String address;
        @Option(names = "--channel", defaultValue = "sms", description = "How to read --address (default: ${DEFAULT-VALUE})")
        String channel;
        @Option(names = "--all", description = "Include removed opt-outs")
        boolean all;

        @Override
        public Integer call() throws Exception {
            try (PolicyTables tables = new PolicyTables(options)) {
                String hash = address == null ? null : AddressKey.of(channel, address, tables.defaultPhoneRegion());
                List<PolicyStore.OptOutRow> rows = tables.store().optOuts(borrower, hash, all);
                System.out.printf("%-6s %-12s %-8s %-20s %-18s %-12s %s%n", "id", "borrower", "channel", "address", "source", "by", "reason");
                for (PolicyStore.OptOutRow r : rows) {
                    System.out.printf("%-6d %-12s %-8s %-20s %-18s %-12s %s%s%n", r.id(), r.borrowerId() == null ? "-" : r.borrowerId(),
                            r.channel() == null ? "(all)" : r.channel(), r.addressMasked() == null ? "(all)" : r.addressMasked(),
                            r.source(), r.createdBy(), r.reason(),
                            Attribution.removal(r.removedAt(), r.removedBy(), r.removedReason()));
                }
                System.out.printf("%d opt-outs%n", rows.size());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Withdraw an opt-out, e.g. the person opted in again (the record stays).")
    static final class Remove extends PolicyRecordRemoval {
        Remove() {
            super("opt_out", "opt-out", "removed");
        }
    }
}
