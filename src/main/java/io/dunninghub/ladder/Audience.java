package io.dunninghub.ladder;

import java.util.List;

/**
 * Who a notice goes to. The borrower, or a co-borrower or guarantor of the same loan where the core
 * database says there is one. Relatives, employers, friends and other third parties are never an audience.
 */
public final class Audience {

    public static final String BORROWER = "borrower";
    public static final String CO_BORROWER = "co-borrower";
    public static final String GUARANTOR = "guarantor";
    public static final List<String> ALL = List.of(BORROWER, CO_BORROWER, GUARANTOR);

    private Audience() {
    }

    /** A notice's audience: {@code borrower}, or the role and the party's id, e.g. {@code guarantor/P17}. */
    public static String of(String role, String partyId) {
        return BORROWER.equals(role) ? BORROWER : role + "/" + partyId;
    }

    public static String role(String audience) {
        int slash = audience.indexOf('/');
        return slash < 0 ? audience : audience.substring(0, slash);
    }

    public static String partyId(String audience) {
        int slash = audience.indexOf('/');
        return slash < 0 ? null : audience.substring(slash + 1);
    }

    /** Normalises a role as written in a core database: {@code Co_Borrower} → {@code co-borrower}. */
    public static String normalise(String role) {
        if (role == null) {
            return "";
        }
        String r = role.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace(' ', '-');
        return r.equals("coborrower") ? CO_BORROWER : r;
    }
}
