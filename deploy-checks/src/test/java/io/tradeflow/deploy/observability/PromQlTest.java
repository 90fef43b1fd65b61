package io.tradeflow.deploy.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void functionsAggregationsLabelsRangesAndKeywordsAreNoMetrics() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(tradeflow_x_seconds_bucket{job=\"a\", le=~\"1.*\"}[$__rate_interval])))"))
                .containsExactly("tradeflow_x_seconds_bucket");
        assertThat(PromQl.metricNames("sum by (service) (increase(a_total{reason=~\"x|y\"}[10m])) > 0 or sum(b_total unless c_total offset 10m) by (d)"))
                .containsExactly("a_total", "b_total", "c_total");
        assertThat(PromQl.metricNames("up{job=\"tradeflow\"} == 0 and on (service) max_over_time(x[5m:1m]) * 60 > 1e3"))
                .containsExactly("up", "x");
    }
}
