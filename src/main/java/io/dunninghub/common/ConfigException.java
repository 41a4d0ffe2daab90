package io.dunninghub.common;

/** A configuration problem that stops start-up; the message names the file, the key and what is wrong. */
public class ConfigException extends RuntimeException {

    private final String file;
    private final String key;
    private final String problem;

    public ConfigException(String file, String key, String problem) {
        this(file + ": " + key + ": " + problem, file, key, problem);
    }

    protected ConfigException(String message, String file, String key, String problem) {
        super(message);
        this.file = file;
        this.key = key;
        this.problem = problem;
    }

    /**
     * A problem already worded "file: problem" by the check that found it (a template that does not render, a
     * folder that cannot be read), kept as written.
     */
    public static ConfigException of(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 ? new ConfigException(message, "config", "(check)", message)
                : new ConfigException(message, message.substring(0, colon), "(file)", message.substring(colon + 2));
    }

    public String file() {
        return file;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
