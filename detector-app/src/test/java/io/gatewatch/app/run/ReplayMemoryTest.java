package io.gatewatch.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated day through {@code detector replay} (embedded broker, topology, RocksDB) in a JVM of its
 * own with a 256 MB heap: it completes and raises alerts. Guards the bounded-memory settings (shared
 * RocksDB cache, record cache) against a change that would need more.
 */
class ReplayMemoryTest {
    @Test
    void shouldReplayASimulatedDayInA256MbHeap(@TempDir Path tmp) throws Exception {
        List<String> lines = Simulation.run(new Simulation.Spec(21, Instant.parse("2026-09-14T00:00:00Z"),
                Duration.ofHours(24), 600)).lines();
        Path log = Files.write(tmp.resolve("access.log"), lines);
        Path out = tmp.resolve("alerts.jsonl");
        Path err = tmp.resolve("stderr.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), "io.gatewatch.app.cli.Main",
                "replay", "--input", log.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(stderr.contains("replay: done"), stderr);
        assertTrue(Files.readAllLines(out).stream().anyMatch(l -> l.contains("\"detector\"")),
                "alerts on stdout; stderr: " + stderr);
    }
}
