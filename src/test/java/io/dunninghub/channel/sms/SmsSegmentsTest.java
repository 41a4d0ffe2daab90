package io.dunninghub.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void gsm7TextIs160InOneSegmentThen153Each() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
        assertThat(SmsSegments.isGsm7("Reply STOP to opt out. Pay at https://x.example/p?id=1")).isTrue();
    }

    @Test
    void extensionCharactersCountTwice() {
        // 80 euro signs are 160 septets: still one segment; one more character makes two
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.count("€".repeat(80) + "a")).isEqualTo(2);
    }

    @Test
    void chineseTextIs70ThenLongSmsOf67IncludingTheSignature() {
        assertThat(SmsSegments.count("逾".repeat(70))).isEqualTo(1);
        assertThat(SmsSegments.count("逾".repeat(71))).isEqualTo(2);
        // the provider's example: 160 characters are 67 + 67 + 26 = 3 messages
        assertThat(SmsSegments.count("逾".repeat(160))).isEqualTo(3);
        // 66 characters of text fit alone, but not with a 6-character signature 【示例银行】
        assertThat(SmsSegments.count("逾".repeat(66))).isEqualTo(1);
        assertThat(SmsSegments.count("【示例银行】", "逾".repeat(66))).isEqualTo(2);
    }

    @Test
    void oneNonGsmCharacterMakesTheWholeTextUcs2() {
        assertThat(SmsSegments.count("a".repeat(100))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(99) + "ç")).isEqualTo(2);
    }
}
