package io.dunninghub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DedupeKeyTest {

    @Test
    void keyNamesInstallmentStepChannelAudienceAndCycle() {
        assertThat(DedupeKey.of("L1-2", "early", "sms", "borrower", 0)).isEqualTo("L1-2:early:sms:borrower:0");
    }

    @Test
    void everyPartChangesTheKey() {
        String base = DedupeKey.of("I", "s", "sms", "borrower", 0);
        assertThat(DedupeKey.of("J", "s", "sms", "borrower", 0)).isNotEqualTo(base);
        assertThat(DedupeKey.of("I", "t", "sms", "borrower", 0)).isNotEqualTo(base);
        assertThat(DedupeKey.of("I", "s", "email", "borrower", 0)).isNotEqualTo(base);
        assertThat(DedupeKey.of("I", "s", "sms", "guarantor", 0)).isNotEqualTo(base);
        assertThat(DedupeKey.of("I", "s", "sms", "borrower", 1)).isNotEqualTo(base);
    }

    @Test
    void noticeIdIsStableForTheSameKeyOnEveryInstance() {
        String key = DedupeKey.of("I", "s", "sms", "borrower", 0);
        assertThat(DedupeKey.noticeId(key)).isEqualTo(DedupeKey.noticeId(new String(key)))
                .hasSize(36)
                .isNotEqualTo(DedupeKey.noticeId(key + "x"));
    }
}
