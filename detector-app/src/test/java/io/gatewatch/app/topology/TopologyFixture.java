package io.gatewatch.app.topology;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.LiveConfig;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.JsonSerde;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production topology in a TopologyTestDriver, with the config given as YAML text. */
public final class TopologyFixture implements AutoCloseable {
    public final GatewatchConfig config;
    public final GatewatchMetrics metrics = GatewatchMetrics.inMemory();
    public final TopologyTestDriver driver;
    public final TestInputTopic<byte[], byte[]> raw;
    public final TestOutputTopic<String, Alert> alerts;
    public final TestOutputTopic<byte[], byte[]> dlq;
    private final Path stateDir;

    public TopologyFixture(String yaml) throws Exception {
        this(yaml, DetectorRegistry.standard());
    }

    /** @param detectors the registry to run: production's, or one with a test's own detector */
    public TopologyFixture(String yaml, DetectorRegistry detectors) throws Exception {
        this(LiveConfig.fixed(new ConfigLoader(Parsers.standard().names(), n -> List.of(), detectors.configSections())
                .parse(yaml, "test.yaml")), detectors);
    }

    /** With a config that a test reloads: the topology takes each generation published to {@code live}. */
    public TopologyFixture(LiveConfig live, DetectorRegistry detectors) throws Exception {
        Parsers parsers = Parsers.standard();
        config = live.config();
        stateDir = Files.createTempDirectory(stateParent(), "gatewatch-ttd");
        Properties props = StreamsSettings.of(config.kafka(), "dummy:9092", stateDir);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        driver = new TopologyTestDriver(GatewatchTopology.build(live, parsers, metrics, detectors), props);
        var topics = config.kafka().topics();
        raw = driver.createInputTopic(topics.raw(), new ByteArraySerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(topics.alerts(), new StringDeserializer(),
                new JsonSerde<>(Alert.class).deserializer());
        dlq = driver.createOutputTopic(topics.dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * tmpfs when the machine has one: the test driver commits after every record, and each commit
     * flushes RocksDB and fsyncs the checkpoint file, about 10 ms a record on a busy disk against
     * well under 1 ms in memory.
     */
    private static Path stateParent() {
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > (256L << 20)) {
                return shm;
            }
        } catch (IOException e) {
            // no usable tmpfs: the default temporary directory will do, only slower
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    public TopologyFixture() throws Exception {
        this("");
    }

    /** Pipes lines as the raw topic would carry them; the events topic is fed back by the driver. */
    public void pipe(List<String> lines) {
        for (String line : lines) {
            raw.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), new RecordHeaders()));
        }
    }

    public void pipe(String line, String formatHeader) {
        RecordHeaders h = new RecordHeaders();
        h.add("format", formatHeader.getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), h));
    }

    /** Every entry of a store, as bytes: what a restart would find in it. */
    public java.util.Map<String, byte[]> storeContents(String store) {
        java.util.Map<String, byte[]> all = new java.util.LinkedHashMap<>();
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> s = driver.getKeyValueStore(store);
        try (var it = s.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }

    /**
     * Puts a previous run's entries into a store before any record is piped: a restart on the old store
     * (the test driver deletes its state directory on close, so the bytes are carried over instead).
     */
    public void restore(String store, java.util.Map<String, byte[]> contents) {
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> s = driver.getKeyValueStore(store);
        contents.forEach(s::put);
    }

    @Override
    public void close() {
        driver.close();
        io.gatewatch.app.run.TempDirs.deleteQuietly(stateDir);
    }
}
