package io.gatewatch.alerting;

import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.config.RouteRule;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.schema.Alert;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which sinks an alert goes to: the union of the sinks of every matching route rule, in config order.
 * Shadow-mode alerts never reach a sink people read (Slack, webhook), whatever the rules say.
 */
public final class AlertRouter {
    private final List<RouteRule> rules;
    private final Map<String, SinkConfig> sinks;

    public AlertRouter(AlertingConfig config) {
        this.rules = config.routes();
        this.sinks = config.sinksByName();
    }

    public List<String> sinksFor(Alert alert) {
        boolean shadow = alert.mode() == Alert.Mode.SHADOW;
        Set<String> out = new LinkedHashSet<>();
        for (RouteRule rule : rules) {
            if (!rule.matches(alert)) {
                continue;
            }
            for (String name : rule.sinks()) {
                SinkConfig sink = sinks.get(name);
                if (sink != null && !(shadow && sink.readByPeople())) {
                    out.add(name);
                }
            }
        }
        return List.copyOf(out);
    }
}
