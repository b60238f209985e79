package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.detect.AnomalyTraffic;
import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** anomaly through the whole topology, with a model trained in the test on generated benign traffic. */
class AnomalyTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String CLIENT = "198.51.100.44";
    @TempDir
    static Path dir;
    private static String yaml;

    @BeforeAll
    static void trainModel() throws Exception {
        Path model = dir.resolve("anomaly.model");
        AnomalyTraffic.trainedModel(2).save(model);
        yaml = """
                detectors:
                  anomaly:
                    enabled: true
                    mode: alert
                    model: %s
                """.formatted(model);
    }

    private static List<Alert> anomalies(TopologyFixture f) {
        return f.alerts.readValuesToList().stream().filter(a -> a.detector().equals("anomaly")).toList();
    }

    private static String next(Instant t) {
        return CombinedLogLine.of(CLIENT, null, t, "GET", "/api/v1/orders", 200, 1200, "shop-app/3.2");
    }

    @Test
    void shouldFireWhenAnOrdinaryClientSuddenlyScans() throws Exception {
        try (TopologyFixture f = new TopologyFixture(yaml)) {
            Random r = new Random(21);
            List<String> lines = new ArrayList<>(AnomalyTraffic.benignClient(CLIENT, T0, 10, r));
            lines.addAll(AnomalyTraffic.scannerMinute(CLIENT, T0.plusSeconds(600), 1200, r));
            lines.add(next(T0.plusSeconds(660)));
            f.pipe(lines);
            List<Alert> alerts = anomalies(f);
            assertEquals(1, alerts.size(), alerts.toString());
            Alert a = alerts.getFirst();
            assertEquals("ip:" + CLIENT, a.client().key());
            assertEquals(Alert.Severity.LOW, a.severity());
            assertEquals(Alert.Mode.ALERT, a.mode());
            assertEquals(T0.plusSeconds(600), a.firstSeen());
            assertEquals(T0.plusSeconds(660), a.detectedAt(), "judged when the next interval begins");
            assertEquals(1200L, ((Number) a.evidence().get("requests")).longValue());
            assertTrue(a.score() >= 0.75, "score " + a.score());
            assertEquals(0.75, ((Number) a.evidence().get("threshold")).doubleValue());
        }
    }

    @Test
    void shouldNotFireForAnOrdinaryClient() throws Exception {
        try (TopologyFixture f = new TopologyFixture(yaml)) {
            List<String> lines = new ArrayList<>(AnomalyTraffic.benignClient(CLIENT, T0, 30, new Random(22)));
            lines.add(next(T0.plusSeconds(1800)));
            f.pipe(lines);
            assertEquals(List.of(), anomalies(f));
            assertTrue(f.metrics.count("gatewatch.events.parsed") > 600);
        }
    }
}
