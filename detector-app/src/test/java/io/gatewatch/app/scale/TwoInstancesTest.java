package io.gatewatch.app.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.app.topology.TopologyFixture;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.JsonSerde;
import io.gatewatch.schema.parse.Parsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Gatewatch instances with one application id on one broker, as Kafka Streams scales out: the
 * events topic's partitions (and with them the client profiles) split between the instances, an
 * attack is judged exactly as one instance judges it, and when an instance leaves, its partitions and
 * their state move to the other, which carries the counts on. Waits poll a condition with a deadline.
 */
class TwoInstancesTest {
    private static final int PARTITIONS = 4;
    // the detect stage may hold the last events a few seconds for raw partitions the test lines never reach
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String UA = "Mozilla/5.0";
    private static EmbeddedKafka kafka;
    private final Parsers parsers = Parsers.standard();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldSplitClientsBetweenInstancesAndAlertOnAnAttackExactlyAsOneInstanceDoes(@TempDir Path tmp) throws Exception {
        GatewatchConfig config = config("split");
        String attacker = "203.0.113.7";
        List<String> attack = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attack.add(login(attacker, T0.plusMillis(500L * i), 401));
        }
        List<String> lines = new ArrayList<>(background(200, T0));
        lines.addAll(attack);

        List<String> oneInstance;
        try (TopologyFixture single = new TopologyFixture()) {
            single.pipe(lines);
            oneInstance = describe(single.alerts.readValuesToList(), "ip:" + attacker);
        }
        assertEquals(2, oneInstance.size(), "one instance: an alert at the 6th failure, an update at the 12th: " + oneInstance);

        GatewatchMetrics metricsA = GatewatchMetrics.inMemory();
        GatewatchMetrics metricsB = GatewatchMetrics.inMemory();
        try (Pipeline a = new Pipeline(config, parsers, metricsA, kafka.bootstrapServers(), tmp.resolve("a"));
             Pipeline b = new Pipeline(config, parsers, metricsB, kafka.bootstrapServers(), tmp.resolve("b"))) {
            a.start();
            b.start();
            awaitSplit(config, a, b);
            assertFalse(standbyTasks(a).isEmpty() && standbyTasks(b).isEmpty(),
                    "num.standby.replicas=1 from kafka.properties keeps a warm copy of the other's profiles");

            produce(config, lines);
            await("every event detected", () -> detected(metricsA) + detected(metricsB) >= lines.size());
            assertTrue(detected(metricsA) > 0 && detected(metricsB) > 0,
                    "both instances detect: " + detected(metricsA) + " and " + detected(metricsB) + " events");
        }
        assertEquals(oneInstance, describe(readAlerts(config), "ip:" + attacker),
                "same alerts and revisions as one instance: the attacker's profile lives on one instance only");
    }

    @Test
    void shouldMoveAnInstancesClientsToTheOtherWhenItLeavesAndCarryTheirCountsOn(@TempDir Path tmp) throws Exception {
        GatewatchConfig config = config("failover");
        String attacker = "203.0.113.9";
        String key = "ip:" + attacker;
        GatewatchMetrics metricsA = GatewatchMetrics.inMemory();
        GatewatchMetrics metricsB = GatewatchMetrics.inMemory();
        try (Pipeline a = new Pipeline(config, parsers, metricsA, kafka.bootstrapServers(), tmp.resolve("a"));
             Pipeline b = new Pipeline(config, parsers, metricsB, kafka.bootstrapServers(), tmp.resolve("b"))) {
            a.start();
            b.start();
            awaitSplit(config, a, b);
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            TopicPartition attackerPartition = new TopicPartition(config.kafka().topics().events(), partition);
            boolean aOwns = activeEventPartitions(config, a).contains(partition);
            Pipeline owner = aOwns ? a : b;
            Pipeline survivor = aOwns ? b : a;
            GatewatchMetrics ownerMetrics = aOwns ? metricsA : metricsB;
            GatewatchMetrics survivorMetrics = aOwns ? metricsB : metricsA;
            TaskId ownersTask = taskOf(owner, attackerPartition);
            assertTrue(standbyTasks(survivor).contains(ownersTask),
                    "the survivor keeps a standby of the attacker's task " + ownersTask);

            List<String> before = new ArrayList<>(background(100, T0));
            for (int i = 0; i < 4; i++) {
                before.add(login(attacker, T0.plusSeconds(i), 401));
            }
            produce(config, before);
            await("4 failures counted", () -> detected(metricsA) + detected(metricsB) >= before.size());

            owner.close();
            long ownerDetected = detected(ownerMetrics);
            await("the survivor takes every partition", () -> survivor.state() == KafkaStreams.State.RUNNING
                    && activeEventPartitions(config, survivor).size() == PARTITIONS);

            List<String> after = new ArrayList<>(background(100, T0.plusSeconds(4)));
            after.add(login(attacker, T0.plusSeconds(4), 401));
            after.add(login(attacker, T0.plusSeconds(5), 401));
            produce(config, after);
            await("2 more failures counted", () -> ownerDetected + detected(survivorMetrics) >= before.size() + after.size());
        }
        List<Alert> alerts = readAlerts(config).stream().filter(a -> a.client() != null && key.equals(a.client().key()))
                .toList();
        assertEquals(1, alerts.size(), "4 failures before the failover and 2 after make one alert: " + alerts);
        assertEquals(0, alerts.getFirst().revision());
        assertEquals(6L, ((Number) alerts.getFirst().evidence().get("failures")).longValue(),
                "the survivor restored the 4 failures from the changelog (standby) and counted on");
    }

    private GatewatchConfig config(String name) throws Exception {
        String yaml = "kafka:\n"
                + "  application_id: scale-" + name + "\n"
                + "  partitions: " + PARTITIONS + "\n"
                + "  topics: {raw: " + name + ".raw, events: " + name + ".events, alerts: " + name + ".alerts, dlq: "
                + name + ".dlq, route_tallies: " + name + ".route-tallies}\n"
                // A member that stops is noticed after the session timeout (45 s by default): 6 s is the
                // broker's least, and what a deployment that wants fast fail-over sets.
                + "  properties: {num.standby.replicas: \"1\", session.timeout.ms: \"6000\", heartbeat.interval.ms: \"1000\"}\n";
        GatewatchConfig config = new ConfigLoader(parsers.names(), n -> List.of()).parse(yaml, name + ".yaml");
        TopicSetup.ensure(kafka.bootstrapServers(), config.kafka());
        return config;
    }

    private static String login(String ip, Instant t, int status) {
        return CombinedLogLine.of(ip, null, t, "POST", "/api/v1/login", status, 120, UA);
    }

    /** Ordinary browsing from many addresses, so that every partition and both instances have work. */
    private static List<String> background(int clients, Instant t) {
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String ip = "198.51.100." + c;
            lines.add(CombinedLogLine.of(ip, null, t.plusMillis(c), "GET", "/api/v1/products/" + c, 200, 900, UA));
        }
        return lines;
    }

    /** Keyed by client address, as a shipper partitions by host: each client's lines stay in order. */
    private static void produce(GatewatchConfig config, List<String> lines) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(config.kafka().topics().raw(), line.substring(0, line.indexOf(' ')), line));
            }
        }
    }

    /** Events that reached the detect stage and went through it: not still held for a raw partition to catch up. */
    private static long detected(GatewatchMetrics m) {
        return (long) m.count("gatewatch.events.detected") - m.held();
    }

    /** Both running, every events partition active on exactly one of them, and each with some. */
    private static void awaitSplit(GatewatchConfig config, Pipeline a, Pipeline b) {
        await("both instances own client partitions", () -> {
            if (a.state() != KafkaStreams.State.RUNNING || b.state() != KafkaStreams.State.RUNNING) {
                return false;
            }
            Set<Integer> pa = activeEventPartitions(config, a);
            Set<Integer> pb = activeEventPartitions(config, b);
            return !pa.isEmpty() && !pb.isEmpty() && pa.size() + pb.size() == PARTITIONS
                    && pa.stream().noneMatch(pb::contains);
        });
    }

    /** The events partitions, and so the client-profiles store partitions, active on this instance. */
    private static Set<Integer> activeEventPartitions(GatewatchConfig config, Pipeline p) {
        String events = config.kafka().topics().events();
        return p.streams().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .flatMap(t -> t.topicPartitions().stream()).filter(tp -> tp.topic().equals(events))
                .map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private static TaskId taskOf(Pipeline p, TopicPartition tp) {
        return p.streams().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .filter(t -> t.topicPartitions().contains(tp)).map(TaskMetadata::taskId).findFirst()
                .orElseThrow(() -> new AssertionError("no active task reads " + tp));
    }

    private static Set<TaskId> standbyTasks(Pipeline p) {
        return p.streams().metadataForLocalThreads().stream().map(ThreadMetadata::standbyTasks)
                .flatMap(Set::stream).map(TaskMetadata::taskId).collect(Collectors.toSet());
    }

    /** Every alert in the topic, read to its end after the instances have closed (and so flushed). */
    private static List<Alert> readAlerts(GatewatchConfig config) {
        String topic = config.kafka().topics().alerts();
        var reader = new JsonSerde<>(Alert.class).deserializer();
        List<Alert> alerts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    fail("could not read the alerts topic to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> alerts.add(reader.deserialize(topic, r.value())));
            }
        }
        return alerts;
    }

    private static List<String> describe(List<Alert> alerts, String key) {
        return alerts.stream().filter(a -> a.client() != null && key.equals(a.client().key()))
                .map(a -> a.detector() + " revision " + a.revision() + " failures " + a.evidence().get("failures")
                        + " at " + a.detectedAt() + " id " + a.alertId())
                .toList();
    }

    /** Polls the condition every 20 ms until it holds; fails at the deadline. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up after " + DEADLINE.toSeconds() + " s waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
