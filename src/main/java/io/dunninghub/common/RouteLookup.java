package io.dunninghub.common;

import java.util.List;

/**
 * Rows an integrator's route answers for a list of ids, for a core bank that is not a SQL schema: the re-check of
 * installments right before sending ({@code direct:installments.recheck}, hub.recheck.source = route) and the
 * borrowers' contacts ({@code direct:contacts}, hub.contacts.source = route). The daemon calls the route; the stages
 * read the answer as they read the SQL's rows.
 */
@FunctionalInterface
public interface RouteLookup {

    /**
     * The route's answer for {@code ids}: a list, an iterable or an iterator of maps (column name to value), one per
     * id the core bank knows; an id it does not return is absent. A route that fails throws, and the caller's batch
     * is handed back untouched.
     */
    Object rows(List<String> ids);

    /** None configured: the SQL of the core database is read instead. */
    RouteLookup NONE = ids -> {
        throw new IllegalStateException("no route answers this lookup");
    };
}
