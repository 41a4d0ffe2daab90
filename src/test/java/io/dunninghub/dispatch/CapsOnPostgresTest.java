package io.dunninghub.dispatch;

import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.support.TestData;
import io.dunninghub.support.Slow;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.contact.Contact;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.ContactLog;
import io.dunninghub.ledger.DedupeKey;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.ledger.NoticeStatus;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.policy.Caps;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.ContactWindow;
import io.dunninghub.policy.Holidays;
import io.dunninghub.policy.Jurisdiction;
import io.dunninghub.policy.OptOuts;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.policy.Standing;
import io.dunninghub.policy.StopKeywords;
import io.dunninghub.scan.Installment;
import io.dunninghub.support.HubFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caps on a real PostgreSQL ledger: counted over every debt of a borrower and over the notices of one dispatch
 * batch, and exact when two instances check the same borrower at the same moment. Opt-outs recorded after a
 * notice was planned are honoured when it is sent.
 */
@Slow
class CapsOnPostgresTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String NO_CAPS = """
            contact-windows: { default: always }
            time-zone: { by-phone-region: { CN: Asia/Shanghai } }
            phone: { default-region: CN }
            """;
    private static final String CAPS = NO_CAPS + "caps: { borrower: { day: { all: 4, sms: 1 } } }\n";

    @TempDir
    Path work;
    HubFixture hub;
    LocalDate today;
    /** The test's "now" (the hub runs on a fixed clock): its minutes all fall on {@link #today} in Shanghai. */
    Instant now;

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        // Caps count per day: a test started just before midnight in Shanghai would see its "later the same day"
        // fall on the next. So "now" is real time, or five minutes before that midnight if it is closer.
        Instant real = Instant.now();
        Instant midnight = LocalDate.ofInstant(real, SHANGHAI).plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        now = real.isAfter(midnight.minus(Duration.ofMinutes(5))) ? midnight.minus(Duration.ofMinutes(5)) : real;
        today = LocalDate.ofInstant(now, SHANGHAI);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubDaemon app(Instant at) {
        return new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), false, Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void capsCountBothDebtsOfTheBorrowerAndEveryNoticeOfTheBatch() throws Exception {
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zw@example.com", "tok-1", false, 2, today, false);
        hub.loan("B1", "2", 3, today);
        // planned under a policy without caps: all six notices (two loans x sms, push, e-mail) are due now
        hub.writePolicyYaml(NO_CAPS);
        try (HubDaemon app = app(now)) {
            app.start().planningPass().run(now);
        }
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND status = 'PLANNED' AND reason IS NULL")).isEqualTo(6);
        // the caps apply when they are sent, all six in one batch
        hub.writePolicyYaml(CAPS);
        try (HubDaemon app = app(now)) {
            app.start().dispatchJob().drain();
        }
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(4);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT' AND channel = 'sms'")).isEqualTo(1);
        assertThat(hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)))).hasSize(1);
        assertThat(hub.ledgerCount("SELECT COUNT(DISTINCT loan_id) FROM notice WHERE status = 'SENT'")).isEqualTo(2);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'DEFERRED' AND reason = 'CAP_DAY'")).isEqualTo(2);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'PLANNED' AND reason = 'CAP_DAY' AND next_attempt_at > CURRENT_TIMESTAMP")).isEqualTo(2);
        // a later batch the same day finds the day used up: nothing more goes out
        try (HubDaemon app = app(now.plusSeconds(60))) {
            HubRuntime runtime = app.start();
            runtime.planningPass().run(now.plusSeconds(60));
            runtime.dispatchJob().drain();
        }
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(4);
    }

    @Test
    void capsStayExactWhenEachBatchIsClearedWhileThePreviousOneIsStillBeingSent() throws Exception {
        // one notice per batch: each is claimed and checked while the one before it is on the workers
        hub.writeProperties(Map.of("hub.dispatch.batch-size", "1"));
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zw@example.com", "tok-1", false, 2, today, false);
        hub.loan("B1", "2", 3, today);
        hub.writePolicyYaml(NO_CAPS);
        try (HubDaemon app = app(now)) {
            app.start().planningPass().run(now);
        }
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND status = 'PLANNED'")).isEqualTo(6);
        hub.writePolicyYaml(CAPS);
        try (HubDaemon app = app(now)) {
            assertThat(app.start().dispatchJob().drain()).isEqualTo(6);
        }
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT'")).isEqualTo(4);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'SENT' AND channel = 'sms'")).isEqualTo(1);
        assertThat(hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)))).hasSize(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'PLANNED' AND reason = 'CAP_DAY'")).isEqualTo(2);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status = 'CLAIMED'")).isZero();
    }

    @Test
    void twoInstancesCheckingTheSameBorrowerAtOnceNeverBothTakeTheLastContacts() throws Exception {
        io.dunninghub.ledger.LedgerSchema.migrate(hub.ledger);
        List<NoticeDraft> drafts = new ArrayList<>();
        Map<String, Installment> installments = new HashMap<>();
        for (String loan : List.of("L1", "L2", "L3")) {
            installments.put("I" + loan, TestData.installment("I" + loan, loan, "B1", today.minusDays(2), BigDecimal.TEN, null,
                    null, null, "CNY", "instalment", "first", 1));
            for (String channel : List.of("sms", "email")) {
                String key = DedupeKey.of("I" + loan, "early", channel, "borrower", 0);
                drafts.add(TestData.draft(key, "I" + loan, loan, "B1", "consumer-instalment", "early", 0, channel,
                        "borrower", "overdue_early", NoticeStatus.PLANNED, null, null, null, now.minusSeconds(1)));
            }
        }
        new Ledger(hub.ledger, "seed").plan(drafts, now.minusSeconds(1));
        ContactPolicy policy = new ContactPolicy(new Jurisdiction("default", Set.of(), ContactWindow.ALWAYS, Map.of(),
                Holidays.NONE, new Caps(Map.of("all", 4), Map.of(), Map.of(), Map.of()), Duration.ZERO, Set.of(),
                List.of("borrower"), true, 0), List.of(), Map.of(), "CN", Duration.ofHours(6), Set.of("sms", "push"),
                StopKeywords.defaults());
        Contact b1 = TestData.contact("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zw@example.com", null, null, Set.of());

        // each instance claims three of the six notices, then both check at the same moment
        List<ClaimedNotice> a = new Ledger(hub.ledger, "instance-a").claimDue(now, 3, Duration.ofMinutes(5));
        List<ClaimedNotice> b = new Ledger(hub.ledger, "instance-b").claimDue(now, 3, Duration.ofMinutes(5));
        assertThat(a).hasSize(3);
        assertThat(b).hasSize(3);
        CountDownLatch start = new CountDownLatch(1);
        Map<String, Set<String>> cleared = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Map.Entry<String, List<ClaimedNotice>> e : Map.of("instance-a", a, "instance-b", b).entrySet()) {
                done.add(pool.submit(() -> {
                    start.await();
                    ContactLog log = new ContactLog(hub.ledger, e.getKey());
                    cleared.put(e.getKey(), log.clearUnderLock(List.of("B1"), e.getValue().stream().map(ClaimedNotice::id).toList(),
                            now, attempts -> {
                                Map<String, SendTimeRules.Verdict> v = SendTimeRules.decide(e.getValue(), installments,
                                        Map.of("B1", b1), PartyDirectory.Parties.NONE, Map.of("B1", new Standing(List.of(),
                                                List.of(), List.of(), attempts.getOrDefault("B1", List.of()), List.of())), ContactHistory.Histories.NONE,
                                        io.dunninghub.ladder.LadderConfig.load(java.nio.file.Path.of("config/ladder.yaml")),
                                        policy, today, now);
                                sleep(300); // long enough for the other instance to get here too
                                return SendTimeRules.cleared(v, now);
                            }));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int total = cleared.values().stream().mapToInt(Set::size).sum();
        assertThat(total).as("cleared by both instances: %s", cleared).isEqualTo(4);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE cleared_at IS NOT NULL")).isEqualTo(4);
    }

    @Test
    void anOptOutRecordedAfterPlanningStopsTheNextSend() throws Exception {
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zw@example.com", null, false, 2, today, false);
        hub.borrower("B2", "李娜", "zh-CN", "Asia/Shanghai", "+8613800138001", null, null, false, 2, today, false);
        hub.writePolicyYaml(NO_CAPS);
        try (HubDaemon app = app(now)) {
            app.start().planningPass().run(now);
        }
        // B1 replies "退订" to an SMS; B2 asks by phone to get no more e-mail or SMS, recorded by the CLI
        PolicyStore store = new PolicyStore(hub.ledger);
        OptOuts optOuts = new OptOuts(store, StopKeywords.defaults(), "CN");
        assertThat(optOuts.recordInboundSms("+8613800138000", "退订", now)).isPresent();
        assertThat(optOuts.recordInboundSms("+8613800138001", "好的，谢谢", now)).isEmpty();
        optOuts.record("B2", null, null, OptOuts.SOURCE_CLI, "ops-anna", "asked by phone", now);
        try (HubDaemon app = app(now.plusSeconds(5))) {
            app.start().dispatchJob().drain();
        }
        assertThat(hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH)))).isEmpty();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND channel = 'sms' AND status = 'SUPPRESSED' AND reason = 'OPTED_OUT'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND channel = 'email' AND status = 'SENT'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B2' AND status = 'SUPPRESSED' AND reason = 'OPTED_OUT'")).isEqualTo(1);
        // the event says why, masked; the opt-out table holds no address in the clear
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE reason = 'OPTED_OUT' AND detail LIKE '%SMS_STOP%' AND detail LIKE '%+86*******8000%'")).isEqualTo(1);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE detail LIKE '%13800138000%'")).isZero();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM opt_out WHERE address_masked LIKE '%13800138000%' OR reason LIKE '%13800138000%'")).isZero();
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM opt_out WHERE source = 'SMS_STOP' AND channel = 'sms' AND address_hash IS NOT NULL")).isEqualTo(1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
