package io.dunninghub.cli;

import io.dunninghub.config.HubSettings;
import io.dunninghub.ledger.ArchiveAge;
import io.dunninghub.ledger.LedgerArchive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger archive}: the ledger's own upkeep, by hand. */
@Command(name = "ledger", description = "Upkeep of the hub's ledger: move finished notices to the archive.",
        subcommands = {LedgerCommand.Archive.class})
public final class LedgerCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** How often a long run prints how far it has got. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Command(name = "archive", description = {"Move finished notices (SENT, FAILED, DEAD, SUPPRESSED, CANCELLED) last "
            + "changed more than N days ago, with their events, from the live ledger to the archive tables, in batches "
            + "of hub.retention.archive-batch (one transaction each), as the daily retention job does. Several instances "
            + "may run it at once; stopping it leaves nothing half-moved, and running it again moves what is left. "
            + "The audit, the evidence package, the console's timeline and erasure still show archived notices; the "
            + "dispatch queue, the caps and the history ladders read do not.",
            "Prints a progress line every 5 s and a summary line at the end."})
    static final class Archive implements Callable<Integer> {

        @Mixin
        CommonOptions options;

        @Option(names = "--older-than-days", paramLabel = "N", description = "Move notices finished more than N days "
                + "ago (default: hub.retention.archive-after-days); not fewer than that, which is the history the hub reads")
        Integer days;

        @Option(names = "--at", paramLabel = "TIME", description = "Count the days back from this instant, e.g. "
                + "2026-11-23T03:30+08:00 (default: now), as run --once --at does; archived_at is stamped from it")
        OffsetDateTime at;

        @Option(names = "--batch", paramLabel = "N", description = "Notices per transaction (default: hub.retention.archive-batch)")
        Integer batch;

        @Option(names = "--dry-run", description = "Count what would move and change nothing")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            if (days != null && days < 1) {
                throw new UsageError("--older-than-days must be at least 1, not " + days);
            }
            if (batch != null && (batch < 1 || batch > 100_000)) {
                throw new UsageError("--batch must be from 1 to 100000, not " + batch);
            }
            try (LedgerConnection ledger = new LedgerConnection(options)) {
                ledger.requireCurrent();
                HubSettings settings = ledger.settings();
                ArchiveAge configured = settings.archiveAge();
                if (!configured.archives()) {
                    throw new CommandRefused("hub.retention.archive-after-days is 0 (never archive), so the whole "
                            + "ledger is the history the hub reads: set it (" + settings.file() + ") before archiving");
                }
                int olderThan = days == null ? (int) configured.days() : days;
                if (olderThan < configured.days()) {
                    throw new CommandRefused("--older-than-days " + olderThan + " is less than "
                            + "hub.retention.archive-after-days (" + configured.days() + "): the history ladders and "
                            + "templates read would lose notices of the last " + configured.days() + " days");
                }
                int size = batch == null ? settings.archiveBatch() : batch;
                Clock clock = at == null ? Clock.systemUTC()
                        : Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at.toInstant()));
                Instant cutoff = clock.instant().minus(Duration.ofDays(olderThan)).truncatedTo(ChronoUnit.SECONDS);
                LedgerArchive archive = new LedgerArchive(ledger.dataSource(), clock);
                if (dryRun) {
                    LedgerArchive.Pending p = archive.pending(cutoff);
                    LedgerArchive.Size held = archive.archivedNotices();
                    System.out.printf(Locale.ROOT, "dry run: %,d notices with %,d events finished before %s would move "
                                    + "to the archive (%,d %s of %,d); the archive holds %s%,d notices%n",
                            p.notices(), p.events(), cutoff, (p.notices() + size - 1) / size,
                            (p.notices() + size - 1) / size == 1 ? "batch" : "batches", size,
                            held.estimated() ? "about " : "", held.notices());
                    return ExitCodes.OK;
                }
                long[] lastPrint = {System.nanoTime()};
                LedgerArchive.Result r = archive.archive(cutoff, size, soFar -> {
                    if (System.nanoTime() - lastPrint[0] >= PROGRESS_EVERY.toNanos()) {
                        lastPrint[0] = System.nanoTime();
                        System.out.printf(Locale.ROOT, "archiving: %,d notices, %,d events so far (%,.0f notices/s)%n",
                                soFar.notices(), soFar.events(), soFar.rate());
                    }
                });
                System.out.printf(Locale.ROOT, "archived %s; finished before %s%n", r.summary(), cutoff);
            }
            return ExitCodes.OK;
        }
    }
}
