package io.dunninghub.cli;

import io.dunninghub.evidence.EvidencePackage;
import io.dunninghub.evidence.EvidenceVerifier;
import io.dunninghub.ledger.ContentKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evidence}: a package about a borrower or a loan a regulator or a court can read; {@code evidence verify}. */
@Command(name = "evidence", description = "Write an evidence package about a borrower (or one loan): a zip with a "
        + "PDF timeline, every message as sent, the letters with their tracking numbers and a manifest of SHA-256 "
        + "hashes; 'evidence verify FILE.zip' re-checks one.",
        subcommands = {EvidenceCommand.Verify.class})
public final class EvidenceCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--borrower", description = "Borrower id (required)")
    String borrower;

    @Option(names = "--loan", description = "Only this loan of the borrower (default: all of them)")
    String loan;

    @Option(names = "--out", paramLabel = "FILE.zip", description = "The package to write (required)")
    Path out;

    @Option(names = "--by", defaultValue = "${sys:user.name}", description = "Who asks for it (printed in the "
            + "package; default: the OS user)")
    String by;

    @Override
    public Integer call() throws Exception {
        if (borrower == null || borrower.isBlank() || out == null) {
            throw new UsageError("give --borrower and --out FILE.zip");
        }
        Path target = out.toAbsolutePath();
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new UsageError("--out: folder " + target.getParent() + " does not exist");
        }
        try (LedgerConnection ledger = new LedgerConnection(options)) {
            ledger.requireCurrent();
            ContentKeys keys = ledger.settings().evidenceKeys();
            EvidencePackage.Written w = new EvidencePackage(ledger.dataSource(), keys,
                    ledger.settings().letterPdf().baseFont()).write(borrower.strip(), loan, target, Instant.now(),
                    by);
            System.out.printf("%s: %d entries, %d messages (%d with content), %d letters%n", w.file(), w.entries(),
                    w.messages(), w.withContent(), w.letters());
            w.notes().forEach(n -> System.out.println("  note: " + n));
            System.out.println("manifest SHA-256 " + w.manifestSha256() + " (note it in the case file)");
        }
        return 0;
    }

    @Command(name = "verify", description = "Re-check an evidence package: every file against the manifest, every "
            + "message against the hash stored when it was sent; exit 1 on any difference.")
    static final class Verify implements Callable<Integer> {

        @Mixin
        CommonOptions options; // taken like every command's; a package is checked on its own, without the ledger

        @Parameters(paramLabel = "FILE.zip", description = "The package")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new UsageError(file + ": no such file");
            }
            EvidenceVerifier.Report r = EvidenceVerifier.verify(file);
            r.problems().forEach(p -> System.out.println("TAMPERED " + p));
            System.out.printf("%s: %d files, manifest SHA-256 %s: %s%n", file, r.files(), r.manifestSha256(),
                    r.ok() ? "intact" : r.problems().size() + " problems");
            return r.ok() ? 0 : ExitCodes.ERROR;
        }
    }
}
