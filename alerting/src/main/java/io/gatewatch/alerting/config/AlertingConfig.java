package io.gatewatch.alerting.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.schema.Alert;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code alerting:} block of gatewatch.yaml: where alerts go, and how they are deduplicated and grouped.
 * See docs/alerting.md for the reference.
 *
 * @param deadLetterTopic where alerts undeliverable after retries go, with the sink name and reason
 */
public record AlertingConfig(
        List<SinkConfig> sinks,
        List<RouteRule> routes,
        DedupSettings dedup,
        GroupingSettings grouping,
        String deadLetterTopic) {

    public static final String DEFAULT_DEAD_LETTER_TOPIC = "gatewatch.alerts.dlq";

    public AlertingConfig {
        sinks = List.copyOf(sinks);
        routes = List.copyOf(routes);
    }

    /** One console sink receiving every non-shadow alert. */
    public static AlertingConfig defaults() {
        SinkConfig console = new SinkConfig.Console("console", DeliverySettings.defaults());
        return new AlertingConfig(List.of(console), List.of(everyAlertTo(List.of("console"))),
                DedupSettings.defaults(), GroupingSettings.disabled(), DEFAULT_DEAD_LETTER_TOPIC);
    }

    static RouteRule everyAlertTo(List<String> sinks) {
        return new RouteRule("default", Set.of(), Alert.Severity.LOW, Set.of(Alert.Mode.ALERT), Set.of(), sinks);
    }

    /**
     * Reads and validates the {@code alerting:} node, with secrets from the process environment.
     * Every problem is appended to {@code problems} as {@code alerting.<key path> = <value>: <reason>};
     * the result is meant to be used only when no problem was added. A null or missing node gives
     * {@link #defaults()}.
     */
    public static AlertingConfig fromTree(JsonNode alertingNode, List<String> problems) {
        return fromTree(alertingNode, problems, System::getenv);
    }

    /**
     * As {@link #fromTree(JsonNode, List)}, reading environment variables through {@code env}; a route's
     * {@code detectors} are checked only for their shape.
     */
    public static AlertingConfig fromTree(JsonNode alertingNode, List<String> problems, Function<String, String> env) {
        return fromTree(alertingNode, problems, env, Set.of());
    }

    /**
     * As {@link #fromTree(JsonNode, List, Function)}, refusing a route that names a detector outside
     * {@code detectorIds} (the detector registry's ids: this module names no detector itself).
     */
    public static AlertingConfig fromTree(JsonNode alertingNode, List<String> problems, Function<String, String> env,
            Set<String> detectorIds) {
        return new ConfigReader(new Problems(problems, env), detectorIds).read(alertingNode);
    }

    /**
     * This config with {@code linkBase} as the link base of every Slack sink that names none: where
     * alerting runs beside the query API, the API's address is the natural page to link to.
     */
    public AlertingConfig withDefaultSlackLinkBase(String linkBase) {
        List<SinkConfig> linked = sinks.stream().map(s -> s instanceof SinkConfig.Slack slack && slack.linkBase() == null
                ? (SinkConfig) new SinkConfig.Slack(slack.name(), slack.url(), slack.delivery(), linkBase) : s).toList();
        return new AlertingConfig(linked, routes, dedup, grouping, deadLetterTopic);
    }

    public Optional<SinkConfig> sink(String name) {
        return sinks.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Map<String, SinkConfig> sinksByName() {
        return sinks.stream().collect(Collectors.toUnmodifiableMap(SinkConfig::name, s -> s));
    }
}
