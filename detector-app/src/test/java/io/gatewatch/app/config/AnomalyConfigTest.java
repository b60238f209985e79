package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.app.detect.AnomalyTraffic;
import io.gatewatch.models.behaviour.Algorithm;
import io.gatewatch.schema.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private Path model() throws IOException {
        Path file = dir.resolve("m.model");
        AnomalyTraffic.trainedModel(5, Algorithm.ROBUST_Z).save(file);
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
        assertEquals(1.0, a.falsePositivesPerDay());
        assertEquals(3, a.explain());
    }

    @Test
    void shouldReadAnEnabledBlockWithAValidModel() throws Exception {
        Path m = model();
        AnomalyConfig a = anomaly(loader.parse("""
                detectors:
                  anomaly:
                    enabled: true
                    mode: alert
                    model: %s
                    false_positives_per_day: 0.5
                    explain: 5
                """.formatted(m), "g.yaml"));
        assertEquals(true, a.settings().enabled());
        assertEquals(Alert.Mode.ALERT, a.settings().mode());
        assertEquals(m, a.model());
        assertEquals(0.5, a.falsePositivesPerDay());
        assertEquals(5, a.explain());
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
                "g.yaml:3: detectors.anomaly.false_positives_per_day = -1: out of range (allowed: 0 to 10000)",
                "g.yaml:4: detectors.anomaly.explain = 0: out of range (allowed: 1 to 10)",
                "g.yaml:5: detectors.anomaly.threshold = 0.75: unknown key (allowed: enabled, mode, severity,"
                        + " cooldown, allowlist, model, false_positives_per_day, explain)"),
                problems("""
                        detectors:
                          anomaly:
                            false_positives_per_day: -1
                            explain: 0
                            threshold: 0.75
                        """).stream().sorted((a, b) -> a.contains("threshold") ? 1 : b.contains("threshold") ? -1 : 0)
                        .toList());
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
    void shouldRefuseAModelOfAnOlderFormat() throws IOException {
        Path old = dir.resolve("old.model");
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(Files.newOutputStream(old))) {
            out.writeUTF(AnomalyModel.MAGIC);
            out.writeInt(1);
        }
        assertEquals(List.of("g.yaml:2: detectors.anomaly.model = " + old + ": model file " + old + " has format version 1, this"
                        + " Gatewatch reads version 2: retrain it with ./detector train"),
                problems("detectors:\n  anomaly: {enabled: true, model: " + old + "}\n"));
    }
}
