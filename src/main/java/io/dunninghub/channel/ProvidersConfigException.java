package io.dunninghub.channel;

import io.dunninghub.common.ConfigException;

/** A bad providers.yaml: stops start-up with {@code <file>: <key path>: <problem>}. */
public class ProvidersConfigException extends ConfigException {

    public ProvidersConfigException(String file, String key, String problem) {
        super(file, key, problem);
    }
}
