package io.gatewatch.app.config;

import java.util.List;
import java.util.Map;

/**
 * Where Gatewatch reads and writes. {@code bootstrapServers} is ignored by the embedded-broker modes
 * (demo, replay), which start their own broker.
 *
 * @param partitions        partitions of the topics Gatewatch creates: its unit of scale-out
 * @param properties        extra Kafka Streams / client properties passed through as given
 */
public record KafkaSettings(
        String bootstrapServers,
        String applicationId,
        Topics topics,
        int partitions,
        short replicationFactor,
        Map<String, String> properties) {

    /** @param routeTallies per-route, per-second summaries from the client tasks to the route tasks */
    public record Topics(String raw, String events, String alerts, String dlq, String routeTallies) {
        public List<String> all() {
            return List.of(raw, events, alerts, dlq, routeTallies);
        }
    }

    static KafkaSettings read(ConfigNode n) {
        n.allowOnly("bootstrap_servers", "application_id", "topics", "partitions", "replication_factor", "properties");
        ConfigNode t = n.child("topics");
        t.allowOnly("raw", "events", "alerts", "dlq", "route_tallies");
        Topics topics = new Topics(
                topicName(t, "raw", "gatewatch.raw"),
                topicName(t, "events", "gatewatch.events"),
                topicName(t, "alerts", "gatewatch.alerts"),
                topicName(t, "dlq", "gatewatch.dlq"),
                topicName(t, "route_tallies", "gatewatch.route-tallies"));
        if (topics.all().stream().distinct().count() < topics.all().size()) {
            t.problem("the raw, events, alerts, dlq and route_tallies topics must all be different topics");
        }
        Map<String, String> props = new java.util.LinkedHashMap<>();
        n.child("properties").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        return new KafkaSettings(
                n.text("bootstrap_servers", "localhost:9092"),
                applicationIdOf(n),
                topics,
                n.integer("partitions", 4, 1, 10_000),
                (short) n.integer("replication_factor", 1, 1, 32),
                Map.copyOf(props));
    }

    private static String applicationIdOf(ConfigNode n) {
        String id = n.text("application_id", "gatewatch");
        if (!id.matches("[A-Za-z0-9._-]{1,200}")) {
            n.problem("application_id", n.json().get("application_id"), "may use only letters, digits, '.', '_' and '-'");
            return "gatewatch";
        }
        return id;
    }

    private static String topicName(ConfigNode t, String key, String def) {
        String name = t.text(key, def);
        if (!name.matches("[A-Za-z0-9._-]{1,249}")) {
            t.problem(key, t.json().get(key), "a Kafka topic name may use only letters, digits, '.', '_' and '-'");
            return def;
        }
        return name;
    }
}
