package io.dunninghub.support;

import io.dunninghub.ledger.ContactHistory;
import io.dunninghub.contact.Contact;
import io.dunninghub.contact.PartyDirectory;
import io.dunninghub.ladder.LadderConfig;
import io.dunninghub.ledger.NoticeDraft;
import io.dunninghub.plan.PlanningPass;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.scan.Installment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The planner's pure decision with nothing known beyond the contact records: no parties, holds or contacts made. */
public final class Plans {

    private Plans() {
    }

    public static List<NoticeDraft> draft(List<Installment> chunk, Map<String, Contact> contactsByBorrower,
                                          LadderConfig ladders, ContactPolicy policy, LocalDate businessDate,
                                          Instant now) {
        return PlanningPass.draft(chunk, contactsByBorrower, PartyDirectory.Parties.NONE, Map.of(), ContactHistory.Histories.NONE, Set.of(), ladders,
                policy, businessDate, now);
    }
}
