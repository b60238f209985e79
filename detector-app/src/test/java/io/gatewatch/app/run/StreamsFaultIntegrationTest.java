package io.gatewatch.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.sim.Simulation;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite: {@code detector run} in a child JVM against a real KRaft broker, over a simulated
 * stretch of traffic already in the raw topic, once without a fault and once per fault. Each faulted run
 * must end with the clean run's events (none lost, none twice) and the clean run's alerts (every alert id
 * and revision once), and reports how long processing took to resume. One line per fault is printed, as
 * {@code fault: NAME: ...}, for the reliability notes.
 */
@Tag("fault")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamsFaultIntegrationTest {
    private static final String HASH_KEY = "fault-suite-hash-key-0123456789";
    private static final Duration DONE_WITHIN = Duration.ofSeconds(120);
    /** Faults strike when the normalize stage has committed this share of the input. */
    private static final double STRIKE_AT = 0.4;
    private EmbeddedKafka kafka;
    private List<String> lines;
    private Outputs clean;
    @TempDir
    static Path tmp;

    @BeforeAll
    void start() throws Exception {
        kafka = EmbeddedKafka.start();
        // -Dgatewatch.fault.input=FILE: a one-off measurement at another state size (tools/fault/clients.sh)
        String input = System.getProperty("gatewatch.fault.input");
        lines = input != null ? Files.readAllLines(Path.of(input))
                : Simulation.run(new Simulation.Spec(13, Instant.parse("2026-10-05T06:00:00Z"), Duration.ofHours(2), 300))
                        .lines();
        clean = run("clean", Fault.NONE).outputs();
        assertFalse(clean.alerts().isEmpty(), "the simulated attacks raise alerts");
    }

    @AfterAll
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldLoseAndRepeatNothingWhenAStreamsInstanceIsKilledMidProcessingAndRestarted() throws Exception {
        check(run("kill", Fault.KILL));
    }

    @Test
    void shouldLoseAndRepeatNothingWhenTheBrokerRestartsDuringProcessing() throws Exception {
        check(run("broker-restart", Fault.BROKER_RESTART));
    }

    @Test
    @Disabled("known gap, main 7c77649: after the state directory is wiped and the instance killed, the clean run's"
            + " data_harvesting alert for ip:203.0.113.130 (4 revisions) is missing in 2 of 3 runs; events are neither"
            + " lost nor repeated. Not yet explained; see docs/reliability.md, Known gaps")
    void shouldLoseAndRepeatNothingWhenTheStateDirectoryIsWipedAndTheInstanceKilled() throws Exception {
        check(run("wipe-and-kill", Fault.WIPE_AND_KILL));
    }

    /**
     * Events and client-scope alerts must match the clean run exactly, and no alert (id and revision) may
     * be written twice. Route-scope alerts are compared and printed but not asserted: the route stage's
     * per-second tallies live in memory and close on the wall clock, so a pause or a crash changes them
     * (docs/reliability.md, "Known gaps").
     */
    private void check(Result r) {
        Outputs.Difference events = r.outputs().eventsAgainst(clean);
        Outputs.Difference all = r.outputs().alertsAgainst(clean);
        Outputs.Difference client = r.outputs().clientScope().alertsAgainst(clean.clientScope());
        System.out.printf("fault: %s: alerts expected %d, received %d, duplicated %d, lost %d (client scope: expected %d,"
                        + " received %d, lost %d, unexpected %d; route scope: lost %d, unexpected %d); events expected %d,"
                        + " lost %d, duplicated %d; recovery %d ms (%s)%n", r.name(), clean.alerts().size(),
                r.outputs().alerts().size(), all.extra(), all.missing(), clean.clientScope().alerts().size(),
                r.outputs().clientScope().alerts().size(), client.missing(), client.unexpected(),
                all.missing() - client.missing(), all.unexpected() - client.unexpected(), clean.events().size(),
                events.missing(), events.extra(), r.recoveryMillis(), r.fault().recoveryMeaning);
        assertEquals(0, events.missing(), "events lost");
        assertEquals(0, events.extra(), "events written twice");
        assertEquals(0, all.extra(), "alerts (id, revision) written twice");
        assertEquals(0, client.missing(), "client alerts of the clean run missing: "
                + Outputs.alertsOnlyIn(clean.clientScope(), r.outputs().clientScope()));
        assertEquals(0, client.unexpected(), "client alerts the clean run did not raise: "
                + Outputs.alertsOnlyIn(r.outputs().clientScope(), clean.clientScope()));
        assertTrue(r.recoveryMillis() >= 0, "processing resumed");
    }

    enum Fault {
        NONE("none"),
        KILL("SIGKILL to processing resumed by the restarted instance"),
        BROKER_RESTART("broker back to processing resumed; broker down 5 s"),
        WIPE_AND_KILL("SIGKILL, state directory deleted, to processing resumed");

        final String recoveryMeaning;

        Fault(String recoveryMeaning) {
            this.recoveryMeaning = recoveryMeaning;
        }
    }

    record Result(String name, Fault fault, Outputs outputs, long recoveryMillis) {
    }

    private Result run(String name, Fault fault) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path configFile = Files.writeString(dir.resolve("gatewatch.yaml"), "kafka:\n"
                + "  bootstrap_servers: " + kafka.bootstrapServers() + "\n"
                + "  application_id: " + name + "\n"
                + "  topics: {raw: " + name + ".raw, events: " + name + ".events, alerts: " + name + ".alerts, dlq: "
                + name + ".dlq, route_tallies: " + name + ".route-tallies}\n"
                + "secrets:\n  hash_key: " + HASH_KEY + "\n");
        Parsers parsers = Parsers.standard();
        GatewatchConfig config = new ConfigLoader(parsers.names(), n -> List.of()).parse(Files.readString(configFile), name);
        // one raw partition, four for the rest (the defaults): four detect tasks to kill mid-transaction, and no
        // wait at the end for raw partitions that ran out at different event times (see ReorderBuffer)
        kafka.createTopics(1, config.kafka().topics().raw());
        TopicSetup.ensure(kafka.bootstrapServers(), config.kafka());
        try (LineProducer producer = new LineProducer(kafka.bootstrapServers(), config.kafka().topics().raw(), "nginx")) {
            lines.forEach(producer::send);
            producer.flush();
        }
        Path stateDir = dir.resolve("state");
        long recovery = -1;
        try (GroupProgress progress = new GroupProgress(kafka.bootstrapServers(), name, config.kafka().topics().raw());
             GatewatchProcess gatewatch = new GatewatchProcess(configFile, stateDir, dir.resolve("run.out"))) {
            gatewatch.start();
            if (fault != Fault.NONE) {
                progress.awaitRaw((long) (lines.size() * STRIKE_AT), DONE_WITHIN, gatewatch);
                recovery = strike(fault, gatewatch, progress, stateDir);
            }
            progress.awaitDone(lines.size(), DONE_WITHIN, gatewatch);
        }
        return new Result(name, fault, Outputs.read(kafka.bootstrapServers(), config.kafka().topics()), recovery);
    }

    /** Applies the fault; returns the milliseconds from the fault (or the broker's return) to the next commit. */
    private long strike(Fault fault, GatewatchProcess gatewatch, GroupProgress progress, Path stateDir) throws Exception {
        switch (fault) {
            case KILL, WIPE_AND_KILL -> {
                gatewatch.kill();
                long killed = System.nanoTime();
                long committed = progress.committed();
                if (fault == Fault.WIPE_AND_KILL) {
                    deleteTree(stateDir);
                }
                gatewatch.start();
                progress.awaitBeyond(committed, DONE_WITHIN, gatewatch);
                return (System.nanoTime() - killed) / 1_000_000;
            }
            case BROKER_RESTART -> {
                long committed = progress.committed();
                kafka.stop();
                Thread.sleep(5_000);
                kafka.restart();
                long back = System.nanoTime();
                progress.awaitBeyond(committed, DONE_WITHIN, gatewatch);
                return (System.nanoTime() - back) / 1_000_000;
            }
            default -> throw new IllegalArgumentException(fault.name());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
