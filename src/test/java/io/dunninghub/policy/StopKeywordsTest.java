package io.dunninghub.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StopKeywordsTest {

    private final StopKeywords keywords = StopKeywords.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", " Stop. ", "ＳＴＯＰ", "unsubscribe", "Opt out", "OPTOUT", "cancel", "END",
            "quit", "revoke", "退订", "回复退订", "我要退订，谢谢", "退訂", "TD", "td", "T", "取消", "Stop texting me", "STOP!!!"})
    void revokesConsent(String reply) {
        assertThat(keywords.isStop(reply)).as(reply).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "OK", "Thanks, I paid yesterday", "TD Bank transfer done", "Tomorrow", "谢谢",
            "I will pay at the end of the month", "Don't stop now", "Start"})
    void doesNotRevoke(String reply) {
        assertThat(keywords.isStop(reply)).as(reply).isFalse();
    }

    @Test
    void extraKeywordsFromThePolicy() {
        StopKeywords withN = new StopKeywords(List.of("N", "BAST"));
        assertThat(withN.match("bast")).contains("BAST");
        assertThat(withN.isStop("n")).isTrue();
        assertThat(keywords.isStop("n")).isFalse();
        assertThat(keywords.isStop(null)).isFalse();
    }
}
