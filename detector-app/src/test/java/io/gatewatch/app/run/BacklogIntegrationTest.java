package io.gatewatch.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.sim.Simulation;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.parse.Parsers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catching up is the same as live: one simulated stretch of traffic, once fed live into one partition
 * and once pre-loaded as a backlog into four (whose tasks are never in step by event time: the detect
 * stage puts them back in order), gives the same alerts, with under 1 % of the events late.
 */
class BacklogIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static EmbeddedKafka kafka;
    private static List<String> lines;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        lines = Simulation.run(new Simulation.Spec(13, Instant.parse("2026-10-05T06:00:00Z"), Duration.ofHours(3), 300))
                .lines();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    record Outcome(Set<String> alerts, double events, double late) {
    }

    @Test
    void shouldGiveTheSameAlertsFromABacklogOnFourPartitionsAsLiveOnOne(@TempDir Path tmp) throws Exception {
        Outcome live = run("live", 1, false, tmp.resolve("live"));
        Outcome backlog = run("backlog", 4, true, tmp.resolve("backlog"));

        System.err.println("BacklogIntegrationTest: live " + live + "; backlog " + backlog);
        assertFalse(live.alerts().isEmpty(), "the simulated attacks raise alerts");
        assertTrue(live.late() < live.events() / 100, "late: " + live.late() + " of " + live.events());
        assertTrue(backlog.late() < backlog.events() / 100, "late: " + backlog.late() + " of " + backlog.events());
        assertEquals(live.alerts(), backlog.alerts());
    }

    /**
     * The route stage reads each second's tallies after the client stage closes them (once a wall-clock
     * second, all of them once events stop), as replay waits for them: done when two closings sent
     * nothing new and the route stage has read everything sent.
     */
    private static void awaitRouteStage(GatewatchMetrics metrics, long deadline) throws InterruptedException {
        double atRest = -1;
        long restSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            double sent = metrics.count(GatewatchMetrics.ROUTE_TALLIES_SENT);
            if (sent != atRest) {
                atRest = sent;
                restSince = System.nanoTime();
            } else if (metrics.count(GatewatchMetrics.ROUTE_TALLIES_DETECTED) >= sent
                    && System.nanoTime() - restSince > 2_500_000_000L) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the route stage did not read every route tally before the deadline");
    }

    /** The set of (detector, client key, route) of every alert the run raised. */
    private Outcome run(String name, int partitions, boolean preload, Path stateDir) throws Exception {
        Parsers parsers = Parsers.standard();
        GatewatchConfig config = new ConfigLoader(parsers.names(), n -> List.of()).parse("kafka:\n"
                + "  partitions: " + partitions + "\n"
                + "  application_id: " + name + "\n"
                + "  topics: {raw: " + name + ".raw, events: " + name + ".events, alerts: " + name + ".alerts, dlq: "
                + name + ".dlq, route_tallies: " + name + ".route-tallies}\n", name);
        TopicSetup.ensure(kafka.bootstrapServers(), config.kafka());
        GatewatchMetrics metrics = GatewatchMetrics.inMemory();
        ConcurrentLinkedQueue<Alert> alerts = new ConcurrentLinkedQueue<>();
        try (LineProducer producer = new LineProducer(kafka.bootstrapServers(), config.kafka().topics().raw(), "nginx");
             AlertTail tail = new AlertTail(kafka.bootstrapServers(), config.kafka().topics().alerts(), alerts::add)) {
            if (preload) {
                lines.forEach(producer::send);
                producer.flush();
            }
            try (Pipeline pipeline = new Pipeline(config, parsers, metrics, kafka.bootstrapServers(), stateDir)) {
                pipeline.start();
                if (!preload) {
                    lines.forEach(producer::send);
                    producer.flush();
                }
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (metrics.count("gatewatch.raw.records") < lines.size()
                        || metrics.count("gatewatch.events.detected") < metrics.count("gatewatch.events.parsed")
                        || metrics.held() > 0) {
                    if (System.nanoTime() > deadline || pipeline.failure() != null) {
                        fail(name + ": not done: " + metrics.count("gatewatch.raw.records") + " of " + lines.size()
                                + " lines, " + metrics.held() + " events held, failure " + pipeline.failure());
                    }
                    Thread.sleep(100);
                }
                awaitRouteStage(metrics, deadline);
            }
            tail.drainAndClose(Duration.ofSeconds(30));
        }
        Set<String> keys = new TreeSet<>();
        for (Alert a : alerts) {
            keys.add(a.detector() + " " + (a.client() == null ? "-" : a.client().key()) + " " + a.route());
        }
        return new Outcome(keys, metrics.count("gatewatch.events.parsed"), metrics.count("gatewatch.events.late"));
    }
}
