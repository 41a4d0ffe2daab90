package io.dunninghub.policy;

import io.dunninghub.ledger.ContactAttempt;
import io.dunninghub.contact.Contact;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers each borrower's {@link Standing} for a chunk or batch: the hub's tables, the optional core queries,
 * and the contacts already made (which the caller reads from the ledger). One query per source per chunk.
 */
public final class StandingSource {

    private static final List<String> ADDRESS_CHANNELS = List.of("sms", "email", "push", "letter");

    private final PolicyStore hub;
    private final CoreStanding core;
    private final String defaultRegion;
    private final Duration conversationLookback;

    /**
     * @param hub                  the hub's tables
     * @param core                 what the core database records (its queries may all be blank)
     * @param conversationLookback how far back conversations count (the longest cool-down)
     */
    public StandingSource(PolicyStore hub, CoreStanding core, String defaultRegion, Duration conversationLookback) {
        this.hub = hub;
        this.core = core;
        this.defaultRegion = defaultRegion;
        this.conversationLookback = conversationLookback;
    }

    /**
     * @param people   per borrower: their own contact and the parties of their loans that may be contacted
     * @param attempts per borrower: contacts already made (sent, or cleared for sending) in the last 8 days
     */
    public Map<String, Standing> load(Map<String, List<Contact>> people, Map<String, List<ContactAttempt>> attempts,
                                      Instant now) throws SQLException {
        Set<String> borrowers = new LinkedHashSet<>(people.keySet());
        borrowers.addAll(attempts.keySet());
        Map<String, Set<String>> keysByBorrower = new HashMap<>();
        Set<String> allKeys = new LinkedHashSet<>();
        people.forEach((b, list) -> {
            Set<String> keys = new LinkedHashSet<>();
            for (Contact c : list) {
                if (c == null) {
                    continue;
                }
                for (String ch : ADDRESS_CHANNELS) {
                    String k = AddressKey.of(ch, c.addressFor(ch), defaultRegion);
                    if (k != null) {
                        keys.add(k);
                    }
                }
            }
            keysByBorrower.put(b, keys);
            allKeys.addAll(keys);
        });
        PolicyStore.Loaded loaded = hub.load(borrowers, allKeys, now, now.minus(conversationLookback));
        core.load(borrowers, loaded);
        Map<String, Standing> out = new HashMap<>();
        for (String b : borrowers) {
            List<Standing.OptOut> optOuts = new ArrayList<>(loaded.borrowerOptOuts().getOrDefault(b, List.of()));
            for (String k : keysByBorrower.getOrDefault(b, Set.of())) {
                optOuts.addAll(loaded.addressOptOuts().getOrDefault(k, List.of()));
            }
            out.put(b, new Standing(loaded.holds().getOrDefault(b, List.of()), loaded.promises().getOrDefault(b, List.of()),
                    optOuts, attempts.getOrDefault(b, List.of()), loaded.conversations().getOrDefault(b, List.of())));
        }
        return out;
    }

    /** Borrower ids of a collection, without repeats, for the IN lists. */
    public static List<String> distinct(Collection<String> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
