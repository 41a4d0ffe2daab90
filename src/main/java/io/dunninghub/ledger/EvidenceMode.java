package io.dunninghub.ledger;

import java.util.Locale;

/**
 * How much of what was sent the ledger keeps ({@code hub.evidence.content}): nothing, the hashes (of the bytes
 * sent, the template and the configuration snapshot), or the hashes and the content itself, encrypted.
 */
public enum EvidenceMode {
    NONE, HASHES, FULL;

    /** {@code none}, {@code hashes} or {@code full}, any case; anything else is refused. */
    public static EvidenceMode parse(String value) {
        if (value != null) {
            for (EvidenceMode m : values()) {
                if (m.name().equalsIgnoreCase(value.strip())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("must be none, hashes or full, not '" + value + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
