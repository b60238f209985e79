package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.reload.ConfigReloader;
import io.gatewatch.app.reload.ReloadOutcome;
import io.gatewatch.app.reload.Reloaders;
import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config edit reaches the running topology: the done-when of issue 12's live tuning. */
class LiveTuningTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static String config(int maxFailures) {
        return """
                detectors:
                  credential_stuffing:
                    windows:
                      - {name: burst, window: 1m, max_failures: %d, max_attempts: 1000}
                """.formatted(maxFailures);
    }

    private static List<String> failedLogins(String ip, int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add(CombinedLogLine.of(ip, null, T0.plusSeconds(i), "POST", "/api/v1/login", 401, 120, "Mozilla/5.0"));
        }
        return lines;
    }

    @Test
    void shouldRaiseAnAlertWithoutRestartOnceALoweredThresholdIsReloadedAndCountTheFailuresSeenBeforeIt(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("gatewatch.yaml");
        Files.writeString(file, config(20));
        ConfigReloader reloader = Reloaders.open(file, new SimpleMeterRegistry(), Map.of());
        try (TopologyFixture f = new TopologyFixture(reloader.live(), DetectorRegistry.standard())) {
            f.pipe(failedLogins("203.0.113.7", 0, 10));
            assertTrue(f.alerts.isEmpty(), "10 failures are within max_failures 20");

            Files.writeString(file, config(5));
            ReloadOutcome outcome = reloader.reload("test");
            ReloadOutcome.Applied applied = assertInstanceOf(ReloadOutcome.Applied.class, outcome);
            assertEquals(2, applied.generation());
            assertEquals("detectors.credential_stuffing.windows[0].max_failures: 20 → 5",
                    applied.changes().getFirst().toString());

            f.pipe(failedLogins("203.0.113.7", 10, 11));
            List<Alert> alerts = f.alerts.readValuesToList();
            assertEquals(1, alerts.size(), alerts.toString());
            Alert a = alerts.getFirst();
            assertEquals("credential_stuffing", a.detector());
            assertEquals("ip:203.0.113.7", a.client().key());
            // 11, not 1: the profile counted before the reload is the one the new threshold reads
            assertEquals(11, ((Number) a.evidence().get("failures")).intValue(), a.evidence().toString());
            assertEquals(5, ((Number) a.evidence().get("max_failures")).intValue(), a.evidence().toString());
            assertEquals(0.0, f.metrics.count("gatewatch.profiles.section.resets"), "no section was reshaped");
        }
    }

    @Test
    void shouldKeepTheRunningThresholdWhenTheEditAlsoChangesAWindowLength(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gatewatch.yaml");
        Files.writeString(file, config(20));
        ConfigReloader reloader = Reloaders.open(file, new SimpleMeterRegistry(), Map.of());
        try (TopologyFixture f = new TopologyFixture(reloader.live(), DetectorRegistry.standard())) {
            f.pipe(failedLogins("203.0.113.8", 0, 10));
            Files.writeString(file, config(5).replace("window: 1m", "window: 2m"));
            ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class, reloader.reload("test"));
            assertEquals(List.of(file + ": detectors.credential_stuffing.windows[0].window: 1m → 2m: needs a restart"),
                    refused.reasons());
            f.pipe(failedLogins("203.0.113.8", 10, 15));
            assertTrue(f.alerts.isEmpty(), "the threshold of 20 still runs: " + f.alerts.readValuesToList());
        }
    }
}
