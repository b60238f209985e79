package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.alerting.delivery.DeadLetter;
import io.gatewatch.alerting.delivery.KafkaDeadLetters;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.parse.Parsers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alerting --redeliver} on a real broker: dead letters for a file sink are written to the file, in order, once. */
class AlertingRedeliverCommandTest {
    private EmbeddedKafka kafka;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        kafka = EmbeddedKafka.start();
    }

    @AfterEach
    void stop() {
        kafka.close();
    }

    private static Alert alert(int n) {
        Instant at = Instant.parse("2025-03-14T12:00:00Z").plusSeconds(n);
        return new Alert(Alert.SCHEMA, "cs-" + n, 0, "credential_stuffing", Alert.Severity.HIGH, Alert.Scope.CLIENT,
                new Alert.Client("ip:192.0.2." + n, "192.0.2." + n, null, null), "/login", "POST", at, at, 0.9,
                "alert " + n, Map.of(), List.of(), Alert.Mode.ALERT);
    }

    private int redeliver(Path config, ByteArrayOutputStream err) throws Exception {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return Main.runCommand(new AlertingCommand(Parsers.standard(), out, e),
                List.of("--config", config.toString(), "--redeliver"), out, e);
    }

    @Test
    void shouldWriteEveryDeadLetterOfTheSinkInOrderAndNothingWhenAskedAgain() throws Exception {
        Path out = tmp.resolve("alerts.jsonl");
        Path config = Files.writeString(tmp.resolve("gatewatch.yaml"), "kafka:\n  bootstrap_servers: " + kafka.bootstrapServers()
                + "\nalerting:\n  sinks:\n    - {name: out, type: file, path: " + out + "}\n  routes:\n    - {sinks: [out]}\n");
        kafka.createTopics(1, "gatewatch.alerts.dlq");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            KafkaDeadLetters letters = new KafkaDeadLetters(producer, "gatewatch.alerts.dlq", Duration.ofSeconds(30));
            for (int n = 1; n <= 3; n++) {
                letters.send(new DeadLetter("out", "gave up after 5 attempts", 5, Instant.now(), alert(n), null), n != 2);
            }
            letters.send(new DeadLetter("elsewhere", "HTTP 503", 5, Instant.now(), alert(9), null), true);
        }

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, redeliver(config, err), err.toString(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size(), "the sink's letters of both kinds, not another sink's");
        for (int n = 1; n <= 3; n++) {
            assertTrue(lines.get(n - 1).contains("\"alert_id\":\"cs-" + n + "\""), lines.get(n - 1));
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("alerting: sink out: 3 redelivered, 0 delivered before, 0 refused again"),
                err.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(0, redeliver(config, again));
        assertEquals(3, Files.readAllLines(out).size(), "nothing twice");
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("alerting: 0 dead-lettered alerts redelivered to 1 sinks"),
                again.toString(StandardCharsets.UTF_8));
    }
}
