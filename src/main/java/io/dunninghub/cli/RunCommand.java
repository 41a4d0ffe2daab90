package io.dunninghub.cli;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.plan.PlanSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the daemon; {@code run --once}: one scan, dispatch what is due, print a summary, exit. */
@Command(name = "run", description = "Run the daemon (default), or with --once one scan and dispatch.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--once", description = "Scan once, dispatch everything due now, print a summary and exit")
    boolean once;

    @Option(names = "--at", paramLabel = "TIME", description = {"With --once: run as if it were this instant, e.g. "
            + "2026-11-23T10:00+08:00; business date, contact windows and caps follow it (default: now)"})
    OffsetDateTime at;

    @Override
    public Integer call() throws Exception {
        if (at != null && !once) {
            System.err.println("run: --at needs --once (the daemon always runs on the real clock)");
            return ExitCodes.CONFIG;
        }
        if (!once) {
            new HubDaemon(options.configDir, options.routesDir, options.overrides, true, Clock.systemUTC())
                    .runUntilStopped();
            return ExitCodes.OK;
        }
        if (ValidateCommand.checked(options).settings().scanFromRoute()) {
            // one pass is the feeding route's exchange, and when it comes is the route's to decide
            throw new CommandRefused("hub.scan.source is route: the routes feeding direct:installments plan in the "
                    + "daemon (run without --once); run --once scans with SQL (hub.scan.source = sql)");
        }
        // the given instant, moving on from there as the run takes time (retries and throttles see time pass)
        Clock clock = at == null ? Clock.systemUTC()
                : Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at.toInstant()));
        try (HubDaemon daemon = new HubDaemon(options.configDir, options.routesDir, options.overrides, false, clock)) {
            HubRuntime runtime = daemon.start();
            PlanSummary plan = runtime.planningPass().run(runtime.clock().instant());
            runtime.dispatchJob().drain();
            SummaryTable.print(System.out, plan, runtime.dispatchJob().summary());
        }
        return ExitCodes.OK;
    }
}
