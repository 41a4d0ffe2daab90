package io.dunninghub.cli;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.daemon.HubRuntime;
import io.dunninghub.plan.PlanSummary;
import java.time.Clock;
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

    @Override
    public Integer call() throws Exception {
        if (!once) {
            new HubDaemon(options.configDir, options.routesDir, options.overrides, true, Clock.systemUTC())
                    .runUntilStopped();
            return ExitCodes.OK;
        }
        try (HubDaemon daemon = new HubDaemon(options.configDir, options.routesDir, options.overrides, false,
                Clock.systemUTC())) {
            HubRuntime runtime = daemon.start();
            PlanSummary plan = runtime.planningPass().run(runtime.clock().instant());
            runtime.dispatchJob().drain();
            SummaryTable.print(System.out, plan, runtime.dispatchJob().summary());
        }
        return ExitCodes.OK;
    }
}
