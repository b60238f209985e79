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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest} under faults, on a real broker: the broker stopped mid-file and restarted seconds later,
 * and ingest itself killed (SIGKILL, in a child JVM) mid-file and restarted. Every line must arrive exactly
 * once, counted by content, across two partitions.
 */
class IngestFaultIntegrationTest {
    private static final String TOPIC = "gatewatch.raw";
    private EmbeddedKafka kafka;
    private Path config;
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startBroker() throws IOException {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(2, TOPIC);
        config = Files.writeString(tmp.resolve("gatewatch.yaml"), "kafka:\n  bootstrap_servers: "
                + kafka.bootstrapServers() + "\n  topics: {raw: " + TOPIC + "}\n");
    }

    @AfterEach
    void stopBroker() {
        System.err.print(err.toString(StandardCharsets.UTF_8));
        kafka.close();
    }

    private static String lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line " + i + " GET /api/v1/items/" + i + "\n").collect(Collectors.joining());
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void shouldWaitThroughABrokerOutageAndSendEveryLineOnceThenExitZero() throws Exception {
        Path log = tmp.resolve("access.log");
        append(log, lines(0, 20_000));
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            Future<Integer> run = thread.submit(() -> Main.runCommand(new IngestCommand(Parsers.standard(),
                    new ByteArrayInputStream(new byte[0]), errStream, stop),
                    List.of("--config", config.toString(), "--timeout", "2s", "--follow", log.toString()), errStream, errStream));
            awaitCount(20_000);

            kafka.stop();
            append(log, lines(20_000, 40_000));
            Thread.sleep(12_000);
            kafka.restart();
            append(log, lines(40_000, 60_000));
            awaitCount(60_000);
            stop.countDown();
            assertEquals(0, run.get(60, TimeUnit.SECONDS), "ingest exit status");
        } finally {
            thread.shutdownNow();
        }
        Map<String, Long> got = countByContent();
        long repeated = got.values().stream().mapToLong(n -> n - 1).sum();
        String stderr = err.toString(StandardCharsets.UTF_8);
        String waiting = stderr.lines().filter(l -> l.contains("waiting for the broker")).findFirst().orElse("(none)");
        System.out.printf("ingest through a 12 s broker outage: sent 60000, received %d distinct, %d repeated; first waiting line: %s%n",
                got.size(), repeated, waiting);
        assertEquals(60_000, got.size(), "every line arrived");
        assertEquals(0, repeated, "no line twice");
        assertTrue(stderr.contains("ingest: waiting for the broker at " + kafka.bootstrapServers()), stderr);
    }

    @Test
    void shouldResumeAfterAKillWithoutRepeatingOrLosingALine() throws Exception {
        Path log = tmp.resolve("access.log");
        Path position = tmp.resolve("access.position");
        append(log, lines(0, 100_000));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "ingest", "--config", config.toString(), "--position-file", position.toString());
        Process first = new ProcessBuilder(concat(command, "--follow", log.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("first.out").toFile()).start();
        try {
            awaitCount(30_000);
            // the position is written once a second: under load the first write may come after 30,000 lines
            for (int i = 0; i < 100 && !Files.exists(position); i++) {
                Thread.sleep(100);
            }
            append(log, lines(100_000, 300_000));
            Thread.sleep(300);
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        } finally {
            first.destroyForcibly();
        }
        long beforeRestart = countByContent().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(Files.exists(position), "the first run saved its position");

        Process second = new ProcessBuilder(concat(command, log.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("second.out").toFile()).start();
        assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second run ended");
        String secondOut = Files.readString(tmp.resolve("second.out"));
        assertEquals(0, second.exitValue(), secondOut);

        Map<String, Long> got = countByContent();
        long repeated = got.values().stream().mapToLong(n -> n - 1).sum();
        System.out.printf("ingest killed (SIGKILL) with %d of 300000 lines in the topic, restarted without --follow: received %d distinct,"
                + " %d repeated%n%s%n", beforeRestart, got.size(), repeated, secondOut.lines()
                .filter(l -> l.startsWith("ingest:")).collect(Collectors.joining("\n")));
        assertTrue(beforeRestart < 300_000, "killed mid-file");
        assertEquals(300_000, got.size(), "every line arrived");
        assertEquals(0, repeated, "no line twice");
    }

    private static List<String> concat(List<String> a, String... b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.Arrays.stream(b)).toList();
    }

    private void awaitCount(long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (total() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private long total() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> ps = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            return consumer.endOffsets(ps, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
        } catch (RuntimeException brokerDown) {
            return 0;
        }
    }

    private Map<String, Long> countByContent() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> ps = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(ps);
            consumer.seekToBeginning(ps);
            Map<TopicPartition, Long> end = consumer.endOffsets(ps);
            List<String> values = new java.util.ArrayList<>();
            while (ps.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer());
    }
}
