package io.dunninghub.common;

/** A configuration problem that stops start-up; the message names the file, the key and what is wrong. */
public class ConfigException extends RuntimeException {

    private final String file;
    private final String key;
    private final String problem;

    public ConfigException(String file, String key, String problem) {
        super(file + ": " + key + ": " + problem);
        this.file = file;
        this.key = key;
        this.problem = problem;
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
