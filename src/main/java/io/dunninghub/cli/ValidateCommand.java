package io.dunninghub.cli;

import io.dunninghub.common.ConfigException;
import io.dunninghub.common.ConfigProblems;
import io.dunninghub.config.ConnectCheck;
import io.dunninghub.config.HubConfig;
import io.dunninghub.config.HubSettings;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code validate}: checks every config file; exit 0, or exit 2 listing file, key and problem. */
@Command(name = "validate", description = {"Check every configuration file; exit 2 naming file, key and problem.",
        "Warnings (an SMS longer than one segment) are printed too and do not fail the check."})
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--connect", description = "Also open the core and ledger databases read-only, prepare every "
            + "configured SQL and check the columns it returns")
    boolean connect;

    @Override
    public Integer call() {
        HubConfig.Read read = HubConfig.read(options.configDir, options.routesDir, options.overrides);
        read.warnings().forEach(w -> System.err.println("config warning: " + w));
        List<String> problems = new ArrayList<>(read.problems());
        String databases = "";
        if (connect) {
            HubSettings settings = null;
            try {
                settings = HubConfig.settingsOnly(options.configDir, options.overrides);
            } catch (ConfigException e) {
                // already among the problems: without readable settings there is nothing to connect to
            }
            if (settings != null) {
                ConnectCheck.Report report = ConnectCheck.run(settings);
                report.problems().stream().map(ConfigException::getMessage).forEach(problems::add);
                databases = "; core database: " + report.prepared() + " statements prepared, ledger database: "
                        + report.ledger();
            }
        }
        if (problems.isEmpty()) {
            System.out.println("config OK: " + options.configDir + " and " + options.routesDir + databases);
            return ExitCodes.OK;
        }
        problems.forEach(p -> System.err.println("config error: " + p));
        return ExitCodes.CONFIG;
    }

    /** Every problem found, each as {@code file: key: problem}; empty when the configuration is sound. */
    public static List<String> check(Path configDir, Path routesDir, Map<String, String> overrides) {
        return HubConfig.read(configDir, routesDir, overrides).problems();
    }

    /** The checked configuration of the command line's folders, or the problems as one exception (exit 2). */
    static HubConfig checked(CommonOptions options) {
        HubConfig.Read read = HubConfig.read(options.configDir, options.routesDir, options.overrides);
        if (!read.ok()) {
            throw new ConfigProblems(read.issues());
        }
        return read.config();
    }
}
