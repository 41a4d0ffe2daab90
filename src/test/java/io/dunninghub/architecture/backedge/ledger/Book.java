package io.dunninghub.architecture.backedge.ledger;

import io.dunninghub.architecture.backedge.policy.Verdict;

/** A ledger class that reaches back into the policy: what the layout rules must refuse. */
public final class Book {

    public Verdict last() {
        return new Verdict();
    }
}
