package io.dunninghub.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A SHA-256 of every live file (ladder, policy, providers, templates/**, routes/*.yaml) by its path relative to
 * the folder above it, so a reload can tell which files changed and report them by name.
 */
final class ConfigFingerprints {

    private ConfigFingerprints() {
    }

    static Map<String, String> of(Path configDir, Path routesDir) {
        Map<String, String> out = new TreeMap<>();
        for (String name : List.of("ladder.yaml", "policy.yaml", "providers.yaml")) {
            add(out, configDir.resolve(name), configDir);
        }
        Path templates = configDir.resolve("templates");
        if (Files.isDirectory(templates)) {
            try (Stream<Path> walk = Files.walk(templates)) {
                walk.filter(Files::isRegularFile).forEach(p -> add(out, p, configDir));
            } catch (IOException e) {
                out.put("templates/", "unreadable");
            }
        }
        try (Stream<Path> list = Files.list(routesDir)) {
            list.filter(p -> p.toString().endsWith(".yaml")).forEach(p -> add(out, p, routesDir.getParent() == null
                    ? routesDir : routesDir.toAbsolutePath().getParent()));
        } catch (IOException e) {
            out.put("routes/", "unreadable");
        }
        return out;
    }

    /** The files whose fingerprint differs, or that exist on one side only. */
    static List<String> changed(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        return names.stream().filter(n -> !Objects.equals(before.get(n), after.get(n))).toList();
    }

    private static void add(Map<String, String> out, Path file, Path base) {
        String name = base.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
        try {
            out.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        } catch (IOException e) {
            out.put(name, "unreadable");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
