package io.gatewatch.app.topology;

import io.gatewatch.app.config.KafkaSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Properties;
import java.util.zip.CRC32;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams properties for the topology: Gatewatch's defaults, then the user's {@code kafka.properties}. */
public final class StreamsSettings {
    /**
     * A static member that stops heartbeating keeps its partitions this long: a restart within it gets
     * them back with no rebalance at all, a dead instance's partitions move to a standby after it. 15 s
     * rides out a GC pause or a supervisor restart (the JVM starts in 2-3 s) and still fails over within
     * the time an on-call person would notice; Kafka's default (45 s) is made for dynamic members.
     */
    static final int SESSION_TIMEOUT_MS = 15_000;
    /**
     * Not a Kafka setting: the raw topic's partition count, which the detect stage waits for when it puts
     * a backlog back in event-time order. Absent (a test driver), it knows only the partitions it has seen.
     */
    public static final String RAW_PARTITIONS = "gatewatch.raw.partitions";

    private StreamsSettings() {
    }

    public static java.time.Duration sessionTimeout() {
        return java.time.Duration.ofMillis(SESSION_TIMEOUT_MS);
    }

    public static Properties of(KafkaSettings kafka, String bootstrapServers, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, kafka.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(kafka.replicationFactor()));
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, kafka.processingGuarantee().streamsValue());
        // Alerts should leave within a second of the event. Under exactly-once every hop (raw -> events ->
        // alerts) becomes visible only at a commit, so an alert waits two commits: 100 ms (Kafka's own
        // exactly-once default) keeps that well under a second, where 1000 ms gave a p99 of 2.4 s in bench.
        // The record cache still absorbs hot keys between commits.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                kafka.processingGuarantee() == KafkaSettings.ProcessingGuarantee.EXACTLY_ONCE_V2 ? "100" : "1000");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(32L * 1024 * 1024));
        // A warm copy of each store on another instance: fail-over without replaying the changelog. With one
        // instance there is nowhere to put it, and Streams simply runs without.
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId(kafka, stateDir));
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), Integer.toString(SESSION_TIMEOUT_MS));
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                Integer.toString(SESSION_TIMEOUT_MS / 5));
        // Fewer, larger producer batches: every batch allocates LZ4's 64 KB block buffers, which were a fifth of
        // the stream thread's allocation in bench with 5 ms batches of 16 KB. Under exactly-once a commit
        // (every 100 ms) flushes whatever is waiting, so lingering longer adds no latency there.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "20");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(128 * 1024));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.putAll(kafka.properties());
        return p;
    }

    /**
     * The static membership id: {@code kafka.instance_id}, or the host name and a hash of the state
     * directory, which stay the same across restarts of one instance and differ between two instances
     * on one host (they cannot share a state directory).
     */
    public static String instanceId(KafkaSettings kafka, Path stateDir) {
        if (kafka.instanceId() != null) {
            return kafka.instanceId();
        }
        CRC32 crc = new CRC32();
        crc.update(stateDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        return hostName().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gatewatch";
        }
    }
}
