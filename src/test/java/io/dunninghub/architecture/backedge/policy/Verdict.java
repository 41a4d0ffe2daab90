package io.dunninghub.architecture.backedge.policy;

/** A policy class (allowed to be used by later stages, not by the ledger). */
public final class Verdict {
}
