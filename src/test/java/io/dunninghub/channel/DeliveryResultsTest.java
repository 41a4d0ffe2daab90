package io.dunninghub.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.channel.DeliveryResult.Outcome;
import org.junit.jupiter.api.Test;

/** The helper YAML routes use to answer with hub.result. */
class DeliveryResultsTest {

    private final DeliveryResults results = new DeliveryResults();

    @Test
    void httpStatusesMapLikeTheBuiltInAdapters() {
        assertThat(results.http("p", 200, "id-1")).isEqualTo(DeliveryResult.sent("p", "id-1"));
        assertThat(results.http("p", 429, null).reasonCode()).isEqualTo("RATE_LIMITED");
        assertThat(results.http("p", 429, null).outcome()).isEqualTo(Outcome.RETRY);
        assertThat(results.http("p", 503, null).outcome()).isEqualTo(Outcome.RETRY);
        assertThat(results.http("p", 408, null).reasonCode()).isEqualTo("HTTP_408");
        assertThat(results.http("p", 404, null).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(results.http("p", 404, null).reasonCode()).isEqualTo("HTTP_404");
    }

    @Test
    void bodyCodesAreSentFailedOrRetriedAsConfigured() {
        assertThat(results.byCode("p", "0", "0", "m1", "WECOM", "45009,-1")).isEqualTo(DeliveryResult.sent("p", "m1"));
        assertThat(results.byCode("p", "-1", "0", null, "WECOM", "45009,-1").outcome()).isEqualTo(Outcome.RETRY);
        assertThat(results.byCode("p", "81013", "0", null, "WECOM", "45009,-1").reasonCode()).isEqualTo("WECOM_81013");
        assertThat(results.byCode("p", null, "0", null, "DING", null).reasonCode()).isEqualTo("DING_UNKNOWN");
    }
}
