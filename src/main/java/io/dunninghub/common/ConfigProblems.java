package io.dunninghub.common;

import java.util.List;

/** Several problems found in one configuration file; start-up names the first, {@code validate} lists them all. */
public final class ConfigProblems extends ConfigException {

    private final List<ConfigException> all;

    public ConfigProblems(List<ConfigException> all) {
        super(all.get(0).getMessage() + (all.size() > 1 ? " (and " + (all.size() - 1) + " more: run validate)" : ""),
                all.get(0).file(), all.get(0).key(), all.get(0).problem());
        this.all = List.copyOf(all);
    }

    public List<ConfigException> all() {
        return all;
    }

    /** Every message, one per problem. */
    public static List<String> messages(ConfigException e) {
        return e instanceof ConfigProblems p ? p.all().stream().map(ConfigException::getMessage).toList()
                : List.of(e.getMessage());
    }
}
