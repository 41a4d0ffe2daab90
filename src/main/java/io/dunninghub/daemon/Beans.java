package io.dunninghub.daemon;

import java.util.List;

/**
 * The names the routes of {@code routes/} call beans by ({@code bean: { ref: planningJob, method: run }}). The
 * runtime binds every one of them; a test checks that each {@code ref:} in the shipped routes is one of these.
 */
public final class Beans {

    /** The scan: {@code run}, {@code retryIfFailed}. */
    public static final String PLANNING_JOB = "planningJob";
    /** Dispatch rounds: {@code run}. */
    public static final String DISPATCH_JOB = "dispatchJob";
    /** The processor of every built-in channel route: picks the provider, fails over. */
    public static final String PROVIDER_ROUTER = "providerRouter";
    public static final String PROVIDER_GUARDS = "providerGuards";
    /** Builds {@code hub.result} in integrators' YAML routes. */
    public static final String DELIVERY_RESULTS = "deliveryResults";
    public static final String HUB_RUNTIME = "hubRuntime";
    public static final String READINESS = "readiness";
    /** {@code /health/live}, {@code /health/ready}. */
    public static final String HEALTH = "health";
    /** The readiness timer: {@code check}. */
    public static final String DATABASE_WATCH = "databaseWatch";
    /** The receipt callbacks and the late-match timer. */
    public static final String RECEIPTS = "receipts";
    /** SendGrid's signed Event Webhook. */
    public static final String SENDGRID_RECEIPTS = "sendgridReceipts";
    /** Call results, inbound SMS and e-mail unsubscribe clicks. */
    public static final String OUTCOMES = "outcomes";
    /** The List-Unsubscribe header the e-mail adapters put on every message. */
    public static final String LIST_UNSUBSCRIBE = io.dunninghub.channel.email.ListUnsubscribe.BEAN;
    /** {@code /metrics} and the backlog timer. */
    public static final String METRICS = "metrics";
    /** The admin API. */
    public static final String ADMIN = "admin";
    /** The web console: every path under {@code /console}. */
    public static final String CONSOLE = "console";

    /** The daily retention job: {@code run}. */
    public static final String RETENTION = "retention";

    public static final List<String> ALL = List.of(PLANNING_JOB, DISPATCH_JOB, PROVIDER_ROUTER, PROVIDER_GUARDS,
            DELIVERY_RESULTS, HUB_RUNTIME, READINESS, HEALTH, DATABASE_WATCH, RECEIPTS, SENDGRID_RECEIPTS, OUTCOMES,
            LIST_UNSUBSCRIBE, METRICS, ADMIN, RETENTION, CONSOLE);

    private Beans() {
    }
}
