package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.schema.parse.Parsers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest command against a real embedded broker: what lands in the raw topic, and how it ends. */
class IngestIntegrationTest {
    private static EmbeddedKafka kafka;
    private String topic;
    private Path config;
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void newTopic() throws IOException {
        // a topic per test, named in a config file the way a user would
        topic = "raw-" + UUID.randomUUID();
        kafka.createTopics(1, topic);
        config = Files.writeString(tmp.resolve("gatewatch.yaml"), "kafka:\n  bootstrap_servers: "
                + kafka.bootstrapServers() + "\n  topics: {raw: " + topic + "}\n");
    }

    @AfterEach
    void showStderr() {
        System.err.print(stderr());
    }

    @Test
    void shouldSendEveryNonBlankLineOfAFileWithTheFormatHeader() throws Exception {
        Path log = Files.writeString(tmp.resolve("access.log"), "one\n\n  \ntwo\r\nthree without newline");
        int code = ingest(new ByteArrayInputStream(new byte[0]), new CountDownLatch(1),
                "--config", config.toString(), "--format", "apache", log.toString());
        assertEquals(0, code, stderr());
        List<ConsumerRecord<String, String>> records = readRaw(3);
        assertEquals(List.of("one", "two", "three without newline"), records.stream().map(ConsumerRecord::value).toList());
        for (ConsumerRecord<String, String> r : records) {
            Header h = r.headers().lastHeader("format");
            assertEquals("apache", new String(h.value(), StandardCharsets.UTF_8));
        }
        assertTrue(stderr().matches("(?s).*ingest: 3 lines sent to " + topic + " in [0-9.]+ s \\([0-9,]+ lines/s\\), "
                + "2 blank skipped\n"), stderr());
    }

    @Test
    void shouldSendStandardInputWithTheBootstrapFromTheCommandLine() throws Exception {
        Path otherBroker = Files.writeString(tmp.resolve("elsewhere.yaml"),
                "kafka:\n  bootstrap_servers: 127.0.0.1:1\n  topics: {raw: " + topic + "}\n");
        ByteArrayInputStream stdin = new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8));
        int code = ingest(stdin, new CountDownLatch(1), "--config", otherBroker.toString(),
                "--bootstrap", kafka.bootstrapServers(), "-");
        assertEquals(0, code, stderr());
        List<ConsumerRecord<String, String>> records = readRaw(2);
        assertEquals(List.of("a", "b"), records.stream().map(ConsumerRecord::value).toList());
        assertEquals("nginx", new String(records.getFirst().headers().lastHeader("format").value(), StandardCharsets.UTF_8),
                "without --format, the config's input.format");
    }

    @Test
    void shouldFollowAGrowingFileAcrossRotationAndStopCleanly() throws Exception {
        Path log = tmp.resolve("access.log");
        append(log, "before start 1\nbefore start 2\n");
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> run = thread.submit(() -> ingest(new ByteArrayInputStream(new byte[0]), stop,
                    "--config", config.toString(), "--follow", log.toString()));
            assertEquals(List.of("before start 1", "before start 2"), values(readRaw(2)));

            append(log, "grown 1\n");
            assertEquals("grown 1", values(readRaw(3)).getLast());

            Files.move(log, tmp.resolve("access.log.1"));
            append(tmp.resolve("access.log.1"), "written to the old file after the rename\n");
            append(log, "new file 1\n");
            List<String> all = values(readRaw(5));
            assertTrue(all.containsAll(List.of("written to the old file after the rename", "new file 1")), all.toString());

            append(log, "half a line");
            stop.countDown();
            assertEquals(0, run.get(60, TimeUnit.SECONDS), stderr());
            assertEquals(5, readRaw(5).size(), "nothing after the stop, and no half line");
            assertTrue(stderr().contains("ingest: 5 lines sent to " + topic), stderr());
            assertTrue(stderr().contains("1 rotations and 0 truncations followed, an unterminated last line of 11 bytes not sent"),
                    stderr());
        } finally {
            stop.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void shouldFailNamingATopicThatDoesNotExist() throws Exception {
        Path missing = Files.writeString(tmp.resolve("missing.yaml"),
                "kafka:\n  bootstrap_servers: " + kafka.bootstrapServers() + "\n  topics: {raw: no-such-topic}\n");
        Path log = Files.writeString(tmp.resolve("access.log"), "x\n");
        int code = ingest(new ByteArrayInputStream(new byte[0]), new CountDownLatch(1),
                "--config", missing.toString(), log.toString());
        assertEquals(1, code);
        assertEquals("ingest: topic no-such-topic does not exist on " + kafka.bootstrapServers()
                + "; `detector run` creates Gatewatch's topics, or create it yourself", stderr().strip());
    }

    private int ingest(ByteArrayInputStream stdin, CountDownLatch stop, String... args) throws Exception {
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        return Main.runCommand(new IngestCommand(Parsers.standard(), stdin, errStream, stop), List.of(args),
                new PrintStream(new ByteArrayOutputStream()), errStream);
    }

    /** Everything in the topic once it holds at least {@code expected} records, or what arrived within 30 s. */
    private List<ConsumerRecord<String, String>> readRaw(int expected) {
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition p = new TopicPartition(topic, 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(got::add);
                if (got.size() >= expected && consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p)) {
                    break;
                }
            }
        }
        return got;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
