package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.app.config.AnomalyConfig;
import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String IP = "198.51.100.7";
    private static AnomalyModel model;
    private final AnomalyDetector detector = new AnomalyDetector(new AnomalyConfig(
            new DetectorSettings(true, Alert.Mode.SHADOW, Alert.Severity.LOW, Duration.ofHours(1), Allowlist.EMPTY),
            Path.of("unused"), 0.75, Duration.ofMinutes(1), 20), model);

    @BeforeAll
    static void train() {
        model = AnomalyTraffic.trainedModel(1);
    }

    /** Every event through the detector (re-reading the section from bytes each time, as the store does). */
    private List<Finding> run(List<String> lines) {
        List<Finding> out = new ArrayList<>();
        AnomalyDetector.State s = detector.newSection();
        for (ApiEvent e : AnomalyTraffic.events(lines)) {
            ByteWriter w = new ByteWriter(64);
            s.writeTo(w);
            assertTrue(w.size() < 100, "section is " + w.size() + " bytes");
            s = detector.readSection(new ByteReader(w.toByteArray()));
            String route = e.route() != null ? e.route() : e.path();
            out.add(detector.observe(s, e, new EventFacts(e.ts().toEpochMilli(), "ip:" + IP, route, false)));
        }
        return out.stream().filter(Objects::nonNull).toList();
    }

    private static List<String> oneMore(Instant t) {
        return List.of(io.gatewatch.app.sim.CombinedLogLine.of(IP, null, t, "GET", "/api/v1/orders", 200, 900, "x"));
    }

    @Test
    void shouldReportAClientThatTurnsScannerWhenItsIntervalCloses() {
        Random r = new Random(7);
        List<String> lines = new ArrayList<>(AnomalyTraffic.benignClient(IP, T0, 5, r));
        lines.addAll(AnomalyTraffic.scannerMinute(IP, T0.plusSeconds(300), 1500, r));
        List<Finding> before = run(lines);
        assertEquals(List.of(), before, "the scanning minute is judged only when it closes");
        lines.addAll(oneMore(T0.plusSeconds(360)));
        List<Finding> findings = run(lines);
        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.getFirst();
        assertEquals(T0.plusSeconds(300).toEpochMilli(), f.firstSeen());
        assertEquals(1500L, f.magnitude());
        assertTrue(f.score() >= 0.75, "score " + f.score());
        assertEquals(Alert.Severity.LOW, f.severity());
        Map<String, Object> ev = f.evidence();
        assertEquals(1500L, ev.get("requests"));
        assertEquals(0.75, ev.get("threshold"));
        assertEquals(20, ev.get("min_requests"));
        assertEquals("1m", ev.get("interval"));
        @SuppressWarnings("unchecked")
        Map<String, Object> features = (Map<String, Object>) ev.get("features");
        assertEquals(0.9, features.get("error_4xx_ratio"));
        assertEquals(9, features.size());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> furthest = (List<Map<String, Object>>) ev.get("furthest_from_training");
        assertEquals(3, furthest.size());
        assertTrue(furthest.stream().anyMatch(m -> m.get("feature").equals("error_4xx_ratio")), furthest.toString());
        assertTrue(((Number) furthest.getFirst().get("stddevs_from_mean")).doubleValue() > 5, furthest.toString());
        assertTrue(f.summary().startsWith("ip:198.51.100.7 behaved"
                + " unlike the traffic the model was trained on over 1m from 2026-11-23T10:05:00Z (1500 requests"),
                f.summary());
    }

    @Test
    void shouldNotReportAnOrdinaryClientOverAnHour() {
        List<String> lines = new ArrayList<>(AnomalyTraffic.benignClient(IP, T0, 60, new Random(11)));
        lines.addAll(oneMore(T0.plusSeconds(3600)));
        assertEquals(List.of(), run(lines));
    }

    @Test
    void shouldLeaveAQuietIntervalUnjudgedHoweverOddItLooks() {
        // 15 probes (under min_requests 20), all 404: odd, but too little to judge
        Random r = new Random(3);
        List<String> lines = new ArrayList<>(AnomalyTraffic.scannerMinute(IP, T0, 15, r));
        lines.addAll(oneMore(T0.plusSeconds(60)));
        assertEquals(List.of(), run(lines));
        List<String> busy = new ArrayList<>(AnomalyTraffic.scannerMinute(IP, T0, 25, r));
        busy.addAll(oneMore(T0.plusSeconds(60)));
        assertNotNull(run(busy).stream().findFirst().orElse(null), "25 probes are enough to judge");
    }

    @Test
    void shouldDoNothingWithoutAModel() {
        AnomalyDetector off = new AnomalyDetector(new AnomalyConfig(
                new DetectorSettings(false, Alert.Mode.SHADOW, Alert.Severity.LOW, Duration.ofHours(1), Allowlist.EMPTY),
                null, 0.75, Duration.ofMinutes(1), 20));
        AnomalyDetector.State s = off.newSection();
        Finding last = null;
        for (ApiEvent e : AnomalyTraffic.events(AnomalyTraffic.scannerMinute(IP, T0, 100, new Random(1)))) {
            last = off.observe(s, e, new EventFacts(e.ts().toEpochMilli(), "k", e.path(), false));
        }
        ApiEvent next = AnomalyTraffic.events(oneMore(T0.plusSeconds(60))).getFirst();
        assertNull(off.observe(s, next, new EventFacts(next.ts().toEpochMilli(), "k", "/api/v1/orders", false)));
        assertNull(last);
    }
}
