package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.app.sim.CombinedLogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two configs over one small log, end to end through the CLI on an embedded broker: a lowered threshold
 * makes the alert on a slower attacker appear, an allowlisted range makes another disappear, and the
 * attacker both catch is no change.
 */
class WhatIfCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String BOTH = "203.0.113.10";
    private static final String APPEARS = "203.0.113.20";
    private static final String DISAPPEARS = "198.51.100.30";

    private static final String CURRENT = """
            detectors:
              credential_stuffing:
                windows:
                  - {name: burst, window: 1m, max_failures: 20, max_attempts: 1000}
            """;
    private static final String PROPOSED = """
            allowlist:
              cidrs: [198.51.100.0/24]
            detectors:
              credential_stuffing:
                windows:
                  - {name: burst, window: 1m, max_failures: 5, max_attempts: 1000}
            """;

    private static Path log(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Instant t = T0.plusSeconds(i);
            lines.add(CombinedLogLine.of(BOTH, null, t, "POST", "/api/v1/login", 401, 120, "curl/8.5"));
            lines.add(CombinedLogLine.of(DISAPPEARS, null, t, "POST", "/api/v1/login", 401, 120, "curl/8.5"));
            if (i < 8) {
                lines.add(CombinedLogLine.of(APPEARS, null, t, "POST", "/api/v1/login", 401, 120, "curl/8.5"));
            }
        }
        return Files.write(dir.resolve("access.log"), lines);
    }

    @Test
    void shouldListTheAlertsAChangeMakesAppearAndDisappearWithTheirClients(@TempDir Path dir) throws Exception {
        Path current = Files.writeString(dir.resolve("current.yaml"), CURRENT);
        Path proposed = Files.writeString(dir.resolve("proposed.yaml"), PROPOSED);
        Path log = log(dir);

        CliRun json = CliRun.of("whatif", "--config", proposed.toString(), "--against", current.toString(),
                "--input", log.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertEquals(68, report.path("lines").asLong());
        JsonNode stuffing = null;
        for (JsonNode d : report.path("detectors")) {
            if (d.path("detector").asText().equals("credential_stuffing")) {
                stuffing = d;
            }
        }
        assertTrue(stuffing != null, json.out());
        assertEquals(2, stuffing.path("current_alerts").asInt(), json.out());
        assertEquals(2, stuffing.path("proposed_alerts").asInt(), json.out());
        assertEquals(1, stuffing.path("appear").size(), json.out());
        assertEquals("ip:" + APPEARS, stuffing.path("appear").path(0).path("key").asText());
        assertEquals("/api/v1/login", stuffing.path("appear").path(0).path("route").asText());
        assertEquals("2026-11-23T10:00:05Z", stuffing.path("appear").path(0).path("first_detected_at").asText(),
                "the sixth failure crosses max_failures 5");
        assertEquals(1, stuffing.path("disappear").size(), json.out());
        assertEquals("ip:" + DISAPPEARS, stuffing.path("disappear").path(0).path("key").asText());
        assertTrue(json.err().contains("whatif: 68 lines sent"), json.err());

        CliRun text = CliRun.of("replay", "--config", proposed.toString(), "--against", current.toString(),
                "--input", log.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("credential_stuffing: 2 alerts → 2; 1 appear, 1 disappear\n"
                + "  + ip:" + APPEARS + "  on /api/v1/login  first 2026-11-23T10:00:05Z  high  (1 alert)\n"
                + "  - ip:" + DISAPPEARS + "  on /api/v1/login  first 2026-11-23T10:00:20Z  high  (1 alert)\n"), text.out());
    }
}
