package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay command end to end on a real embedded Kafka broker, over CrowdSec's own brute-force fixture. */
class ReplayIntegrationTest {
    private static final Path SHARED = Path.of(System.getProperty("gatewatch.shared", "../../shared"));

    @Test
    void shouldPrintContractAlertsOnStdoutAndCountDeadLettersInTheSummary(@TempDir Path tmp) throws Exception {
        Path fixture = SHARED.resolve("data/crowdsec-hub-tests/nginx-http-generic-bf/nginx-http-generic-bf.log");
        Path input = tmp.resolve("access.log");
        // CrowdSec's fixture, plus one malformed line of our own
        Files.writeString(input, Files.readString(fixture) + "\n\"GET / HTTP/1.1\" this line has no client\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("replay", "--format", "nginx", "--input", input.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stderr);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), "stdout holds alert JSON lines and nothing else: " + lines);
        new io.gatewatch.app.contract.AlertContract().assertValid(lines.getFirst());
        Alert alert = Json.newMapper().readValue(lines.getFirst(), Alert.class);
        assertEquals("credential_stuffing", alert.detector());
        assertEquals("127.0.0.1", alert.client().ip());
        assertEquals("/client", alert.route());
        assertEquals(6L, ((Number) alert.evidence().get("failures")).longValue());
        assertEquals("2022-03-06T16:14:13Z", alert.detectedAt().toString());

        // 6 access-log lines parse; the 16 nginx error-log lines and our malformed one are dead-lettered
        assertTrue(stderr.contains("23 lines read, 6 events parsed, 17 dead-lettered"), stderr);
    }

    @Test
    void shouldWaitForTheRouteStageSoABotnetAtTheEndOfTheFileIsReported(@TempDir Path tmp) throws Exception {
        // the botnet fixture's lines end the file: its route-scope alert comes from the route stage, which reads
        // the client stage's per-second tallies after it; a replay that stopped at the last event missed it
        Path input = Path.of("src/test/resources/fixtures/credential_stuffing/botnet-spread-over-many-addresses/input.log");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("replay", "--format", "nginx", "--input", input.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<Alert> alerts = new java.util.ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            alerts.add(Json.newMapper().readValue(line, Alert.class));
        }
        assertTrue(alerts.stream().anyMatch(a -> a.scope() == Alert.Scope.ROUTE && a.detector().equals("credential_stuffing")),
                "no route-scope alert in: " + out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldExitWith2AndNameTheProblemForAMissingInput() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("replay", "--input", "/nonexistent/access.log"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals("replay: cannot read /nonexistent/access.log", err.toString(StandardCharsets.UTF_8).strip());
    }
}
