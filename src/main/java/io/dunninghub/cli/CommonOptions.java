package io.dunninghub.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares. */
public final class CommonOptions {

    @Option(names = "--config", defaultValue = "config", paramLabel = "DIR",
            description = "Configuration folder (default: ${DEFAULT-VALUE})")
    public Path configDir;

    @Option(names = "--routes", defaultValue = "routes", paramLabel = "DIR",
            description = "Folder of Camel YAML routes (default: ${DEFAULT-VALUE})")
    public Path routesDir;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override a configuration key, e.g. --set hub.dispatch.threads=4")
    public Map<String, String> overrides = new LinkedHashMap<>();
}
