package io.gatewatch.app.config;

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

    static KafkaSettings read(ConfigNode n) {
        n.allowOnly("bootstrap_servers", "application_id", "topics", "partitions", "replication_factor", "properties",
                "processing_guarantee", "instance_id", "rocksdb");
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
                Map.copyOf(props),
                guaranteeOf(n, props),
                instanceIdOf(n),
                rocksDbOf(n.child("rocksdb")));
    }

    /** {@code processing_guarantee}, or the same choice made through {@code properties}, but not two different ones. */
    private static ProcessingGuarantee guaranteeOf(ConfigNode n, Map<String, String> props) {
        ProcessingGuarantee chosen = n.oneOf("processing_guarantee", ProcessingGuarantee.EXACTLY_ONCE_V2,
                ProcessingGuarantee.class);
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

    private static String instanceIdOf(ConfigNode n) {
        if (!n.has("instance_id")) {
            return null;
        }
        String id = n.text("instance_id", null);
        if (id != null && !id.matches("[A-Za-z0-9._-]{1,200}")) {
            n.problem("instance_id", n.json().get("instance_id"), "may use only letters, digits, '.', '_' and '-'");
            return null;
        }
        return id;
    }

    private static RocksDbMemory rocksDbOf(ConfigNode r) {
        r.allowOnly("block_cache_mb", "write_buffer_mb");
        int cache = r.integer("block_cache_mb", RocksDbMemory.DEFAULTS.blockCacheMb(), 8, 1 << 20);
        int buffers = r.integer("write_buffer_mb", RocksDbMemory.DEFAULTS.writeBufferMb(), 2, 1 << 20);
        if (buffers >= cache) {
            String key = r.has("write_buffer_mb") ? "write_buffer_mb" : "block_cache_mb";
            r.problem(key, r.json().get(key), "write_buffer_mb (" + buffers + ") must be below block_cache_mb ("
                    + cache + "): the write buffers are charged against the block cache");
            return RocksDbMemory.DEFAULTS;
        }
        return new RocksDbMemory(cache, buffers);
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
