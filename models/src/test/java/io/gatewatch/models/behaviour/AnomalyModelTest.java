package io.gatewatch.models.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyModelTest {
    static final long MINUTE = 60_000;

    /** Ordinary API clients: 20-60 requests a minute, few errors, a handful of routes, mostly GET. */
    static double[][] benign(int n, long seed) {
        Random r = new Random(seed);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[] {
                Math.log1p(20 + r.nextInt(40)),
                r.nextDouble() * 0.05,
                r.nextDouble() * 0.01,
                3 + r.nextInt(8),
                0.2 + r.nextDouble() * 0.4,
                r.nextDouble() * 0.05,
                7 + r.nextDouble() * 2,
                0.1 + r.nextDouble() * 0.3,
                r.nextDouble() * 0.2,
            };
        }
        return out;
    }

    static double[] typical() {
        return new double[] {Math.log1p(40), 0.025, 0.005, 6, 0.4, 0.025, 8, 0.25, 0.1};
    }

    /** A scanner: fifty times the requests, nine in ten answered 404, every request a new path. */
    static double[] scanner() {
        return new double[] {Math.log1p(2000), 0.9, 0.0, 120, 1.0, 0.0, 5, 0.05, 0.0};
    }

    @Test
    void shouldScoreAScannerAboveTheThresholdAndTypicalClientsBelow() {
        AnomalyModel model = AnomalyModel.train(benign(2000, 1), MINUTE);
        assertTrue(model.score(scanner()) > 0.75, "scanner scored " + model.score(scanner()));
        assertTrue(model.score(typical()) < 0.25, "typical scored " + model.score(typical()));
        double[][] fresh = benign(500, 2);
        long above = java.util.Arrays.stream(fresh).filter(v -> model.score(v) >= 0.75).count();
        assertTrue(above <= 5, above + " of 500 benign vectors not seen in training scored at or above 0.75");
    }

    @Test
    void shouldTrainOnASmallSetToo() {
        AnomalyModel model = AnomalyModel.train(benign(30, 6), MINUTE);
        // thirty vectors make a noisy calibration (Smile trains trees in parallel, unseeded): the scanner
        // must still score past the training set's 99th percentile (0.5) and above a typical client
        assertTrue(model.score(scanner()) > 0.5, "scanner scored " + model.score(scanner()));
        assertTrue(model.score(scanner()) > model.score(typical()));
        assertEquals(30, model.header().vectors());
    }

    @Test
    void shouldNameTheFeaturesFurthestFromTrainingFirst() {
        AnomalyModel model = AnomalyModel.train(benign(1000, 3), MINUTE);
        List<AnomalyModel.Deviation> top = model.furthest(scanner(), 3);
        assertEquals(3, top.size());
        assertEquals(List.of("distinct_routes", "error_4xx_ratio", "requests_log1p").stream().sorted().toList(),
                top.stream().map(AnomalyModel.Deviation::feature).sorted().toList());
        assertTrue(top.get(0).z() > top.get(2).z() && top.get(2).z() > 5, "z " + top);
    }

    @Test
    void shouldGiveIdenticalScoresAfterASaveAndLoadRoundTrip(@TempDir Path dir) throws Exception {
        AnomalyModel model = AnomalyModel.train(benign(500, 4), MINUTE);
        Path file = dir.resolve("model.bin");
        model.save(file);
        AnomalyModel loaded = AnomalyModel.load(file);
        for (double[] v : benign(50, 5)) {
            assertEquals(model.score(v), loaded.score(v));
        }
        assertEquals(model.score(scanner()), loaded.score(scanner()));
        assertEquals(MINUTE, loaded.header().intervalMs());
        assertEquals(500, loaded.header().vectors());
        assertEquals(BehaviourFeatures.NAMES, AnomalyModel.readHeader(file).features());
    }

    @Test
    void shouldRefuseAFileThatIsNotAModel(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello, not a model");
        AnomalyModelException e = assertThrows(AnomalyModelException.class, () -> AnomalyModel.load(file));
        assertEquals("model file " + file + " is not a Gatewatch anomaly model (it does not start with "
                + "'gatewatch-anomaly-model')", e.getMessage());
    }

    @Test
    void shouldRefuseAModelOfAnotherFormatVersion(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("old.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeUTF(AnomalyModel.MAGIC);
            out.writeInt(0);
        }
        AnomalyModelException e = assertThrows(AnomalyModelException.class, () -> AnomalyModel.load(file));
        assertEquals("model file " + file + " has format version 0, this Gatewatch reads version 1:"
                + " retrain it with ./detector train", e.getMessage());
    }

    @Test
    void shouldRefuseAModelTrainedOnOtherFeatures(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("stale.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeUTF(AnomalyModel.MAGIC);
            out.writeInt(AnomalyModel.FORMAT_VERSION);
            out.writeLong(MINUTE);
            out.writeInt(2);
            out.writeUTF("requests_log1p");
            out.writeUTF("error_ratio");
        }
        AnomalyModelException e = assertThrows(AnomalyModelException.class, () -> AnomalyModel.readHeader(file));
        assertEquals("model file " + file + " was trained on features [requests_log1p, error_ratio] but this"
                + " Gatewatch computes " + BehaviourFeatures.NAMES + ": retrain it with ./detector train", e.getMessage());
    }

    @Test
    void shouldRefuseAMissingFileWithAHint(@TempDir Path dir) {
        Path file = dir.resolve("absent.bin");
        AnomalyModelException e = assertThrows(AnomalyModelException.class, () -> AnomalyModel.load(file));
        assertEquals("model file " + file + " does not exist: train one with ./detector train", e.getMessage());
    }
}
