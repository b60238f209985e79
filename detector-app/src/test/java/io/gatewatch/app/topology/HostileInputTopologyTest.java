package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * An attacker's or a broken gateway's lines, then a real brute force: every hostile line reaches the
 * dead-letter topic, intact and with a reason, and the brute force is still alerted.
 */
class HostileInputTopologyTest {
    private static final Instant T0 = Instant.parse("2026-01-12T09:00:00Z");
    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64)";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Name to raw record and the format header it arrives with. */
    private record Hostile(byte[] value, String format) {
    }

    private static Map<String, Hostile> corpus() {
        Map<String, Hostile> c = new LinkedHashMap<>();
        c.put("before 1970", new Hostile(ascii("203.0.113.5 - - [20/Jul/1969:20:17:40 +0000] \"GET /a HTTP/1.1\" 200 1 \"-\" \"ua\""), "nginx"));
        c.put("far future", new Hostile(ascii(CombinedLogLine.of("203.0.113.6", null, Instant.parse("2100-01-01T00:00:00Z"),
                "POST", "/api/v1/login", 401, 120, UA)), "nginx"));
        c.put("NUL line", new Hostile(new byte[4096], "nginx"));
        c.put("ESC line", new Hostile(ascii("\u001b]0;pwned\u0007\u001b[2J\u001b[H"), "nginx"));
        c.put("invalid UTF-8 line", new Hostile(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, "nginx"));
        c.put("invalid UTF-8 time", new Hostile(ascii("203.0.113.5 - - [\u00ff\u00fe/Jan/2026:09:00:00 +0000] \"GET /a HTTP/1.1\" 200 1 \"-\" \"ua\""), "nginx"));
        c.put("10,000-deep JSON", new Hostile(ascii("{\"ts\":".repeat(10_000) + "1" + "}".repeat(10_000)), "json"));
        c.put("10,000-deep JSON, auto", new Hostile(ascii("[".repeat(10_000) + "]".repeat(10_000)), "auto"));
        c.put("5 MB line", new Hostile(ascii("203.0.113.5 - - [12/Jan/2026:09:00:00 +0000] \"GET /" + "p".repeat(5 << 20)
                + " HTTP/1.1\" 200 1 \"-\" \"ua\""), "nginx"));
        return c;
    }

    @Test
    void shouldDeadLetterEveryHostileLineWithAReasonAndStillAlertTheBruteForceAfterThem() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            Map<String, Hostile> corpus = corpus();
            for (Hostile h : corpus.values()) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("format", h.format().getBytes(StandardCharsets.UTF_8));
                f.raw.pipeInput(new TestRecord<>(null, h.value(), headers));
            }
            // control characters and bad bytes inside a sound line's fields are kept (replaced), not dropped:
            // otherwise one ESC in a user agent would hide an attacker from detection
            f.pipe(List.of("203.0.113.8 - - [12/Jan/2026:08:59:00 +0000] \"GET /a\u001b[2J HTTP/1.1\" 200 1 \"-\" \"x\u0000\ufffd\""));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                lines.add(CombinedLogLine.of("203.0.113.7", null, T0.plusMillis(i * 250L), "POST", "/api/v1/login", 401, 120, UA));
            }
            f.pipe(lines);

            List<Hostile> expected = new ArrayList<>(corpus.values());
            List<String> names = new ArrayList<>(corpus.keySet());
            for (int i = 0; i < expected.size(); i++) {
                assertFalse(f.dlq.isEmpty(), "missing from the DLQ: " + names.get(i));
                TestRecord<byte[], byte[]> dead = f.dlq.readRecord();
                String reason = DeadLetters.header(dead.headers(), DeadLetters.REASON);
                assertTrue(reason != null && !reason.isBlank(), names.get(i));
                assertEquals("normalize", DeadLetters.header(dead.headers(), DeadLetters.STAGE), names.get(i));
                assertArrayEquals(expected.get(i).value(), dead.value(), names.get(i) + " is kept as it arrived");
            }
            assertTrue(f.dlq.isEmpty(), "only the hostile lines are dead-lettered");
            assertEquals((double) corpus.size(), f.metrics.count("gatewatch.dlq.records"));
            // the sound line, the 40 logins, and the two lines that parse but are dated outside the window
            assertEquals(43.0, f.metrics.count("gatewatch.events.parsed"));
            List<Alert> alerts = f.alerts.readValuesToList();
            assertFalse(alerts.isEmpty(), "the brute force after the hostile lines is alerted");
            assertEquals("ip:203.0.113.7", alerts.getFirst().client().key());
            assertEquals("credential_stuffing", alerts.getFirst().detector());
        }
    }
}
