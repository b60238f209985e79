package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.BehaviourFeatures;
import io.gatewatch.schema.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyConfigTest {
    private final ConfigLoader loader = new ConfigLoader(Set.of("nginx"), n -> List.of());

    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "g.yaml")).problems();
    }

    private static AnomalyConfig anomaly(GatewatchConfig c) {
        return (AnomalyConfig) c.detectors().stream().filter(b -> b.id().equals(AnomalyConfig.ID)).findFirst()
                .orElseThrow().base();
    }

    private Path model(Duration interval) throws IOException {
        Random r = new Random(5);
        double[][] data = new double[50][BehaviourFeatures.DIMENSION];
        for (double[] v : data) {
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble();
            }
        }
        Path file = dir.resolve("m-" + interval.toSeconds() + ".model");
        AnomalyModel.train(data, interval.toMillis()).save(file);
        return file;
    }

    @Test
    void shouldBeOffInShadowWithItsDefaultsAndNeedNoModelWhenOff() {
        AnomalyConfig a = anomaly(loader.defaults());
        assertEquals(false, a.settings().enabled());
        assertEquals(Alert.Mode.SHADOW, a.settings().mode());
        assertEquals(Alert.Severity.LOW, a.settings().severity());
        assertEquals(Duration.ofHours(1), a.settings().cooldown());
        assertNull(a.model());
        assertEquals(0.75, a.threshold());
        assertEquals(Duration.ofMinutes(1), a.interval());
        assertEquals(20, a.minRequests());
    }

    @Test
    void shouldReadAnEnabledBlockWithAValidModel() throws Exception {
        Path m = model(Duration.ofMinutes(2));
        AnomalyConfig a = anomaly(loader.parse("""
                detectors:
                  anomaly:
                    enabled: true
                    mode: alert
                    model: %s
                    threshold: 0.8
                    interval: 2m
                    min_requests: 50
                """.formatted(m), "g.yaml"));
        assertEquals(true, a.settings().enabled());
        assertEquals(Alert.Mode.ALERT, a.settings().mode());
        assertEquals(m, a.model());
        assertEquals(0.8, a.threshold());
        assertEquals(Duration.ofMinutes(2), a.interval());
        assertEquals(50, a.minRequests());
    }

    @Test
    void shouldRequireAModelWhenEnabled() {
        assertEquals(List.of(
                "g.yaml:2: detectors.anomaly.model = (missing): required when the anomaly detector is enabled:"
                        + " train one on your own traffic with ./detector train --input access.log --out anomaly.model"),
                problems("detectors:\n  anomaly: {enabled: true}\n"));
    }

    @Test
    void shouldReportEveryBadValueWithItsKey() {
        assertEquals(List.of(
                "g.yaml:3: detectors.anomaly.threshold = 1.5: out of range (allowed: 0 to 1)",
                "g.yaml:4: detectors.anomaly.interval = 5s: out of range (allowed: 10s to 1h)",
                "g.yaml:5: detectors.anomaly.min_requests = 0: out of range (allowed: 1 to 1000000)",
                "g.yaml:6: detectors.anomaly.modle = m.bin: unknown key (allowed: enabled, mode, severity,"
                        + " cooldown, allowlist, model, threshold, interval, min_requests)"),
                problems("""
                        detectors:
                          anomaly:
                            threshold: 1.5
                            interval: 5s
                            min_requests: 0
                            modle: m.bin
                        """).stream().sorted((a, b) -> a.contains("modle") ? 1 : b.contains("modle") ? -1 : 0).toList());
    }

    @Test
    void shouldRefuseAFileThatIsNotAModelOrIsMissing() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a model");
        Path absent = dir.resolve("absent.model");
        assertEquals(List.of("g.yaml:2: detectors.anomaly.model = " + notes + ": model file " + notes
                        + " is not a Gatewatch anomaly model (it does not start with 'gatewatch-anomaly-model')"),
                problems("detectors:\n  anomaly: {enabled: true, model: " + notes + "}\n"));
        assertEquals(List.of("g.yaml:2: detectors.anomaly.model = " + absent + ": model file " + absent
                        + " does not exist: train one with ./detector train"),
                problems("detectors:\n  anomaly: {enabled: true, model: " + absent + "}\n"));
    }

    @Test
    void shouldRefuseAnIntervalOtherThanTheModelWasTrainedOn() throws IOException {
        Path m = model(Duration.ofMinutes(1));
        assertEquals(List.of(
                "g.yaml:2: detectors.anomaly.interval = 5m: the model was trained on 1m intervals; use that, or"
                        + " retrain with --interval 5m"),
                problems("detectors:\n  anomaly: {enabled: true, interval: 5m, model: " + m + "}\n"));
    }

    @Test
    void shouldNotLetARouteOverrideChangeTheModelOrInterval() throws IOException {
        Path m = model(Duration.ofMinutes(1));
        assertEquals(List.of(
                "g.yaml:6: detectors.anomaly.overrides[0].interval = 2m: cannot be overridden per route: it shapes"
                        + " the state kept per client; set it in the detector's own block"),
                problems("detectors:\n  anomaly:\n    enabled: true\n    model: " + m
                        + "\n    overrides:\n      - {route: /api/**, interval: 2m}\n"));
    }
}
