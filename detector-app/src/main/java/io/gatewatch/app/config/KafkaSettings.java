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
 * @param partitions          partitions of the topics Gatewatch creates: its unit of scale-out
 * @param properties          extra Kafka Streams / client properties passed through as given
 * @param processingGuarantee exactly-once unless the config opts out
 * @param instanceId          this instance's static group membership id, or null to derive one from the
 *                            host name and state directory
 * @param rocksDb             the memory all RocksDB stores of the instance share
 */
public record KafkaSettings(
        String bootstrapServers,
        String applicationId,
        Topics topics,
        int partitions,
        short replicationFactor,
        Map<String, String> properties,
        ProcessingGuarantee processingGuarantee,
        String instanceId,
        RocksDbMemory rocksDb) {

    /** With the defaults for the settings added since: exactly-once, derived instance id, default RocksDB memory. */
    public KafkaSettings(String bootstrapServers, String applicationId, Topics topics, int partitions,
            short replicationFactor, Map<String, String> properties) {
        this(bootstrapServers, applicationId, topics, partitions, replicationFactor, properties,
                ProcessingGuarantee.EXACTLY_ONCE_V2, null, RocksDbMemory.DEFAULTS);
    }

    /** The same settings with another partition count (the embedded modes use one partition). */
    public KafkaSettings withPartitions(int n) {
        return new KafkaSettings(bootstrapServers, applicationId, topics, n, replicationFactor, properties,
                processingGuarantee, instanceId, rocksDb);
    }

    /**
     * How Kafka Streams commits. Exactly-once makes a crash invisible downstream (no alert twice, no
     * event counted twice); at-least-once is cheaper and may repeat alerts after a crash.
     */
    public enum ProcessingGuarantee {
        EXACTLY_ONCE_V2("exactly_once_v2"),
        AT_LEAST_ONCE("at_least_once");

        private final String streamsValue;

        ProcessingGuarantee(String streamsValue) {
            this.streamsValue = streamsValue;
        }

        /** The value of Kafka Streams' {@code processing.guarantee}. */
        public String streamsValue() {
            return streamsValue;
        }

        /** The guarantee a {@code processing.guarantee} property names, or null for an unknown value. */
        public static ProcessingGuarantee ofStreamsValue(String value) {
            for (ProcessingGuarantee g : values()) {
                if (g.streamsValue.equals(value)) {
                    return g;
                }
            }
            return null;
        }
    }

    /**
     * One block cache and one write-buffer budget shared by every RocksDB store of the instance, so
     * memory does not grow with the number of tasks and stores.
     *
     * @param blockCacheMb  LRU cache for data, index and filter blocks, in MiB
     * @param writeBufferMb memtables of all stores, in MiB, charged against the block cache
     */
    public record RocksDbMemory(int blockCacheMb, int writeBufferMb) {
        public static final RocksDbMemory DEFAULTS = new RocksDbMemory(64, 16);
    }

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
    static final ConfigKey<String> PROCESSING_GUARANTEE = ConfigKey.choice("processing_guarantee", "exactly_once_v2",
            List.of("exactly_once_v2", "at_least_once"))
            .doc("exactly_once_v2: a crash repeats no alert and counts no event twice; at_least_once is cheaper and "
                    + "may repeat alerts after a crash");
    static final ConfigKey<String> INSTANCE_ID = ConfigKey.text("instance_id", null).defaultText("host name + state dir")
            .check(Validator.matches("[A-Za-z0-9._-]{1,200}", "not an instance id", "1 to 200 " + NAME_CHARS))
            .doc("static group membership id of this instance: a restart within the session timeout causes no rebalance");
    static final ConfigKey<Integer> BLOCK_CACHE_MB = ConfigKey.integer("block_cache_mb", RocksDbMemory.DEFAULTS.blockCacheMb())
            .range(8, 1 << 20).doc("one LRU block cache shared by every RocksDB store of the instance, in MB");
    static final ConfigKey<Integer> WRITE_BUFFER_MB = ConfigKey.integer("write_buffer_mb",
            RocksDbMemory.DEFAULTS.writeBufferMb()).range(2, 1 << 20)
            .doc("write buffers of all stores, in MB, charged against the block cache (must be below it)");
    static final ConfigDef ROCKSDB = ConfigDef.of(BLOCK_CACHE_MB, WRITE_BUFFER_MB);
    /** The keys of the {@code kafka:} block. */
    public static final ConfigDef KEYS = ConfigDef.of(BOOTSTRAP_SERVERS, APPLICATION_ID, PARTITIONS, REPLICATION_FACTOR,
            PROCESSING_GUARANTEE, INSTANCE_ID,
            new ConfigDef.Section("rocksdb", ROCKSDB, "RocksDB memory, shared and bounded"),
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
                n.get(REPLICATION_FACTOR).shortValue(), Map.copyOf(props), guaranteeOf(n, props), n.get(INSTANCE_ID),
                rocksDbOf(n.child("rocksdb")));
    }

    /** {@code processing_guarantee}, or the same choice made through {@code properties}, but not two different ones. */
    private static ProcessingGuarantee guaranteeOf(ConfigNode n, Map<String, String> props) {
        ProcessingGuarantee chosen = ProcessingGuarantee.ofStreamsValue(n.get(PROCESSING_GUARANTEE));
        String property = props.get("processing.guarantee");
        if (property == null) {
            return chosen;
        }
        ProcessingGuarantee viaProperties = ProcessingGuarantee.ofStreamsValue(property);
        if (viaProperties == null) {
            n.child("properties").problem("processing.guarantee", n.json().get("properties").get("processing.guarantee"),
                    "must be exactly_once_v2 or at_least_once");
            return chosen;
        }
        if (n.has("processing_guarantee") && viaProperties != chosen) {
            n.problem("processing_guarantee", n.json().get("processing_guarantee"),
                    "contradicts properties.processing.guarantee = " + property + "; set one of them");
        }
        return viaProperties;
    }

    private static RocksDbMemory rocksDbOf(ConfigNode r) {
        r.allowOnly(ROCKSDB);
        int cache = r.get(BLOCK_CACHE_MB);
        int buffers = r.get(WRITE_BUFFER_MB);
        if (buffers >= cache) {
            String key = r.has("write_buffer_mb") ? "write_buffer_mb" : "block_cache_mb";
            r.problem(key, r.json().get(key), "write_buffer_mb (" + buffers + ") must be below block_cache_mb ("
                    + cache + "): the write buffers are charged against the block cache");
            return RocksDbMemory.DEFAULTS;
        }
        return new RocksDbMemory(cache, buffers);
    }
}
