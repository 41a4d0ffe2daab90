package io.dunninghub.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * How every source hands installments to the planner: in chunks of up to {@code chunkSize} that never end inside a
 * run of one borrower's rows, with a progress line every {@code progressEvery} rows read, and a warning once when a
 * borrower comes back after their chunk was handed on (the rows do not arrive grouped by borrower). The SQL scan and
 * a route-fed source share it, so both chunk and report alike.
 */
final class ChunkedRows {

    /** How many handed-on chunks the order check remembers. */
    private static final int RECENT_CHUNKS = 16;

    private final int chunkSize;
    private final long progressEvery;
    private final Consumer<List<Installment>> onChunk;
    private final Logger log;
    private final String source;
    private final String fix;
    private final long start = System.nanoTime();
    private List<Installment> chunk;
    // the borrowers of the last chunks handed on: one of them again means the source scatters a borrower's rows
    // (bounded, so a scan of millions keeps its memory flat)
    private final ArrayDeque<Set<String>> handedOn = new ArrayDeque<>();
    private boolean unordered;
    private long rows;
    private long bad;

    /**
     * @param source what the rows come from, for the warning ("hub.scan.sql")
     * @param fix    what to change so a borrower's rows arrive together, for the warning
     */
    ChunkedRows(int chunkSize, long progressEvery, Consumer<List<Installment>> onChunk, Logger log, String source,
                String fix) {
        this.chunkSize = chunkSize;
        this.progressEvery = progressEvery;
        this.onChunk = onChunk;
        this.log = log;
        this.source = source;
        this.fix = fix;
        this.chunk = new ArrayList<>(chunkSize);
    }

    /** Counts one row read (good or bad) and logs progress; returns its number, 1-based. */
    long read() {
        rows++;
        if (progressEvery > 0 && rows % progressEvery == 0) {
            double secs = (System.nanoTime() - start) / 1e9;
            log.info("scan: {} rows read, {} rows/s", rows, Math.round(rows / Math.max(secs, 0.001)));
        }
        return rows;
    }

    void bad() {
        bad++;
    }

    void add(Installment next) {
        if (chunk.size() >= chunkSize && !next.borrowerId().equals(chunk.get(chunk.size() - 1).borrowerId())) {
            handedOn.addLast(borrowers(chunk));
            if (handedOn.size() > RECENT_CHUNKS) {
                handedOn.removeFirst();
            }
            onChunk.accept(chunk);
            chunk = new ArrayList<>(chunkSize);
        }
        if (!unordered && handedOn.stream().anyMatch(b -> b.contains(next.borrowerId()))) {
            unordered = true;
            log.warn("scan: {} does not return a borrower's installments together; a loan's notice may then cover "
                    + "only some of its overdue installments ({})", source, fix);
        }
        chunk.add(next);
    }

    /** Hands on the last chunk and returns the counts. */
    InstallmentScanner.ScanStats finish() {
        if (!chunk.isEmpty()) {
            onChunk.accept(chunk);
            chunk = new ArrayList<>(chunkSize);
        }
        return stats();
    }

    InstallmentScanner.ScanStats stats() {
        return new InstallmentScanner.ScanStats(rows, bad, (System.nanoTime() - start) / 1_000_000, unordered);
    }

    private static Set<String> borrowers(List<Installment> chunk) {
        Set<String> ids = new HashSet<>();
        chunk.forEach(i -> ids.add(i.borrowerId()));
        return ids;
    }
}
