package io.dunninghub.faults;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dunninghub.support.HubDaemons;
import io.dunninghub.support.HubFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hub daemons, each its own JVM, on one PostgreSQL ledger, with 50,000 SMS notices for two Twilio-shaped
 * providers: a contract account with a rate the three share, and an overflow account that takes what the
 * contract's rate leaves (the router moves on when no token comes within {@code hub.dispatch.rate-wait-ms}).
 * So the contract's rate binds however fast or slow the machine is. Shows: the clustered scan runs on one
 * instance; every notice reaches a provider, once except the killed instance's window (claimed, sent, not yet recorded), bounded exactly;
 * all three instances send a real share; the contract's rate holds in total in every one-second window while
 * all three send through it; and when one instance is killed with SIGKILL mid-run, the other two take over its
 * claimed notices once its lease expires.
 */
@Slow
class ScaleOutTest {

    private static final int NOTICES = 50_000;
    /** The contract provider's rate; each instance alone goes faster than this on a loaded 2-core machine. */
    private static final int RATE = 100;
    private static final String CONTRACT = HubFixture.ACCOUNT_SID;
    private static final String OVERFLOW = "ACfedcba9876543210fedcba9876543210";
    private static final int BATCH = 200;
    /** Notices an instance holds claimed and not yet recorded at most: two batches. */
    private static final int WINDOW = 2 * BATCH;
    private static final int LEASE_SECONDS = 10; // the shortest the hub allows
    private static final List<String> INSTANCES = List.of("hub-a", "hub-b", "hub-c");

    @TempDir
    Path work;
    /** The daemons' logs, kept after the test for a look at what happened. */
    final Path logs = Path.of("target", "scale-out");
    HubFixture hub;
    TwilioSink sink;
    HubDaemons daemons;

    @AfterEach
    void stop() throws Exception {
        if (daemons != null) {
            daemons.close();
        }
        if (sink != null) {
            sink.close();
        }
        hub.close();
    }

    @Test
    void threeInstancesShareTheWorkTheRateAndTheScanAndFinishAKilledOnesWork() throws Exception {
        hub = new HubFixture(work);
        hub.smsOnlyLadder();
        sink = new TwilioSink();
        hub.writeProviders("""
                providers:
                  - name: twilio-contract
                    channel: sms
                    adapter: twilio
                    priority: 1
                    rate: %d/s
                    options: { base-url: "%s", account-sid: "%s", auth-token: "{{twilio.auth-token}}", from: "+15005550006", default-region: CN }
                  - name: twilio-overflow
                    channel: sms
                    adapter: twilio
                    priority: 2
                    options: { base-url: "%s", account-sid: "%s", auth-token: "{{twilio.auth-token}}", from: "+15005550007", default-region: CN }
                """.formatted(RATE, sink.baseUrl(), CONTRACT, sink.baseUrl(), OVERFLOW));
        hub.writeProperties(Map.of(
                "hub.dispatch.lease-seconds", String.valueOf(LEASE_SECONDS),
                "hub.dispatch.batch-size", String.valueOf(BATCH),
                "hub.dispatch.window", String.valueOf(WINDOW),
                "hub.dispatch.threads", "8",
                // the contract's token if one is there, else the overflow account at once: one token transaction per
                // notice (waiting 20 ms used more of the rate but cost a third more time in polling transactions)
                "hub.dispatch.rate-wait-ms", "1",
                "hub.scan.chunk-size", "1000",
                "hub.http.enabled", "false",
                // the scan runs when the test fires it through the cluster, not on each instance's start
                "hub.scan.on-startup", "false",
                "hub.scan.cron", "0 0 3 1 1 ?"));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        HubFixture.bulkBorrowers(hub.core, 7, NOTICES, today);

        daemons = new HubDaemons(hub.configDir, logs);
        long started = System.nanoTime();
        for (String name : INSTANCES) {
            daemons.start(name);
        }
        // every instance has joined the scan's cluster (three JVMs starting at once on two busy cores)
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
            daemons.assertAlive();
            return tableExists("qrtz_scheduler_state") && hub.ledgerCount("SELECT COUNT(*) FROM qrtz_scheduler_state") == 3;
        });
        long joined = System.nanoTime();
        HubDaemons.fireScanThroughTheCluster(hub.ledger);

        // SIGKILL one instance while it holds claimed notices, once about 45 % are sent: one that is not scanning,
        // so that the scan's single run stays observable (a scan cut short by its instance dying runs again elsewhere)
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(250)).until(() ->
                hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'PLANNED'") > 0);
        String scanner = noticeIds("SELECT DISTINCT instance_id FROM notice_event WHERE event_type = 'PLANNED'").iterator().next();
        String victim = INSTANCES.stream().filter(i -> !i.equals(scanner)).reduce((x, y) -> y).orElseThrow();
        List<String> survivors = INSTANCES.stream().filter(i -> !i.equals(victim)).toList();
        Process killed = daemons.get(victim);
        // scan and dispatch take about 90 s on a shared 2-core machine, 300 s with every core busy besides: the limits
        // below only say when to give up
        await().atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofMillis(250)).until(() -> sent() >= NOTICES * 45 / 100);
        // The victim must hold claimed notices when it dies. Between two dispatch rounds it holds none, and a check
        // followed by a kill could fall into that gap on a slow machine: so freeze it first (SIGSTOP), look, and kill
        // it frozen, or let it go on (SIGCONT) and look again.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            signal("STOP", killed);
            Thread.sleep(200); // what it sent before it stopped has reached the ledger
            if (hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'CLAIMED' AND lease_owner = '" + victim + "'") > 0) {
                return true;
            }
            signal("CONT", killed);
            return false;
        });
        killed.destroyForcibly();
        assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(killed.exitValue()).isEqualTo(137);
        Set<String> heldByKilled = noticeIds("SELECT id FROM notice WHERE status = 'CLAIMED' AND lease_owner = '" + victim + "'");
        // an instance holds at most its window claimed and not yet recorded
        assertThat(heldByKilled).as("notices the killed instance held").isNotEmpty().hasSizeLessThanOrEqualTo(WINDOW);

        await().atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofMillis(250)).until(() -> sent() == NOTICES);
        long finished = System.nanoTime();
        for (String name : survivors) {
            daemons.get(name).destroy();
            assertThat(daemons.get(name).waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // the ledger: every notice SENT, once
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice")).isEqualTo(NOTICES);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'SENT'")).isEqualTo(NOTICES);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type NOT IN ('PLANNED', 'SENT', 'LEASE_EXPIRED')")).isZero();

        // one scan, on one instance, for the whole cluster
        assertThat(noticeIds("SELECT DISTINCT instance_id FROM notice_event WHERE event_type = 'PLANNED'")).containsExactly(scanner);
        int scans = 0;
        for (String name : INSTANCES) {
            scans += (int) daemons.logLines(name, "scan: ", "installments read");
        }
        assertThat(scans).as("scans run across the three instances").isEqualTo(1);

        // the sink: every borrower's SMS arrived; a repeat only for a notice the killed instance held
        Set<String> expected = new HashSet<>();
        for (int g = 1; g <= NOTICES; g++) {
            expected.add("+861387" + String.format("%07d", g));
        }
        assertThat(sink.byRecipient.keySet()).as("recipients at the provider").isEqualTo(expected);
        Set<String> phonesHeld = new HashSet<>();
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT n.borrower_id FROM notice n JOIN notice_event e ON e.notice_id = n.id WHERE e.event_type = 'LEASE_EXPIRED'")) {
            while (rs.next()) {
                phonesHeld.add("+861387" + String.format("%07d", Integer.parseInt(rs.getString(1).substring(3))));
            }
        }
        List<String> repeated = sink.repeated();
        assertThat(phonesHeld).as("reclaimed after the lease expired").hasSize(heldByKilled.size());
        assertThat(repeated).as("sent twice: only notices in flight when the instance died").isSubsetOf(phonesHeld);
        // sent and not yet recorded when it died: within its window
        assertThat(repeated).as("crash duplicate bound").hasSizeLessThanOrEqualTo(WINDOW);
        assertThat(sink.byRecipient.values().stream().mapToInt(n -> n.get()).max().orElseThrow()).isLessThanOrEqualTo(2);
        assertThat(sink.requests.get()).isEqualTo(NOTICES + repeated.size());

        // the killed instance's notices were finished by the others
        String others = "('" + String.join("', '", survivors) + "')";
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'LEASE_EXPIRED' AND instance_id IN " + others))
                .isEqualTo(heldByKilled.size());
        assertThat(noticeIds("SELECT notice_id FROM notice_event WHERE event_type = 'SENT' AND instance_id IN " + others))
                .containsAll(heldByKilled);

        // work spread over all three
        Map<String, Integer> sentBy = new HashMap<>();
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT instance_id, COUNT(*) FROM notice_event WHERE event_type = 'SENT' GROUP BY instance_id")) {
            while (rs.next()) {
                sentBy.put(rs.getString(1), rs.getInt(2));
            }
        }
        assertThat(sentBy.keySet()).containsExactlyInAnyOrderElementsOf(INSTANCES);
        sentBy.forEach((name, n) -> assertThat(n).as("sent by %s", name).isGreaterThanOrEqualTo(NOTICES / 20));

        // all three sent through the contract account ...
        Map<String, Integer> contractBy = new HashMap<>();
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT e.instance_id, COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id "
                     + "WHERE e.event_type = 'SENT' AND n.provider = 'twilio-contract' GROUP BY e.instance_id")) {
            while (rs.next()) {
                contractBy.put(rs.getString(1), rs.getInt(2));
            }
        }
        assertThat(contractBy.keySet()).containsExactlyInAnyOrderElementsOf(INSTANCES);
        contractBy.forEach((name, n) -> assertThat(n).as("sent by %s through the contract", name).isGreaterThanOrEqualTo(RATE));
        // ... and its rate held in total, in every one-second window at the provider
        List<Long> times = new ArrayList<>(sink.arrivals.get(CONTRACT));
        times.sort(null);
        int busiest = 0;
        for (int i = 0, j = 0; i < times.size(); i++) {
            while (j < times.size() && times.get(j) < times.get(i) + 1000) {
                j++;
            }
            busiest = Math.max(busiest, j - i);
        }
        System.out.printf("scale-out: %d notices by %s (scanned by %s, %s killed; through the contract %s, overflow %d); start-up %.1f s, scan + dispatch %.1f s;"
                + " busiest second at the contract %d (rate %d/s); %d sent twice of %d held by the killed instance%n",
                NOTICES, sentBy, scanner, victim, contractBy, sink.arrivals.get(OVERFLOW).size(), (joined - started) / 1e9, (finished - joined) / 1e9,
                busiest, RATE, repeated.size(), heldByKilled.size());
        // at least half the rate in the busiest second: the three really pressed on the limit (a token that refills
        // while no worker asks is not kept, burst being 1; 74 to 86 were seen on a shared 2-core machine)
        assertThat(busiest).as("most requests in any one second").isLessThanOrEqualTo(RATE).isGreaterThanOrEqualTo(RATE / 2);
    }

    private int sent() throws Exception {
        int sent = hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'");
        if (System.nanoTime() - lastProgress > 5_000_000_000L) {
            lastProgress = System.nanoTime();
            System.out.printf("scale-out: %d notices planned, %d sent, %d requests at the provider%n",
                    hub.ledgerCount("SELECT COUNT(*) FROM notice"), sent, sink.requests.get());
        }
        return sent;
    }

    private long lastProgress;

    private Set<String> noticeIds(String sql) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = hub.ledger.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private boolean tableExists(String table) throws Exception {
        return hub.ledgerCount("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '" + table + "'") == 1;
    }

    private static void signal(String name, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %d", name, p.pid()).isTrue();
    }
}
