package io.gatewatch.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void shouldFindMetricNamesAndSkipFunctionsLabelsGroupingAndKeywords() {
        assertEquals(Set.of("gatewatch_sink_send_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le, sink) (rate(gatewatch_sink_send_seconds_bucket{sink=~\"a|b\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b_total"), PromQl.metricNames(
                "sum by (instance) (rate(a_total[5m])) > 0 and on (instance) increase(b_total{x=\"c_total\"}[10m:1m]) == 0"));
        assertEquals(Set.of("up"), PromQl.metricNames("up{job=~\"gatewatch|gatewatch-alerting\"} == 0"));
        assertEquals(Set.of("x_seconds"), PromQl.metricNames("x_seconds > 1e3 or x_seconds offset 5m"));
    }
}
