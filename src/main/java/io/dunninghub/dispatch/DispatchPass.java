package io.dunninghub.dispatch;

import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.Reach;
import io.dunninghub.common.Mask;
import io.dunninghub.contact.Contact;
import io.dunninghub.ledger.ClaimedNotice;
import io.dunninghub.ledger.Ledger;
import io.dunninghub.ledger.NoticeOutcome;
import io.dunninghub.metrics.HubMetrics;
import io.dunninghub.policy.CallWindow;
import io.dunninghub.policy.Decision;
import io.dunninghub.render.NoticeModels;
import io.dunninghub.render.RenderedMessage;
import io.dunninghub.render.TemplateFailure;
import io.dunninghub.render.TemplateModel;
import io.dunninghub.scan.DaysPastDue;
import io.dunninghub.scan.Installment;
import io.dunninghub.scan.InstallmentScanner;
import io.dunninghub.scan.LoanDetails;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ledger claim → payment and contact re-check → policy at send time → render → channel → ledger record.
 * {@link #dispatchBatch} handles one claimed batch and writes its results back together; {@link #dispatchBatches}
 * keeps a window of notices in flight and records each as its call ends. Nothing here sleeps.
 */
public final class DispatchPass {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchPass.class);

    private final Ledger ledger;
    private final InstallmentScanner installments;
    private final SendTimeRules rules;
    private final NoticeRenderer renderer;
    private final ChannelGateway channels;
    private final NoticeModels model;
    private final LoanDetails loans;
    private final RetryPolicy retry;
    private final ExecutorService workers;
    private final ZoneId businessZone;
    private final String defaultLocale;
    private final int batchSize;
    private final int window;
    private final Duration lease;
    private final HubMetrics metrics;
    private final EvidenceCapture evidence;
    private final DispatchSummary summary = new DispatchSummary();
    // Outcomes the ledger could not take (database down): written before anything new is claimed.
    private final List<NoticeOutcome> unrecorded = new ArrayList<>();
    private final List<String> unreleased = new ArrayList<>();
    // Notices handed back because their provider could not take them yet, and when they are due again.
    private final Map<String, Instant> held = new java.util.HashMap<>();
    // Claimed by this pass and not yet written back: what abandonInFlight accounts for when the hub stops.
    private final Map<String, ClaimedNotice> claimedNotWritten = new ConcurrentHashMap<>();
    private final Map<String, Future<NoticeOutcome>> calls = new ConcurrentHashMap<>();
    // TRUE once a worker started a notice; FALSE when abandonInFlight took it first, so no worker ever starts it
    private final Map<String, Boolean> started = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /**
     * @param rules   the send-time rules: ladder step, holds, promises, opt-outs, caps and parties
     * @param metrics where outcomes are counted (by channel, provider and reason)
     */
    public DispatchPass(Ledger ledger, InstallmentScanner installments, SendTimeRules rules, NoticeRenderer renderer,
                        ChannelGateway channels, NoticeModels model, LoanDetails loans, RetryPolicy retry, ExecutorService workers,
                        ZoneId businessZone, String defaultLocale, int batchSize, Duration lease, HubMetrics metrics) {
        this(ledger, installments, rules, renderer, channels, model, loans, retry, workers, businessZone, defaultLocale,
                batchSize, 2 * batchSize, lease, metrics, EvidenceCapture.NONE);
    }

    /** @param evidence what is kept of each notice handed to a provider, recorded with its outcome */
    public DispatchPass(Ledger ledger, InstallmentScanner installments, SendTimeRules rules, NoticeRenderer renderer,
                        ChannelGateway channels, NoticeModels model, LoanDetails loans, RetryPolicy retry, ExecutorService workers,
                        ZoneId businessZone, String defaultLocale, int batchSize, Duration lease, HubMetrics metrics,
                        EvidenceCapture evidence) {
        this(ledger, installments, rules, renderer, channels, model, loans, retry, workers, businessZone, defaultLocale,
                batchSize, 2 * batchSize, lease, metrics, evidence);
    }

    /**
     * @param window   most notices claimed and not yet recorded at once ({@code hub.dispatch.window}): the duplicate
     *                 bound of a crash
     * @param evidence what is kept of each notice handed to a provider, recorded with its outcome
     */
    public DispatchPass(Ledger ledger, InstallmentScanner installments, SendTimeRules rules, NoticeRenderer renderer,
                        ChannelGateway channels, NoticeModels model, LoanDetails loans, RetryPolicy retry, ExecutorService workers,
                        ZoneId businessZone, String defaultLocale, int batchSize, int window, Duration lease,
                        HubMetrics metrics, EvidenceCapture evidence) {
        this.window = Math.max(1, window);
        this.evidence = evidence;
        this.ledger = ledger;
        this.installments = installments;
        this.rules = rules;
        this.renderer = renderer;
        this.channels = channels;
        this.model = model;
        this.loans = loans;
        this.retry = retry;
        this.workers = workers;
        this.businessZone = businessZone;
        this.defaultLocale = defaultLocale;
        this.batchSize = batchSize;
        this.lease = lease;
        this.metrics = metrics;
    }

    public DispatchSummary summary() {
        return summary;
    }

    /** Stop claiming; notices already claimed but not started are handed back to the ledger. */
    public void stop() {
        stopping = true;
    }

    public boolean isStopping() {
        return stopping;
    }

    /**
     * The earliest time a notice handed back because its provider could not take it yet (rate limit,
     * Retry-After, open circuit) is due again, or null when there is none.
     */
    public synchronized Instant earliestHeld() {
        return held.values().stream().min(Instant::compareTo).orElse(null);
    }

    /** Stops waiting for held notices due up to {@code until}: due now, they are claimable by any instance. */
    public synchronized void forgetHeld(Instant until) {
        held.values().removeIf(t -> !t.isAfter(until));
    }

    /**
     * Claims and handles one batch of due notices; returns how many were claimed (0 = nothing due). If the
     * ledger cannot take the results, they are kept and written first on the next call, so a database outage
     * between sending and recording does not make the notices claimable (and sent) again.
     */
    public int dispatchBatch(Instant now) throws SQLException, InterruptedException {
        flushUnrecorded();
        if (stopping) {
            return 0;
        }
        Batch batch = start(now);
        return batch == null ? 0 : finish(batch, () -> now);
    }

    /**
     * Dispatches until nothing is due, {@code more} says enough, or the pass is stopping, with no barrier between
     * batches: at most {@code window} notices are claimed and not yet recorded at any time. A batch is claimed and
     * re-checked whenever the window has room for it and goes to the workers at once; each notice is recorded as
     * soon as its call is over, together with whatever else finished meanwhile (small grouped writes). A slow call
     * holds its own thread and window slot, nothing else. The window is the duplicate bound of a crash: a killed
     * process may have sent up to {@code window} notices whose outcomes were not yet written. Caps stay exact: a
     * batch's cap count includes notices cleared and not yet recorded ({@link io.dunninghub.ledger.ContactLog}).
     * Everything claimed is recorded (or kept for the next call) before this returns.
     *
     * @return how many notices were claimed
     */
    public long dispatchBatches(Supplier<Instant> clock, java.util.function.BooleanSupplier more)
            throws SQLException, InterruptedException {
        flushUnrecorded();
        if (stopping) {
            return 0;
        }
        BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
        int inFlight = 0;
        long handled = 0;
        boolean claiming = true;
        SQLException failed = null;
        while (true) {
            // fill the window: a batch whenever there is room for one (or for what is left of the window)
            while (claiming && failed == null && !stopping && window - inFlight >= Math.min(batchSize, window)) {
                if (!more.getAsBoolean()) {
                    claiming = false;
                    break;
                }
                Batch b;
                try {
                    b = check(clock.get(), Math.min(batchSize, window - inFlight));
                } catch (SQLException e) {
                    failed = e; // what is in flight is recorded first
                    break;
                }
                if (b == null) {
                    claiming = false;
                    break;
                }
                submit(b, finished);
                inFlight += b.claimed().size();
            }
            if (inFlight == 0) {
                break;
            }
            List<Finished> group = new ArrayList<>();
            Finished first;
            // wait for a call to end, renewing the leases of what is in flight every half lease meanwhile
            while ((first = finished.poll(Math.max(1, lease.toMillis() / 4), java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                renewLeasesIfDue(clock);
            }
            renewLeasesIfDue(clock);
            group.add(first);
            finished.drainTo(group, Math.max(batchSize, 1) - 1);
            inFlight -= group.size();
            handled += group.size();
            try {
                recordGroup(group, clock, failed != null);
            } catch (SQLException e) {
                failed = e; // kept for the next call; stop claiming, let the rest finish
            }
        }
        if (failed != null) {
            throw failed;
        }
        return handled;
    }

    // when the oldest lease of the notices in flight was taken or last extended
    private volatile Instant leasesFrom = Instant.MIN;

    /**
     * Extends the leases of the notices claimed and not yet recorded once half a lease has passed since they were
     * last extended: with a window of notices in flight, a notice may wait longer than a lease for a thread when
     * providers or the machine are slow, and its lease must not run out while this instance is alive. A ledger
     * that cannot take the renewal is tried again at the next wait; the lease then protects as it did before.
     */
    private void renewLeasesIfDue(Supplier<Instant> clock) {
        Instant now = clock.get();
        if (Duration.between(leasesFrom, now).compareTo(lease.dividedBy(2)) < 0 || claimedNotWritten.isEmpty()) {
            return;
        }
        try {
            int n = ledger.renewLeases(List.copyOf(claimedNotWritten.keySet()), now.plus(lease));
            leasesFrom = now;
            LOG.debug("dispatch: {} leases of notices in flight extended", n);
        } catch (SQLException e) {
            LOG.warn("dispatch: could not extend the leases of the notices in flight: {}", e.getMessage());
        }
    }

    /** One notice whose call is over: its outcome, null when it was never started (stopping). */
    private record Finished(ClaimedNotice notice, NoticeOutcome outcome) {
    }

    /** Hands a checked batch to the workers; each notice lands in {@code finished} when its call is over. */
    private void submit(Batch b, BlockingQueue<Finished> finished) {
        LocalDate businessDate = DaysPastDue.businessDate(b.now(), businessZone);
        for (ClaimedNotice n : b.claimed()) {
            Future<NoticeOutcome> call = workers.submit(() -> {
                NoticeOutcome o = null;
                try {
                    o = stopping || started.putIfAbsent(n.id(), Boolean.TRUE) != null
                            ? null : handle(n, b.verdicts().get(n.id()), b.loans(), businessDate, b.now());
                    return o;
                } catch (RuntimeException e) {
                    // A bug, not a provider answer: keep the notice and try again later rather than lose it.
                    LOG.error("dispatch: notice {} failed unexpectedly", n.id(), e);
                    o = retryOrDead(n, "INTERNAL_ERROR", e.getClass().getSimpleName(), null, null, b.now(), false);
                    return o;
                } finally {
                    if (o == null && Boolean.TRUE.equals(started.get(n.id()))) {
                        o = retryOrDead(n, "INTERNAL_ERROR", "the call ended with an error", null, null, b.now(), false);
                    }
                    finished.add(new Finished(n, o));
                }
            });
            calls.put(n.id(), call);
        }
    }

    /**
     * Records notices whose calls are over, at the instant {@code clock} gives now; those never started are handed
     * back. When the ledger cannot take them (or an earlier write of this call failed) they are kept and written first
     * on the next call.
     */
    private void recordGroup(List<Finished> group, Supplier<Instant> clock, boolean keepOnly) throws SQLException {
        List<NoticeOutcome> outcomes = new ArrayList<>(group.size());
        List<String> release = new ArrayList<>();
        List<ClaimedNotice> notices = new ArrayList<>(group.size());
        for (Finished f : group) {
            notices.add(f.notice());
            if (f.outcome() == null) {
                release.add(f.notice().id());
            } else {
                outcomes.add(f.outcome());
                outcome(f.notice(), f.outcome());
            }
        }
        if (keepOnly) {
            synchronized (this) {
                unrecorded.addAll(outcomes);
                unreleased.addAll(release);
            }
            forget(notices);
            return;
        }
        // the business clock's instant, not the machine's: run --once --at and simulate record when they run
        Instant recordedAt = clock.get();
        try {
            ledger.record(outcomes, recordedAt);
        } catch (SQLException e) {
            synchronized (this) {
                unrecorded.addAll(outcomes);
                unreleased.addAll(release);
            }
            forget(notices);
            throw e;
        }
        forget(notices);
        if (!release.isEmpty()) {
            try {
                summary.released(ledger.release(release, recordedAt));
            } catch (SQLException e) {
                synchronized (this) {
                    unreleased.addAll(release);
                }
                throw e;
            }
        }
    }

    /** A notice's outcome, once known (after its provider answered): counted, or held for its provider. */
    private void outcome(ClaimedNotice n, NoticeOutcome o) {
        if (o.isHeld()) {
            synchronized (this) {
                held.put(n.id(), o.nextAttemptAt());
            }
        } else {
            summary.add(n.channel(), o);
            metrics.noticeDispatched(n.channel(), o.provider(), o.eventType(), o.reason());
        }
    }

    /** A claimed and re-checked batch; its futures once it is on the workers. */
    private record Batch(List<ClaimedNotice> claimed, Map<String, Installment> current,
                         Map<String, SendTimeRules.Verdict> verdicts, LoanDetails.Loans loans, Instant now,
                         List<Future<NoticeOutcome>> futures) {
    }

    private Batch start(Instant now) throws SQLException {
        return send(check(now, Math.min(batchSize, window)));
    }

    /**
     * Claims and re-checks a batch; null when nothing is due. When the re-check cannot reach a database, the batch is
     * handed back first thing on the next call instead of waiting for its lease.
     */
    private Batch check(Instant now, int limit) throws SQLException {
        List<ClaimedNotice> claimed = ledger.claimDue(now, limit, lease);
        synchronized (this) {
            claimed.forEach(n -> held.remove(n.id()));
            // long due: another instance took them
            held.values().removeIf(t -> t.isBefore(now.minus(Duration.ofMinutes(1))));
        }
        if (claimed.isEmpty()) {
            return null;
        }
        if (claimedNotWritten.isEmpty()) {
            leasesFrom = now; // the oldest lease in flight starts now; later claims' leases end later
        }
        claimed.forEach(n -> claimedNotWritten.put(n.id(), n));
        try {
            Map<String, Installment> current = installments.recheck(
                    claimed.stream().flatMap(n -> n.installmentIds().stream()).distinct().toList());
            // The one place the contact rules are applied at send time (and caps counted for this batch).
            Map<String, SendTimeRules.Verdict> verdicts = rules.check(claimed, current, now);
            // what the core bank says about the loans of the notices that go out now, for their templates
            LoanDetails.Loans details = loans.lookup(verdicts.values().stream().filter(v -> v.debt() != null)
                    .flatMap(v -> v.debt().loanIds().stream()).distinct().toList(),
                    DaysPastDue.businessDate(now, businessZone));
            return new Batch(claimed, current, verdicts, details, now, null);
        } catch (SQLException | RuntimeException e) {
            // nothing was sent: hand the batch back as soon as the ledger takes it
            synchronized (this) {
                claimed.forEach(n -> unreleased.add(n.id()));
            }
            claimed.forEach(n -> claimedNotWritten.remove(n.id()));
            throw e;
        }
    }

    /** Hands a checked batch to the workers. */
    private Batch send(Batch b) {
        if (b == null) {
            return null;
        }
        LocalDate businessDate = DaysPastDue.businessDate(b.now(), businessZone);
        List<Future<NoticeOutcome>> futures = new ArrayList<>(b.claimed().size());
        for (ClaimedNotice n : b.claimed()) {
            Future<NoticeOutcome> call = workers.submit(() -> stopping || started.putIfAbsent(n.id(), Boolean.TRUE) != null
                    ? null : handle(n, b.verdicts().get(n.id()), b.loans(), businessDate, b.now()));
            calls.put(n.id(), call);
            futures.add(call);
        }
        return new Batch(b.claimed(), b.current(), b.verdicts(), b.loans(), b.now(), futures);
    }

    /** Waits for the batch's sends and records them, at the instant {@code clock} gives when they are done. */
    private int finish(Batch batch, Supplier<Instant> clock) throws SQLException, InterruptedException {
        List<ClaimedNotice> claimed = batch.claimed();
        Instant now = batch.now();
        List<NoticeOutcome> outcomes = new ArrayList<>(claimed.size());
        List<String> release = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            ClaimedNotice n = claimed.get(i);
            NoticeOutcome o;
            try {
                o = batch.futures().get(i).get();
            } catch (ExecutionException e) {
                // A bug, not a provider answer: keep the notice and try again later rather than lose it.
                LOG.error("dispatch: notice {} failed unexpectedly", n.id(), e.getCause());
                o = retryOrDead(n, "INTERNAL_ERROR", e.getCause().getClass().getSimpleName(), null, null, now, false);
            }
            if (o == null) {
                release.add(n.id());
            } else {
                outcomes.add(o);
                outcome(n, o);
            }
        }
        // the business clock's instant, not the machine's: run --once --at and simulate record when they run
        Instant recordedAt = clock.get();
        try {
            ledger.record(outcomes, recordedAt);
        } catch (SQLException e) {
            synchronized (this) {
                unrecorded.addAll(outcomes);
                unreleased.addAll(release);
            }
            forget(claimed);
            throw e;
        }
        forget(claimed);
        if (!release.isEmpty()) {
            try {
                summary.released(ledger.release(release, recordedAt));
            } catch (SQLException e) {
                unreleased.addAll(release);
                throw e;
            }
        }
        return claimed.size();
    }

    private void forget(List<ClaimedNotice> batch) {
        for (ClaimedNotice n : batch) {
            claimedNotWritten.remove(n.id());
            calls.remove(n.id());
            started.remove(n.id());
        }
    }

    /**
     * When the hub stops and calls are still running past the shutdown timeout: writes back every notice this pass
     * claimed and has not written. A call that finished is recorded as it ended; one still running becomes RETRY
     * {@code INTERRUPTED} (it may have reached the provider, so it counts as an attempt, like a timeout); one not
     * started is handed back unsent. Outcomes kept during a ledger outage are written first. Nothing stays CLAIMED
     * until its lease runs out.
     *
     * @return how many notices were written back
     */
    public int abandonInFlight(Instant now) throws SQLException, InterruptedException {
        stopping = true;
        List<NoticeOutcome> outcomes = new ArrayList<>();
        List<String> release = new ArrayList<>();
        synchronized (this) {
            outcomes.addAll(unrecorded);
            release.addAll(unreleased);
            unrecorded.clear();
            unreleased.clear();
        }
        for (ClaimedNotice n : List.copyOf(claimedNotWritten.values())) {
            Future<NoticeOutcome> call = calls.get(n.id());
            Boolean wasStarted = started.putIfAbsent(n.id(), Boolean.FALSE);
            if (!Boolean.TRUE.equals(wasStarted)) {
                release.add(n.id()); // no worker will start it now
            } else if (call != null && call.isDone()) {
                NoticeOutcome o;
                try {
                    o = call.get();
                } catch (ExecutionException e) {
                    o = retryOrDead(n, "INTERNAL_ERROR", e.getCause().getClass().getSimpleName(), null, null, now, false);
                }
                if (o == null) {
                    release.add(n.id());
                } else {
                    outcomes.add(o);
                }
            } else { // still running, or started so lately that its future is not kept yet
                outcomes.add(retryOrDead(n, "INTERRUPTED", "the hub stopped while the call was still running; it may "
                        + "have reached the provider", null, null, now, true));
            }
        }
        int written = ledger.record(outcomes, now);
        int released = ledger.release(release, now);
        claimedNotWritten.clear();
        if (written + released > 0) {
            LOG.warn("dispatch: stopped with notices still in flight: {} recorded ({} still being sent, as INTERRUPTED), "
                    + "{} handed back unsent", written, outcomes.stream().filter(o -> "INTERRUPTED".equals(o.reason())).count(),
                    released);
        }
        return written + released;
    }

    private synchronized void flushUnrecorded() throws SQLException {
        if (!unrecorded.isEmpty()) {
            int written = ledger.record(unrecorded, Instant.now());
            LOG.info("dispatch: ledger back, recorded {} of {} outcomes kept during the outage", written, unrecorded.size());
            unrecorded.clear();
        }
        if (!unreleased.isEmpty()) {
            summary.released(ledger.release(unreleased, Instant.now()));
            unreleased.clear();
        }
    }

    NoticeOutcome handle(ClaimedNotice n, SendTimeRules.Verdict verdict, LoanDetails.Loans details,
                         LocalDate businessDate, Instant now) {
        Decision decision = verdict.decision();
        if (decision instanceof Decision.Suppress s) {
            return NoticeOutcome.suppressed(n.id(), s.reason(), s.detail());
        }
        Decision.Send send = (Decision.Send) decision;
        if (send.notBefore().isAfter(now)) {
            return NoticeOutcome.deferred(n.id(), n.attempts() > 0, send.deferredBy(), send.detail() != null
                    ? send.detail() : "outside contact window in " + send.zone(), send.notBefore());
        }
        Contact contact = verdict.contact();
        String locale = contact.locale() == null || contact.locale().isBlank() ? defaultLocale : contact.locale();
        String recipient = contact.addressFor(n.channel());
        RenderedMessage rendered;
        TemplateModel values = model.build(new NoticeModels.Facts(n, verdict.debt(), contact, details,
                verdict.history(), verdict.promises()), locale, businessDate, verdict.amountsAllowed());
        try {
            rendered = renderer.render(n.template(), n.channel(), locale, values);
        } catch (TemplateFailure e) {
            LOG.warn("dispatch: notice {} template '{}' ({}, {}): {}", n.id(), n.template(), n.channel(), locale,
                    e.getMessage());
            return NoticeOutcome.failedUnsent(n.id(), e.reasonCode(), e.getMessage());
        }
        Reach reach = verdict.window() == CallWindow.NONE ? Reach.NONE
                : new Reach(contact.phone(), contact.email(), contact.postalAddress(), verdict.window());
        OutboundMessage message = new OutboundMessage(n.id(), n.dedupeKey(), n.channel(), recipient, contact.name(),
                locale, rendered.subject(), rendered.text(), rendered.html(), rendered.pdf(), n.stepId(), n.template(),
                n.borrowerId(), n.installmentId(), values, reach);
        DeliveryResult result = channels.send(message);
        if (result.isHeld()) {
            // Nothing was sent: back to the ledger for a little while, no attempt counted, no event row.
            Duration wait = result.retryAfter() == null ? Duration.ofSeconds(1) : result.retryAfter();
            return NoticeOutcome.held(n.id(), n.attempts() > 0, result.reasonCode(), result.detail(), now.plus(wait));
        }
        String masked = Mask.recipient(n.channel(), recipient);
        NoticeOutcome outcome = switch (result.outcome()) {
            // a SENT detail is the provider's receipt (status, tracking number) and goes into the event
            case SENT -> NoticeOutcome.sent(n.id(), result.provider(), result.providerMessageId(), masked,
                    result.detail(), result.segments());
            case FAILED -> NoticeOutcome.failed(n.id(), result.reasonCode(), result.detail(), result.provider(), masked,
                    result.segments());
            case RETRY -> retryOrDead(n, result.reasonCode(), result.detail(), result.provider(), result.retryAfter(),
                    now, true);
        };
        // what was handed to the provider, written in the transaction that records this outcome
        return outcome.withContent(evidence.capture(n, message, rendered, result));
    }

    private NoticeOutcome retryOrDead(ClaimedNotice n, String reason, String detail, String provider,
                                      Duration retryAfter, Instant now, boolean attempted) {
        int attempts = n.attempts() + (attempted ? 1 : 0);
        if (retry.exhausted(attempts)) {
            return NoticeOutcome.dead(n.id(), reason, "gave up after " + attempts + " attempts: " + detail, provider,
                    attempted);
        }
        return NoticeOutcome.retry(n.id(), reason, detail, provider, attempted,
                retry.nextAttempt(now, Math.max(attempts, 1), retryAfter));
    }
}
