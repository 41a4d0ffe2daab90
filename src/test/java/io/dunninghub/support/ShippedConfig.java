package io.dunninghub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies of the shipped configuration for tests that change it or point it elsewhere. */
public final class ShippedConfig {

    private ShippedConfig() {
    }

    /** Copies {@code config/} to {@code dir}, with the demo file providers writing to {@code outbox}. */
    public static Path copyTo(Path dir, Path outbox) throws IOException {
        copyTree(Path.of("config"), dir);
        Path providers = dir.resolve("providers.yaml");
        Files.writeString(providers, Files.readString(providers).replace("dir: var/outbox", "dir: " + outbox));
        return dir;
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(src -> {
                try {
                    Path dst = to.resolve(from.relativize(src).toString());
                    if (Files.isDirectory(src)) {
                        Files.createDirectories(dst);
                    } else {
                        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
