package io.dunninghub.ledger;

import java.util.Locale;

/**
 * What one notice is about: one installment, a loan (every overdue installment of it), or a borrower (every
 * overdue installment of all their loans on that ladder). A ladder says which with {@code per:}.
 */
public enum NoticeScope {
    INSTALLMENT, LOAN, BORROWER;

    /** As written in ladder.yaml and stored in the ledger: {@code installment}, {@code loan}, {@code borrower}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A stored value; rows from before notices were grouped have none and are about one installment. */
    public static NoticeScope ofLabel(String label) {
        return label == null ? INSTALLMENT : valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
