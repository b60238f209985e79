package io.gatewatch.app.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A real SIGHUP, sent with kill(1) to a child JVM: the signal reloads the config and the JVM lives on. */
@EnabledOnOs(OS.LINUX)
class HangupSignalTest {
    @Test
    void shouldReloadTheConfigOnSighupAndKeepRunning(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gatewatch.yaml"), "detectors:\n  reconnaissance:\n    fast_max_points: 10\n");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HangupChild.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = line(out);
            assertTrue(ready.startsWith("ready "), ready);
            String pid = ready.substring("ready ".length());

            Files.writeString(file, "detectors:\n  reconnaissance:\n    fast_max_points: 6\n");
            hangup(pid);
            assertEquals("reloaded applied 2", line(out));
            Files.writeString(file, "kafka:\n  partitions: 8\ndetectors:\n  reconnaissance:\n    fast_max_points: 6\n");
            hangup(pid);
            assertEquals("reloaded refused 2", line(out));
            assertTrue(child.isAlive(), "SIGHUP must not stop the JVM");
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    /** nohup leaves SIGHUP ignored, and the JVM then installs no handler: the reload must say so, not pretend. */
    @Test
    void shouldSaySighupCannotReloadInAProcessStartedUnderNohup(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gatewatch.yaml"), "detectors:\n  reconnaissance:\n    fast_max_points: 10\n");
        Process child = new ProcessBuilder("nohup", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HangupChild.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("uncatchable", line(out));
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static String line(BufferedReader out) throws Exception {
        String l = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        return l == null ? "(child ended)" : l;
    }

    private static void hangup(String pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-HUP", pid).inheritIO().start().waitFor());
    }
}
