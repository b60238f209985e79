package io.gatewatch.app.bench;

import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.schema.parse.Parsers;
import java.util.List;

/**
 * The configs the bench runs: Gatewatch's defaults (every detector as shipped, none switched off),
 * with only where-to-read-and-write changed, through the same loader and validation users get.
 */
final class BenchConfigs {
    private BenchConfigs() {
    }

    static GatewatchConfig defaults(Parsers parsers, BenchOptions options, String applicationId, String topicPrefix) {
        String yaml = "kafka:\n"
                + "  partitions: " + options.partitions() + "\n"
                + (options.threads() == BenchOptions.DEFAULT_THREADS ? ""
                        : "  properties: {num.stream.threads: \"" + options.threads() + "\"}\n")
                + "  processing_guarantee: " + options.guarantee().streamsValue() + "\n"
                + "  application_id: " + applicationId + "\n"
                + "  topics: {raw: " + topicPrefix + ".raw, events: " + topicPrefix + ".events, alerts: "
                + topicPrefix + ".alerts, dlq: " + topicPrefix + ".dlq, route_tallies: " + topicPrefix + ".route-tallies}\n";
        try {
            return new ConfigLoader(parsers.names(), alerting -> List.of()).parse(yaml, "bench");
        } catch (ConfigException e) {
            throw new IllegalStateException("the bench's own config is invalid: " + e.problems(), e);
        }
    }
}
