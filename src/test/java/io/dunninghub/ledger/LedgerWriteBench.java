package io.dunninghub.ledger;

import io.dunninghub.support.TestData;
import io.dunninghub.support.Outcomes;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.support.ProcessCpu;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's hot writes on PostgreSQL, row-at-a-time batches against one array-bound statement per table:
 * {@code plan} of new notices, {@code plan} of notices already planned (a daily re-scan), and {@code record} of
 * claimed notices. Reports wall time and the CPU of this thread and of its own PostgreSQL server (children
 * of its postmaster only), which a machine shared with other work disturbs much less than wall time.
 *
 * <pre>
 * mvn -q -B test-compile && mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.dunninghub.ledger.LedgerWriteBench [installments] [rounds]
 * </pre>
 */
public final class LedgerWriteBench {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LedgerWriteBench() {
    }

    public static void main(String[] args) throws Exception {
        int installments = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path data = Files.createTempDirectory("ledger-write-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "256MB").start()) {
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            List<List<NoticeDraft>> chunks = chunks(installments);
            System.out.printf("%d installments, %d notices in chunks of 1,000 installments; record in batches of 500%n",
                    installments, chunks.stream().mapToInt(List::size).sum());
            System.out.println("| round | path | phase | wall ms | JVM thread CPU ms | PostgreSQL CPU ms |");
            System.out.println("|---:|---|---|---:|---:|---:|");
            int db = 0;
            for (int r = 1; r <= rounds; r++) {
                for (boolean bulk : r % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    String name = "writes_" + (++db);
                    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + name);
                    }
                    HikariConfig hc = new HikariConfig();
                    hc.setJdbcUrl(pg.getJdbcUrl("postgres", name));
                    hc.setMaximumPoolSize(2);
                    try (HikariDataSource ds = new HikariDataSource(hc)) {
                        io.dunninghub.ledger.LedgerSchema.migrate(ds);
                        Ledger ledger = new Ledger(ds, "bench", bulk);
                        String path = bulk ? "one statement per table" : "row at a time";
                        Meter m = new Meter(postmaster);
                        for (List<NoticeDraft> chunk : chunks) {
                            ledger.plan(chunk, NOW);
                        }
                        m.print(r, path, "plan, all new");
                        m = new Meter(postmaster);
                        for (List<NoticeDraft> chunk : chunks) {
                            ledger.plan(chunk, NOW);
                        }
                        m.print(r, path, "plan, all already planned");
                        m = new Meter(postmaster);
                        m.pause();
                        List<ClaimedNotice> claimed;
                        while (!(claimed = ledger.claimDue(NOW, 500, Duration.ofMinutes(5))).isEmpty()) {
                            List<NoticeOutcome> sent = new ArrayList<>();
                            for (ClaimedNotice n : claimed) {
                                sent.add(Outcomes.of(n.id(), NoticeStatus.SENT, "SENT", null, null, "sms-a",
                                        "SM" + n.id().substring(0, 8), "+86***1234", true, null, 1));
                            }
                            m.resume();
                            ledger.record(sent, NOW);
                            m.pause();
                        }
                        m.print(r, path, "record (claims not counted)");
                    }
                }
            }
        }
    }

    private static List<List<NoticeDraft>> chunks(int installments) {
        List<List<NoticeDraft>> out = new ArrayList<>();
        List<NoticeDraft> chunk = new ArrayList<>();
        for (int i = 0; i < installments; i++) {
            String inst = "INST-" + i;
            String borrower = "B-" + (i / 2);
            // as the benchmark's ladder: 1.8 notices per installment, some deferred by quiet hours, a few suppressed
            String[] channels = i % 5 == 0 ? new String[] {"sms", "push", "email"}
                    : i % 5 < 3 ? new String[] {"email", "sms"} : new String[] {"sms"};
            for (String ch : channels) {
                boolean suppressed = i % 50 == 7;
                boolean deferred = !suppressed && i % 10 == 3;
                chunk.add(TestData.draft(DedupeKey.of(inst, "formal", ch, "borrower", 0), inst, "L-" + i, borrower,
                        "default", "formal", 0, ch, "borrower", "overdue_formal",
                        suppressed ? NoticeStatus.SUPPRESSED : NoticeStatus.PLANNED, suppressed ? "LEGAL_HOLD" : null,
                        deferred ? "QUIET_HOURS" : null, null, deferred ? NOW.plusSeconds(3600) : NOW.minusSeconds(60)));
            }
            if ((i + 1) % 1000 == 0 || i == installments - 1) {
                out.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        return out;
    }

    /** Wall time, this thread's CPU and the PostgreSQL server's CPU while running (between pause and resume). */
    private static final class Meter {
        private final long postmaster;
        private long wall;
        private long thread;
        private long server;
        private long wallFrom = System.nanoTime();
        private long threadFrom = THREADS.getCurrentThreadCpuTime();
        private long serverFrom;

        Meter(long postmaster) {
            this.postmaster = postmaster;
            this.serverFrom = serverCpuMillis();
        }

        void pause() {
            wall += System.nanoTime() - wallFrom;
            thread += THREADS.getCurrentThreadCpuTime() - threadFrom;
            server += serverCpuMillis() - serverFrom;
        }

        void resume() {
            wallFrom = System.nanoTime();
            threadFrom = THREADS.getCurrentThreadCpuTime();
            serverFrom = serverCpuMillis();
        }

        void print(int round, String path, String phase) {
            pause();
            System.out.printf("| %d | %s | %s | %,d | %,d | %,d |%n", round, path, phase, wall / 1_000_000,
                    thread / 1_000_000, server);
        }

        /** utime + stime of the postmaster and its live children, plus the postmaster's exited children. */
        private long serverCpuMillis() {
            List<ProcessCpu> all = ProcessCpu.all();
            if (all == null) {
                return -1;
            }
            return all.stream().mapToLong(p -> p.pid() == postmaster ? p.ownTicks() + p.childTicks()
                    : p.parent() == postmaster ? p.ownTicks() : 0).sum() * ProcessCpu.MILLIS_PER_TICK;
        }
    }
}
