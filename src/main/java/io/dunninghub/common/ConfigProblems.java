package io.dunninghub.common;

import java.util.List;

/** Several problems found in one configuration file; start-up names the first, {@code validate} lists them all. */
public final class ConfigProblems extends ConfigException {

    private final List<ConfigException> all;

    public ConfigProblems(List<ConfigException> all) {
        super(all.get(0).file(), all.get(0).key(), all.get(0).problem()
                + (all.size() > 1 ? " (and " + (all.size() - 1) + " more: run validate)" : ""));
        this.all = List.copyOf(all);
    }

    public List<ConfigException> all() {
        return all;
    }

    /**
     * The problems found across files ({@code validate}'s checks), each already worded "file: key: problem", as one
     * exception naming the first.
     */
    public static ConfigProblems of(List<String> messages) {
        return new ConfigProblems(messages.stream().map(ConfigProblems::parse).toList());
    }

    private static ConfigException parse(String message) {
        String[] part = message.split(": ", 3);
        return part.length == 3 ? new ConfigException(part[0], part[1], part[2])
                : new ConfigException("config", "(check)", message);
    }

    /** Every message, one per problem. */
    public static List<String> messages(ConfigException e) {
        return e instanceof ConfigProblems p ? p.all().stream().map(ConfigException::getMessage).toList()
                : List.of(e.getMessage());
    }
}
