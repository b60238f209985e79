package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.metrics.MetricsServer;
import io.gatewatch.app.reload.ConfigReloader;
import io.gatewatch.app.reload.Reloaders;
import io.gatewatch.app.run.AlertTail;
import io.gatewatch.app.run.LineProducer;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.parse.Parsers;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live tuning end to end: a real KafkaStreams instance on the embedded broker, the config file edited on
 * disk while it runs, the file watch reloading it, and the lowered threshold firing on the next failure
 * with the failures counted before the edit: no restart, no state lost.
 */
class LiveReloadIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ATTACKER = "203.0.113.44";

    private static String config(int maxFailures) {
        return "detectors:\n  credential_stuffing:\n    windows:\n"
                + "      - {name: burst, window: 1m, max_failures: " + maxFailures + ", max_attempts: 1000}\n";
    }

    private static void send(LineProducer producer, int from, int to) {
        for (int i = from; i < to; i++) {
            producer.send(CombinedLogLine.of(ATTACKER, null, T0.plusSeconds(i), "POST", "/api/v1/login", 401, 120, "curl/8.5"));
        }
        producer.flush();
    }

    private static void await(String what, Pipeline pipeline, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!done.getAsBoolean() && pipeline.failure() == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertNull(pipeline.failure());
        assertTrue(done.getAsBoolean(), "timed out waiting for " + what);
    }

    @Test
    void shouldFireOnTheThresholdEditedInTheFileWhileRunningWithTheStateCountedBefore(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("gatewatch.yaml"), config(20));
        MeterRegistry registry = MetricsServer.newRegistry();
        ConfigReloader reloader = Reloaders.open(file, registry, LiveReload.heldKeys(false));
        GatewatchConfig config = reloader.live().config();
        GatewatchMetrics metrics = new GatewatchMetrics(registry);
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             MetricsServer server = MetricsServer.start(registry, 0)) {
            kafka.createTopics(1, config.kafka().topics().raw());
            TopicSetup.ensure(kafka.bootstrapServers(), config.kafka());
            try (Pipeline pipeline = new Pipeline(reloader.live(), Parsers.standard(), metrics, kafka.bootstrapServers(),
                    tmp.resolve("state"), Map.of());
                 LiveReload reload = LiveReload.start(reloader, server, null);
                 LineProducer producer = new LineProducer(kafka.bootstrapServers(), config.kafka().topics().raw(), "nginx");
                 AlertTail tail = new AlertTail(kafka.bootstrapServers(), config.kafka().topics().alerts(), alerts::add)) {
                pipeline.start();
                send(producer, 0, 10);
                await("10 events detected", pipeline, () -> metrics.count("gatewatch.events.detected") >= 10);
                assertTrue(alerts.isEmpty(), "10 failures are within max_failures 20: " + alerts);

                Files.writeString(file, config(5));
                await("the file watch to apply the edit", pipeline, () -> reloader.live().current().number() == 2);
                send(producer, 10, 11);
                await("an alert", pipeline, () -> !alerts.isEmpty());

                Alert a = alerts.getFirst();
                assertEquals("ip:" + ATTACKER, a.client().key());
                assertEquals(11, ((Number) a.evidence().get("failures")).intValue(), "the failures before the edit count");
                assertEquals(5, ((Number) a.evidence().get("max_failures")).intValue());
                String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(scrape.contains("gatewatch_config_generation 2.0"), scrape);
                assertTrue(scrape.contains("gatewatch_config_reloads_total{outcome=\"applied\"} 1.0"), scrape);
                assertTrue(scrape.contains("gatewatch_config_reloads_total{outcome=\"refused\"} 0.0"), scrape);
            }
        }
    }
}
