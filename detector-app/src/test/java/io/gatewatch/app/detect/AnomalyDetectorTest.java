package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.app.config.AnomalyConfig;
import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.models.behaviour.Algorithm;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.Snapshot;
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
    private static final DetectorSettings ON = new DetectorSettings(true, Alert.Mode.SHADOW, Alert.Severity.LOW,
            Duration.ofHours(1), Allowlist.EMPTY);
    private static AnomalyModel model;
    private final List<Snapshot> sampled = new ArrayList<>();
    private final AnomalyDetector detector = new AnomalyDetector(new AnomalyConfig(ON, Path.of("unused"), 1.0, 3),
            AnomalyModelSource.fixed(model), sampled::add);

    @BeforeAll
    static void train() {
        model = AnomalyTraffic.trainedModel(1, Algorithm.ROBUST_Z);
    }

    private AnomalyDetector.State last;

    /** Every event through the detector (re-reading the section from bytes each time, as the store does). */
    private List<Finding> run(AnomalyDetector.State start, List<String> lines) {
        List<Finding> out = new ArrayList<>();
        AnomalyDetector.State s = start;
        for (ApiEvent e : AnomalyTraffic.events(lines)) {
            ByteWriter w = new ByteWriter(64);
            s.writeTo(w);
            assertTrue(w.size() < 400, "section is " + w.size() + " bytes");
            s = detector.readSection(new ByteReader(w.toByteArray()));
            String route = e.route() != null ? e.route() : e.path();
            out.add(detector.observe(s, e, new EventFacts(e.ts().toEpochMilli(), "ip:" + IP, route, false)));
        }
        last = s;
        return out.stream().filter(Objects::nonNull).toList();
    }

    private static List<String> oneMore(Instant t) {
        return List.of(io.gatewatch.app.sim.CombinedLogLine.of(IP, null, t, "GET", "/api/v1/orders", 200, 900, "x"));
    }

    @Test
    void shouldReportAClientThatTurnsScannerWhenItsMinuteClosesNamingTheFeaturesAgainstPeers() {
        Random r = new Random(7);
        List<String> lines = new ArrayList<>(AnomalyTraffic.benignClient(IP, T0, 5, r));
        lines.addAll(AnomalyTraffic.scannerMinute(IP, T0.plusSeconds(300), 300, r));
        assertEquals(List.of(), run(detector.newSection(), lines), "the scanning minute is judged only when it closes");
        lines.addAll(oneMore(T0.plusSeconds(360)));
        sampled.clear();
        List<Finding> findings = run(detector.newSection(), lines);
        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.getFirst();
        assertTrue(f.score() > 0.5 && f.score() <= 1, "score " + f.score());
        Map<String, Object> ev = f.evidence();
        assertEquals("2026-11-23T10:05:00Z", ev.get("minute"));
        assertEquals(300L, ev.get("requests_1m"));
        assertTrue((double) ev.get("score") > (double) ev.get("threshold"), ev.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> drivers = (List<Map<String, Object>>) ev.get("drivers");
        assertEquals(3, drivers.size(), drivers.toString());
        Map<String, Object> top = drivers.getFirst();
        assertTrue(((Number) top.get("value")).doubleValue() > ((Number) top.get("peers_p99")).doubleValue(),
                "the top driver is above the peers' p99: " + top);
        assertTrue(((Number) top.get("contribution")).doubleValue() > 0, top.toString());
        assertTrue(f.summary().startsWith("ip:198.51.100.7 behaved unlike its peers over "), f.summary());
        assertTrue(f.summary().contains(top.get("description") + ": "), f.summary());
        assertTrue(f.summary().contains("; peers' p99: "), f.summary());
        assertEquals(6, sampled.size(), "every closed minute goes to the sampler, judged or not");
    }

    @Test
    void shouldJudgeASilentClientsLastMinuteWhenStreamTimePassesIt() {
        Random r = new Random(8);
        List<String> lines = new ArrayList<>(AnomalyTraffic.benignClient(IP, T0, 3, r));
        lines.addAll(AnomalyTraffic.scannerMinute(IP, T0.plusSeconds(180), 300, r));
        assertEquals(List.of(), run(detector.newSection(), lines));
        AnomalyDetector.State s = last;
        long inTheMinute = T0.plusSeconds(239).toEpochMilli();
        assertNull(detector.onStreamTime(s, inTheMinute, "ip:" + IP), "the minute is not over yet");
        Finding f = detector.onStreamTime(s, T0.plusSeconds(241).toEpochMilli(), "ip:" + IP);
        assertNotNull(f, "the burst is judged although the client never came back");
        assertEquals("2026-11-23T10:03:00Z", f.evidence().get("minute"));
        assertNull(detector.onStreamTime(s, T0.plusSeconds(400).toEpochMilli(), "ip:" + IP), "judged once only");
    }

    @Test
    void shouldNotReportAnOrdinaryClientOverAnHour() {
        List<String> lines = new ArrayList<>(AnomalyTraffic.benignClient(IP, T0, 60, new Random(11)));
        lines.addAll(oneMore(T0.plusSeconds(3600)));
        assertEquals(List.of(), run(detector.newSection(), lines));
    }

    @Test
    void shouldNeverRaiseItsThresholdWhenTheAnalystAllowsMoreFalsePositives() {
        Random r = new Random(3);
        List<String> lines = new ArrayList<>(AnomalyTraffic.scannerMinute(IP, T0, 300, r));
        lines.addAll(oneMore(T0.plusSeconds(60)));
        AnomalyDetector strict = new AnomalyDetector(new AnomalyConfig(ON, Path.of("unused"), 1.0, 3),
                AnomalyModelSource.fixed(model), s -> { });
        AnomalyDetector loose = new AnomalyDetector(new AnomalyConfig(ON, Path.of("unused"), 10_000.0, 3),
                AnomalyModelSource.fixed(model), s -> { });
        assertTrue(model.threshold(10_000) <= model.threshold(1), "a larger budget never raises the threshold");
        for (AnomalyDetector d : List.of(strict, loose)) {
            AnomalyDetector.State s = d.newSection();
            Finding last = null;
            for (ApiEvent e : AnomalyTraffic.events(lines)) {
                Finding f = d.observe(s, e, new EventFacts(e.ts().toEpochMilli(), "k", e.path(), false));
                last = f != null ? f : last;
            }
            assertNotNull(last, "a 300-probe scanner is over either threshold");
        }
    }

    @Test
    void shouldDoNothingWithoutAModel() {
        AnomalyDetector off = new AnomalyDetector(new AnomalyConfig(
                new DetectorSettings(false, Alert.Mode.SHADOW, Alert.Severity.LOW, Duration.ofHours(1), Allowlist.EMPTY),
                null, 1.0, 3));
        AnomalyDetector.State s = off.newSection();
        Finding last = null;
        for (ApiEvent e : AnomalyTraffic.events(AnomalyTraffic.scannerMinute(IP, T0, 100, new Random(1)))) {
            last = off.observe(s, e, new EventFacts(e.ts().toEpochMilli(), "k", e.path(), false));
        }
        ApiEvent next = AnomalyTraffic.events(oneMore(T0.plusSeconds(60))).getFirst();
        assertNull(off.observe(s, next, new EventFacts(next.ts().toEpochMilli(), "k", "/api/v1/orders", false)));
        assertNull(last);
        assertNull(off.onStreamTime(s, T0.plusSeconds(600).toEpochMilli(), "k"));
    }
}
