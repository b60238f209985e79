package io.gatewatch.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.parse.Parsers;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any standard Kafka producer can feed Gatewatch: kcat (librdkafka, not the Java client) writes combined
 * log lines with a {@code format} header into the raw topic of an embedded broker while the pipeline runs
 * with the default config, and the credential stuffing alert comes out on the alerts topic.
 */
class KcatProducerIntegrationTest {
    private static final String ATTACKER = "203.0.113.9";
    private static final String SHOPPER = "198.51.100.7";
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void shouldDetectCredentialStuffingInLinesProducedByKcat(@TempDir Path tmp) throws Exception {
        String kcat = onPath("kcat");
        assumeTrue(kcat != null, "kcat is not installed (Debian package kcat; .ci/run installs it): skipped");

        // The shopper's lines are sent as "apache" and the attacker's as "nginx" (the same combined
        // format), so the per-format counts prove the header kcat set is the one the pipeline used.
        List<String> shopper = new ArrayList<>();
        shopper.add(CombinedLogLine.of(SHOPPER, null, START, "POST", "/api/v1/login", 200, 310, "Mozilla/5.0"));
        for (int i = 1; i <= 9; i++) {
            shopper.add(CombinedLogLine.of(SHOPPER, null, START.plusSeconds(i), "GET", "/api/v1/products/" + (100 + i),
                    200, 1234, "Mozilla/5.0"));
        }
        List<String> attack = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attack.add(CombinedLogLine.of(ATTACKER, null, START.plusSeconds(2 + i), "POST", "/api/v1/login", 401, 52,
                    "python-requests/2.31"));
        }
        Path shopperLog = Files.write(tmp.resolve("shopper.log"), shopper, StandardCharsets.UTF_8);
        Path attackLog = Files.write(tmp.resolve("attack.log"), attack, StandardCharsets.UTF_8);

        Parsers parsers = Parsers.standard();
        GatewatchConfig config = new ConfigLoader(parsers.names(), alerting -> List.of()).defaults();
        GatewatchMetrics metrics = GatewatchMetrics.inMemory();
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        Path stateDir = tmp.resolve("state");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(1, config.kafka().topics().raw());
            TopicSetup.ensure(kafka.bootstrapServers(), config.kafka());
            try (Pipeline pipeline = new Pipeline(config, parsers, metrics, kafka.bootstrapServers(), stateDir);
                 AlertTail tail = new AlertTail(kafka.bootstrapServers(), config.kafka().topics().alerts(), alerts::add)) {
                pipeline.start();
                produceWithKcat(kcat, kafka.bootstrapServers(), config.kafka().topics().raw(), "apache", shopperLog);
                produceWithKcat(kcat, kafka.bootstrapServers(), config.kafka().topics().raw(), "nginx", attackLog);

                int lines = shopper.size() + attack.size();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (System.nanoTime() < deadline && pipeline.failure() == null
                        && (metrics.count("gatewatch.raw.records") < lines
                        || metrics.count("gatewatch.events.detected") < lines || alerts.isEmpty())) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                assertNull(pipeline.failure());
                tail.drainAndClose(Duration.ofSeconds(30));
            }
        }

        assertEquals(18, (long) metrics.count("gatewatch.raw.records"));
        assertEquals(0, (long) metrics.count("gatewatch.dlq.records"));
        assertEquals(shopper.size(), parsedAs(metrics, "apache"));
        assertEquals(attack.size(), parsedAs(metrics, "nginx"));
        List<Alert> first = alerts.stream().filter(a -> !a.isUpdate()).toList();
        assertEquals(1, first.size(), "one alert, for the attacker only: " + alerts);
        Alert alert = first.getFirst();
        assertEquals("credential_stuffing", alert.detector());
        assertEquals("ip:" + ATTACKER, alert.client().key());
        assertEquals("/api/v1/login", alert.route());
        assertEquals(6L, ((Number) alert.evidence().get("failures")).longValue(), "fires at the 6th failure in 30 s");
        assertEquals(START.plusSeconds(7), alert.detectedAt());
        assertTrue(alerts.stream().noneMatch(a -> SHOPPER.equals(a.client().ip())), alerts.toString());
    }

    private static void produceWithKcat(String kcat, String bootstrap, String topic, String format, Path file)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(kcat, "-P", "-b", bootstrap, "-t", topic, "-H", "format=" + format, "-l",
                file.toString()).redirectErrorStream(true).start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            p.destroyForcibly();
        }
        assertTrue(exited, "kcat did not finish within 60 s: " + output);
        assertEquals(0, p.exitValue(), "kcat failed: " + output);
    }

    private static long parsedAs(GatewatchMetrics metrics, String format) {
        var counter = metrics.registry().find("gatewatch.events.parsed").tag("format", format).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
