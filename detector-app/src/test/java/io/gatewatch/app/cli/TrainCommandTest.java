package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.detect.AnomalyTraffic;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.BehaviourFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    @TempDir
    Path dir;

    @Test
    void shouldTrainAModelOnALogThatScoresAScannerAboveTheDefaultThreshold() throws Exception {
        Path log = dir.resolve("access.log");
        List<String> lines = new ArrayList<>(AnomalyTraffic.benignLog(12, 20, T0, 3));
        lines.add("this is not an nginx line");
        Files.write(log, lines);
        Path out = dir.resolve("anomaly.model");
        CliRun run = CliRun.of("train", "--input", log.toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("(1 rejected), 240 vectors of 1m from 12 clients (min 20 requests each)"),
                run.err());
        assertTrue(run.err().matches("(?s).*trained in \\d+ ms; wrote .* \\(\\d+ bytes\\).*"), run.err());
        assertTrue(run.err().matches("(?s).*scores on its own training data: p50 0\\.\\d{3}, p99 0\\.\\d{3}, .*"),
                run.err());
        AnomalyModel model = AnomalyModel.load(out);
        assertEquals(240, model.header().vectors());
        assertEquals(60_000, model.header().intervalMs());
        List<String> scan = AnomalyTraffic.scannerMinute("203.0.113.5", T0, 1000, new Random(4));
        var v = new io.gatewatch.app.detect.BehaviourVectors(60_000, 20, List.of());
        AnomalyTraffic.events(scan).forEach(v::add);
        BehaviourFeatures scanner = v.finish().getFirst();
        assertTrue(model.score(scanner.values()) >= 0.75, "scanner scored " + model.score(scanner.values()));
    }

    @Test
    void shouldRefuseALogTooSmallToLearnFrom() throws Exception {
        Path log = dir.resolve("tiny.log");
        Files.write(log, AnomalyTraffic.benignLog(2, 3, T0, 5));
        CliRun run = CliRun.of("train", "--input", log.toString(), "--out", dir.resolve("m").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("train: " + log + " gave 6 intervals of 1m with at least 20 requests"),
                run.err());
        assertTrue(Files.notExists(dir.resolve("m")));
    }

    @Test
    void shouldExplainAMissingInputOrOption() {
        CliRun noOut = CliRun.of("train", "--input", "x.log");
        assertEquals(2, noOut.exit());
        assertTrue(noOut.err().startsWith("detector: train: --out is required"), noOut.err());
        CliRun missing = CliRun.of("train", "--input", dir.resolve("absent.log").toString(), "--out", "m");
        assertEquals(2, missing.exit());
        assertEquals("train: --input " + dir.resolve("absent.log") + ": no such file\n", missing.err());
    }
}
