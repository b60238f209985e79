package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.ApiEventSerde;
import io.gatewatch.schema.JsonSerde;
import io.gatewatch.schema.parse.Parsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The detect stage puts the events of two raw partitions back in event-time order, as the normalize
 * tasks of a backlog deliver them: one partition's task far ahead of the other's.
 */
class ReorderBufferTest {
    private static final Instant T0 = Instant.parse("2026-10-05T10:00:00Z");
    private final GatewatchMetrics metrics = GatewatchMetrics.inMemory();
    private final ApiEventSerde serde = new ApiEventSerde();
    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, Alert> alerts;
    private long newest0;
    private long newest1;

    @BeforeEach
    void start() throws Exception {
        Parsers parsers = Parsers.standard();
        GatewatchConfig config = new ConfigLoader(parsers.names(), n -> List.of()).defaults();
        stateDir = Files.createTempDirectory("gatewatch-reorder");
        Properties props = StreamsSettings.of(config.kafka(), "dummy:9092", stateDir);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        props.put(StreamsSettings.RAW_PARTITIONS, 2);
        driver = new TopologyTestDriver(GatewatchTopology.build(config, parsers, metrics), props, T0.plus(Duration.ofHours(1)));
        events = driver.createInputTopic(config.kafka().topics().events(), new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(config.kafka().topics().alerts(), new StringDeserializer(),
                new JsonSerde<>(Alert.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        io.gatewatch.app.run.TempDirs.deleteQuietly(stateDir);
    }

    /** An event as the normalize task of raw partition {@code partition} writes it, with that partition's progress. */
    private void fromRawPartition(int partition, String ip, Instant t, String method, String path, int status) {
        ApiEvent e = ApiEvent.builder().ts(t).gateway("nginx").clientIp(ip).method(method).host("api.example.com")
                .path(path).route(path).status(status).bytesOut(120L).userAgent("Mozilla/5.0").build();
        long newest = partition == 0 ? (newest0 = Math.max(newest0, t.toEpochMilli()))
                : (newest1 = Math.max(newest1, t.toEpochMilli()));
        events.pipeInput(new TestRecord<>("ip:" + ip, serde.serializer().serialize(null, e),
                new RawProgress(partition, newest).headers(), t));
    }

    private long profiles() {
        try (var all = driver.<String, byte[]>getKeyValueStore(GatewatchTopology.CLIENT_PROFILES).all()) {
            long n = 0;
            while (all.hasNext()) {
                all.next();
                n++;
            }
            return n;
        }
    }

    @Test
    void shouldHoldAPartitionThatIsAheadUntilTheOtherCatchesUpAndCountNoneOfTheClientsEventsLate() {
        // raw partition 1's task is twenty minutes ahead: a brute force by 203.0.113.9 at 10:20
        for (int i = 0; i < 30; i++) {
            fromRawPartition(1, "203.0.113.9", T0.plus(Duration.ofMinutes(20)).plusSeconds(i), "POST", "/api/v1/login", 401);
        }
        assertEquals(30, metrics.held(), "held until raw partition 0 passes 10:20");
        assertEquals(0, profiles());
        // partition 0 brings the same client's browsing from 10:00 to 10:10, then another client at 10:30
        for (int i = 0; i < 30; i++) {
            fromRawPartition(0, "203.0.113.9", T0.plusSeconds(i * 20L), "GET", "/api/v1/items", 200);
        }
        fromRawPartition(0, "198.51.100.1", T0.plus(Duration.ofMinutes(30)), "GET", "/api/v1/items", 200);

        assertEquals(1, metrics.held(), "only the 10:30 event waits, for raw partition 1 to pass 10:30");
        assertEquals(1, profiles(), "the first client's 60 events went on, the 10:30 client waits");
        assertEquals(0.0, metrics.count(GatewatchMetrics.EVENTS_LATE),
                "against the client's newest event, its 10:00 browsing is 20 minutes late unless put back in order");
        List<Alert> raised = alerts.readValuesToList();
        assertTrue(raised.stream().anyMatch(a -> a.detector().equals("credential_stuffing")
                && a.client().key().equals("ip:203.0.113.9")), raised.toString());
    }

    @Test
    void shouldStopWaitingForARawPartitionThatSendsNothing() {
        for (int i = 0; i < 10; i++) {
            fromRawPartition(0, "198.51.100." + i, T0.plusSeconds(i), "GET", "/api/v1/items", 200);
        }
        assertEquals(10, metrics.held(), "raw partition 1 has not been heard from");
        assertEquals(0, profiles());

        driver.advanceWallClockTime(ReorderBuffer.STALLED.plusMillis(500));

        assertEquals(0, metrics.held());
        assertEquals(10, profiles());
        assertEquals(0.0, metrics.count(GatewatchMetrics.EVENTS_LATE));
    }

    @Test
    void shouldPassOnAtOnceEventsThatCarryNoRawProgress() {
        // another producer writing to the events topic: nothing to order by, nothing to wait for
        ApiEvent e = ApiEvent.builder().ts(T0).gateway("nginx").clientIp("198.51.100.7").method("GET")
                .path("/x").status(200).build();
        events.pipeInput(new TestRecord<>("ip:198.51.100.7", serde.serializer().serialize(null, e), T0));
        assertEquals(0, metrics.held());
        assertEquals(1, profiles());
    }
}
