package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.detect.AnomalyTraffic;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.Algorithm;
import io.gatewatch.models.behaviour.Snapshot;
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
    void shouldTrainACalibratedModelOnALogThatJudgesAScannerAnomalous() throws Exception {
        Path log = dir.resolve("access.log");
        List<String> lines = new ArrayList<>(AnomalyTraffic.benignLog(12, 60, T0, 3));
        lines.add("this is not an nginx line");
        Files.write(log, lines);
        Path out = dir.resolve("anomaly.model");
        CliRun run = CliRun.of("train", "--input", log.toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("(1 rejected), 720 client-minutes from 12 clients, 2026-11-22T08:00:00Z to"
                + " 2026-11-22T09:00:00Z"), run.err());
        assertTrue(run.err().matches("(?s).*robust_z trained in \\d+ ms; wrote .* \\(\\d+ bytes\\).*"), run.err());
        assertTrue(run.err().matches("(?s).*threshold \\d+\\.\\d{3} for 1 benign client a day, .*"), run.err());
        AnomalyModel model = AnomalyModel.load(out);
        assertEquals(720, model.header().vectors());
        assertEquals(Algorithm.ROBUST_Z, model.header().algorithm());
        List<String> scan = AnomalyTraffic.scannerMinute("203.0.113.5", T0, 1000, new Random(4));
        var v = new io.gatewatch.app.detect.BehaviourVectors(List.of());
        AnomalyTraffic.events(scan).forEach(v::add);
        Snapshot scanner = v.finish().getFirst().snapshot();
        double score = model.score(scanner).score();
        assertTrue(score > model.threshold(1), "scanner scored " + score + ", threshold " + model.threshold(1));
    }

    @Test
    void shouldTrainAnIsolationForestWhenAsked() throws Exception {
        Path log = dir.resolve("access.log");
        Files.write(log, AnomalyTraffic.benignLog(6, 30, T0, 4));
        Path out = dir.resolve("forest.model");
        CliRun run = CliRun.of("train", "--input", log.toString(), "--out", out.toString(), "--algorithm",
                "isolation_forest");
        assertEquals(0, run.exit(), run.err());
        assertEquals(Algorithm.ISOLATION_FOREST, AnomalyModel.load(out).header().algorithm());
        CliRun bad = CliRun.of("train", "--input", log.toString(), "--out", out.toString(), "--algorithm", "svm");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("train: --algorithm = svm: unknown algorithm 'svm'; known: isolation_forest,"
                + " robust_z"), bad.err());
    }

    @Test
    void shouldRefuseALogTooSmallToLearnFrom() throws Exception {
        Path log = dir.resolve("tiny.log");
        Files.write(log, AnomalyTraffic.benignLog(2, 3, T0, 5));
        CliRun run = CliRun.of("train", "--input", log.toString(), "--out", dir.resolve("m").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("train: " + log + " gave 6 client-minutes"), run.err());
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
