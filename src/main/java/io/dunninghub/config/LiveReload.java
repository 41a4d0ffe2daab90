package io.dunninghub.config;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Puts the live files in force on request ({@code POST /admin/reload}); {@link #UNAVAILABLE} outside the daemon. */
@FunctionalInterface
public interface LiveReload {

    enum Status { APPLIED, UNCHANGED, REJECTED, UNAVAILABLE }

    /** @param changed the files that differ from the configuration that was in force */
    record Result(Status status, List<String> changed, List<String> problems) {
    }

    /** The future completes when the outcome is known. */
    CompletableFuture<Result> reloadAsync(String trigger);

    /** No live configuration here (run --once, the commands): nothing is reloaded. */
    LiveReload UNAVAILABLE = trigger -> CompletableFuture.completedFuture(
            new Result(Status.UNAVAILABLE, List.of(), List.of("live reload runs in the daemon only")));
}
