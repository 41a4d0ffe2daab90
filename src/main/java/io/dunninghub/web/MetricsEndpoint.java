package io.dunninghub.web;

import io.dunninghub.metrics.BacklogGauges;
import io.dunninghub.metrics.PrometheusHubMetrics;
import org.apache.camel.Exchange;

/**
 * The metrics routes' bean ({@code routes/metrics.yaml}): {@code GET /metrics} answers the Prometheus text
 * format, or 404 when {@code hub.metrics.enabled} is false; the backlog timer refreshes the backlog gauges.
 */
public final class MetricsEndpoint {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Metrics are off: {@code /metrics} answers 404 and there is no backlog to read. */
    public static final MetricsEndpoint OFF = new MetricsEndpoint(null, null, false);

    private final PrometheusHubMetrics metrics;
    private final BacklogGauges backlog;
    private final boolean on;

    public MetricsEndpoint(PrometheusHubMetrics metrics, BacklogGauges backlog) {
        this(java.util.Objects.requireNonNull(metrics), java.util.Objects.requireNonNull(backlog), true);
    }

    private MetricsEndpoint(PrometheusHubMetrics metrics, BacklogGauges backlog, boolean on) {
        this.metrics = metrics;
        this.backlog = backlog;
        this.on = on;
    }

    public void scrape(Exchange exchange) {
        exchange.getMessage().removeHeaders("*"); // answer with our headers only, not the request's
        if (!on) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getMessage().setBody("metrics are off (hub.metrics.enabled = false)\n");
            return;
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getMessage().setBody(metrics.scrape());
    }

    public void refreshBacklog() {
        if (on) {
            backlog.refresh();
        }
    }
}
