package io.dunninghub.metrics;

import org.apache.camel.Exchange;

/**
 * The metrics routes' bean ({@code routes/metrics.yaml}): {@code GET /metrics} answers the Prometheus text
 * format, or 404 when {@code hub.metrics.enabled} is false; the backlog timer refreshes the backlog gauges.
 */
public final class MetricsEndpoint {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusHubMetrics metrics;
    private final BacklogGauges backlog;

    /** @param metrics null when metrics are off */
    public MetricsEndpoint(PrometheusHubMetrics metrics, BacklogGauges backlog) {
        this.metrics = metrics;
        this.backlog = backlog;
    }

    public static MetricsEndpoint off() {
        return new MetricsEndpoint(null, null);
    }

    public void scrape(Exchange exchange) {
        exchange.getMessage().removeHeaders("*"); // answer with our headers only, not the request's
        if (metrics == null) {
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
        if (backlog != null) {
            backlog.refresh();
        }
    }
}
