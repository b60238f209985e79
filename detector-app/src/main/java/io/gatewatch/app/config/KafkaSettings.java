package io.gatewatch.app.config;

import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.Validator;
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

    private static final String NAME_CHARS = "letters, digits, '.', '_' and '-'";
    static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.text("bootstrap_servers", "localhost:9092")
            .doc("used by `run`; demo and replay start their own broker");
    static final ConfigKey<String> APPLICATION_ID = ConfigKey.text("application_id", "gatewatch")
            .check(Validator.matches("[A-Za-z0-9._-]{1,200}", "not an application id", "1 to 200 " + NAME_CHARS))
            .doc("instances with the same id share the work");
    static final ConfigKey<Integer> PARTITIONS = ConfigKey.integer("partitions", 4).range(1, 10_000)
            .doc("of the topics Gatewatch creates: the unit of scale-out");
    static final ConfigKey<Integer> REPLICATION_FACTOR = ConfigKey.integer("replication_factor", 1).range(1, 32)
            .doc("of the topics Gatewatch creates");
    static final ConfigKey<String> TOPIC_RAW = topic("raw", "gatewatch.raw", "raw log lines or JSON objects");
    static final ConfigKey<String> TOPIC_EVENTS = topic("events", "gatewatch.events", "canonical ApiEvent JSON");
    static final ConfigKey<String> TOPIC_ALERTS = topic("alerts", "gatewatch.alerts", "Alert v1 JSON");
    static final ConfigKey<String> TOPIC_DLQ = topic("dlq", "gatewatch.dlq", "records that could not be read, with the reason");
    static final ConfigKey<String> TOPIC_ROUTE_TALLIES = topic("route_tallies", "gatewatch.route-tallies",
            "per-route, per-second summaries from the client tasks to the route tasks");
    static final ConfigDef TOPICS = ConfigDef.of(TOPIC_RAW, TOPIC_EVENTS, TOPIC_ALERTS, TOPIC_DLQ, TOPIC_ROUTE_TALLIES);
    /** The keys of the {@code kafka:} block. */
    public static final ConfigDef KEYS = ConfigDef.of(BOOTSTRAP_SERVERS, APPLICATION_ID, PARTITIONS, REPLICATION_FACTOR,
            new ConfigDef.Section("topics", TOPICS, "the topics Gatewatch reads and writes; all different"),
            new ConfigDef.FreeMap("properties", "passed to Kafka Streams as given (security, tuning, ...)", false));

    private static ConfigKey<String> topic(String name, String defaultValue, String doc) {
        return ConfigKey.text(name, defaultValue)
                .check(Validator.matches("[A-Za-z0-9._-]{1,249}", "not a Kafka topic name", "1 to 249 " + NAME_CHARS))
                .doc(doc);
    }

    static KafkaSettings read(ConfigNode n) {
        n.allowOnly(KEYS);
        ConfigNode t = n.child("topics");
        t.allowOnly(TOPICS);
        Topics topics = new Topics(t.get(TOPIC_RAW), t.get(TOPIC_EVENTS), t.get(TOPIC_ALERTS), t.get(TOPIC_DLQ),
                t.get(TOPIC_ROUTE_TALLIES));
        if (topics.all().stream().distinct().count() < topics.all().size()) {
            t.problem("the raw, events, alerts, dlq and route_tallies topics must all be different topics");
        }
        Map<String, String> props = new java.util.LinkedHashMap<>();
        n.child("properties").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        return new KafkaSettings(n.get(BOOTSTRAP_SERVERS), n.get(APPLICATION_ID), topics, n.get(PARTITIONS),
                n.get(REPLICATION_FACTOR).shortValue(), Map.copyOf(props));
    }
}
