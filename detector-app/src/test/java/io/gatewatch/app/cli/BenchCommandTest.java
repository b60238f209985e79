package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void shouldRunEveryPhaseAndPrintOneMachineReadableLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("bench", "--events", "5000", "--clients", "500", "--rate", "2000", "--seconds", "3",
                "--partitions", "2"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stderr);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), "stdout holds the summary alone: " + lines);
        assertTrue(lines.getFirst().startsWith("bench: events=5000 clients=500 partitions=2 threads=1 "), lines.getFirst());
        Map<String, String> v = Arrays.stream(lines.getFirst().substring("bench: ".length()).split(" "))
                .map(kv -> kv.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        assertTrue(Double.parseDouble(v.get("passthrough_eps")) > 0, v.toString());
        assertTrue(Double.parseDouble(v.get("full_eps")) > 0, v.toString());
        assertTrue(Long.parseLong(v.get("profiles")) > 100, "background clients and attackers have profiles: " + v);
        assertTrue(Double.parseDouble(v.get("state_bytes_per_client")) > 0, v.toString());
        assertTrue(Long.parseLong(v.get("timed_alerts")) > 0, "brute-force alerts are timed: " + v);
        assertEquals("0", v.get("missing_alerts"), "every predicted alert is read back: " + stderr);
        assertEquals("0", v.get("dlq"), "every generated line parses");
        assertTrue(stderr.contains("bench: (a) passthrough:") && stderr.contains("bench: (b) Gatewatch:"), stderr);
    }

    @Test
    void shouldRefuseANonPositiveCountWithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("bench", "--events", "0"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
                "detector: bench: --events = 0: must be a whole number above 0"), err.toString(StandardCharsets.UTF_8));
    }
}
