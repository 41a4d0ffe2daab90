package io.dunninghub.bench;

import io.dunninghub.dispatch.DispatchSummary;
import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.plan.PlanSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The hub side of the benchmark, in its own JVM: exactly what {@code run --once} does (Camel Main with the
 * routes, scheduler off, one planning pass, then dispatch until nothing is due), timed per phase.
 * Arguments: config folder, routes folder, results file.
 */
public final class HubSide {

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Path routes = Path.of(args[1]);
        Path out = Path.of(args[2]);
        BenchMetrics metrics = new BenchMetrics();
        try (HubDaemon app = new HubDaemon(config, routes, Map.of(), false, Clock.systemUTC())) {
            HubRuntime runtime = app.start();
            metrics.phase("startup");
            PlanSummary plan = runtime.planningPass().run(runtime.clock().instant());
            metrics.phaseAndRetained("plan");
            metrics.put("dispatch.start-epoch-ms", System.currentTimeMillis());
            long handled = runtime.dispatchJob().drain();
            metrics.phaseAndRetained("dispatch");
            DispatchSummary sent = runtime.dispatchJob().summary();
            metrics.put("scanned", plan.rows());
            metrics.put("planned", plan.newNotices());
            metrics.put("suppressed", plan.suppressedByReason().values().stream().mapToLong(Long::longValue).sum());
            metrics.put("handled", handled);
            metrics.put("sent", sent.count("SENT"));
            metrics.put("not-sent", handled - sent.count("SENT"));
            sent.reasons().forEach((reason, n) -> metrics.put("reason." + reason.replace(' ', '_'), n));
        }
        metrics.phase("shutdown");
        metrics.finish(out);
        System.exit(0);
    }
}
