package io.gatewatch.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedKafkaTest {

    private static final int SHARED_DEFAULT_PARTITIONS = 2;
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern LOOPBACK_LISTENERS =
            Pattern.compile("BROKER://127\\.0\\.0\\.1:(\\d+),CONTROLLER://127\\.0\\.0\\.1:(\\d+)");
    private static final Set<String> LOOPBACK_IN_PROC_NET =
            Set.of("0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000");

    private EmbeddedKafka kafka;

    @BeforeAll
    void startSharedBroker() {
        kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDefaultPartitions(SHARED_DEFAULT_PARTITIONS));
    }

    @AfterAll
    void stopSharedBroker() {
        kafka.close();
    }

    @Test
    void shouldDeliverEveryProducedRecordFromAThreePartitionTopic() throws Exception {
        kafka.createTopics(3, "round-trip");

        Map<String, String> sent = produce(kafka, "round-trip", "value-", 1000);
        List<ConsumerRecord<String, String>> received = consume(kafka, "round-trip", 1000);

        assertEquals(1000, received.size());
        Map<String, String> receivedByKey = new LinkedHashMap<>();
        Set<Integer> partitions = new HashSet<>();
        for (ConsumerRecord<String, String> record : received) {
            receivedByKey.put(record.key(), record.value());
            partitions.add(record.partition());
        }
        assertEquals(sent, receivedByKey);
        assertEquals(Set.of(0, 1, 2), partitions);
    }

    @Test
    void shouldLeaveExistingTopicsAloneWhenCreatingThemAgain() throws Exception {
        kafka.createTopics(3, "created-twice");
        kafka.createTopics(1, "created-twice", "created-once");

        try (Admin admin = admin(kafka)) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(List.of("created-twice", "created-once")).allTopicNames().get();
            assertEquals(3, topics.get("created-twice").partitions().size());
            assertEquals(1, topics.get("created-once").partitions().size());
        }
    }

    @Test
    void shouldBindBrokerAndControllerListenersToLoopbackOnly() throws Exception {
        assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), kafka.bootstrapServers());

        try (Admin admin = admin(kafka)) {
            List<String> hosts = admin.describeCluster().nodes().get().stream().map(Node::host).toList();
            assertEquals(List.of("127.0.0.1"), hosts);

            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            String listeners = admin.describeConfigs(List.of(broker)).all().get().get(broker).get("listeners").value();
            Matcher ports = LOOPBACK_LISTENERS.matcher(listeners);
            assertTrue(ports.matches(), listeners);
            assertEquals("127.0.0.1:" + ports.group(1), kafka.bootstrapServers());

            // What the kernel reports, not just what the config says: every listening socket on
            // either port has a loopback local address.
            for (String port : List.of(ports.group(1), ports.group(2))) {
                List<String> addresses = listeningAddresses(Integer.parseInt(port));
                assertFalse(addresses.isEmpty(), "no listening socket on port " + port);
                assertTrue(LOOPBACK_IN_PROC_NET.containsAll(addresses), port + " listens on " + addresses);
            }
        }
    }

    @Test
    void shouldDeleteItsTemporaryDataDirOnClose() {
        EmbeddedKafka own = EmbeddedKafka.start();
        Path dataDir = own.dataDir();
        assertTrue(Files.exists(dataDir.resolve("kraft-combined-logs").resolve("meta.properties")));

        own.close();
        own.close();

        assertFalse(Files.exists(dataDir), dataDir + " still exists");
    }

    @Test
    void shouldDeleteItsTemporaryDataDirAtJvmExitWhenNeverClosed() throws Exception {
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                AbandonedBroker.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertTrue(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "child JVM did not exit");
            String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, child.exitValue(), stdout);
            assertTrue(stdout.startsWith("data-dir "), stdout);
            Path dataDir = Path.of(stdout.substring("data-dir ".length()));
            assertFalse(Files.exists(dataDir), dataDir + " survived the JVM");
        } finally {
            child.destroyForcibly();
        }
    }

    /** Runs in a child JVM: starts a broker and exits without closing it. */
    static final class AbandonedBroker {
        public static void main(String[] args) {
            EmbeddedKafka abandoned = EmbeddedKafka.start();
            if (!Files.exists(abandoned.dataDir())) {
                System.exit(2);
            }
            System.out.println("data-dir " + abandoned.dataDir());
            System.exit(0);
        }
    }

    @Test
    void shouldPrintNothingOnStdout() {
        PrintStream realOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (EmbeddedKafka quiet = EmbeddedKafka.start()) {
            quiet.createTopics(1, "quiet");
        } finally {
            System.setOut(realOut);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRunTwoIndependentBrokersSideBySide() throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.start(); EmbeddedKafka second = EmbeddedKafka.start()) {
            assertNotEquals(first.bootstrapServers(), second.bootstrapServers());
            assertNotEquals(first.dataDir(), second.dataDir());

            first.createTopics(1, "same-name");
            second.createTopics(1, "same-name");
            Map<String, String> sentToFirst = produce(first, "same-name", "first-", 5);
            Map<String, String> sentToSecond = produce(second, "same-name", "second-", 7);

            assertEquals(sentToFirst, byKey(consume(first, "same-name", 5)));
            assertEquals(sentToSecond, byKey(consume(second, "same-name", 7)));
        }
    }

    @Test
    void shouldKeepAGivenDataDirAndResumeFromItOnRestart(@TempDir Path dir) throws Exception {
        EmbeddedKafka.Options options = EmbeddedKafka.Options.defaults().withDataDir(dir);
        Map<String, String> sent;
        try (EmbeddedKafka before = EmbeddedKafka.start(options)) {
            before.createTopics(2, "durable");
            sent = produce(before, "durable", "kept-", 20);
        }
        assertTrue(Files.exists(dir.resolve("kraft-combined-logs").resolve("meta.properties")));

        try (EmbeddedKafka after = EmbeddedKafka.start(options)) {
            assertEquals(sent, byKey(consume(after, "durable", 20)));
        }
    }

    @Test
    void shouldGiveTopicsCreatedWithoutACountTheConfiguredDefaultPartitions() throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic("default-count", Optional.empty(), Optional.empty()))).all().get();
            TopicDescription topic = admin.describeTopics(List.of("default-count")).allTopicNames().get().get("default-count");
            assertEquals(SHARED_DEFAULT_PARTITIONS, topic.partitions().size());
        }
    }

    @Test
    void shouldRejectFewerThanOneDefaultPartition() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> new EmbeddedKafka.Options(0, Optional.empty()));
        assertEquals("defaultPartitions must be at least 1, was 0", rejected.getMessage());
    }

    private static Map<String, String> produce(EmbeddedKafka kafka, String topic, String valuePrefix, int count)
            throws ExecutionException, InterruptedException {
        Map<String, String> sent = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = "key-" + i;
                String value = valuePrefix + i;
                sent.put(key, value);
                acks.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            producer.flush();
            for (var ack : acks) {
                ack.get();
            }
        }
        return sent;
    }

    private static List<ConsumerRecord<String, String>> consume(EmbeddedKafka kafka, String topic, int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(DEADLINE);
            while (received.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        return received;
    }

    private static Map<String, String> byKey(List<ConsumerRecord<String, String>> records) {
        Map<String, String> byKey = new LinkedHashMap<>();
        records.forEach(record -> byKey.put(record.key(), record.value()));
        assertEquals(records.size(), byKey.size(), "duplicate keys in " + records);
        return byKey;
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    /** Hex local addresses of sockets in LISTEN state on the port, from /proc/net/tcp and tcp6. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format("%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(hexPort) && fields[3].equals("0A")) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }
}
