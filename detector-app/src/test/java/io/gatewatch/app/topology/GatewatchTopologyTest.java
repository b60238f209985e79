package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The topology's handling of bad input, whatever the detectors. Detection scenarios are fixture folders
 * (src/test/resources/fixtures, run by {@link DetectorFixturesTest}).
 */
class GatewatchTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String UA = "Mozilla/5.0";

    private static String login(String ip, Instant t, int status) {
        return CombinedLogLine.of(ip, null, t, "POST", "/api/v1/login", status, 120, UA);
    }

    @Test
    void shouldDeadLetterEventsDatedBeforeTheEpochOrFarAheadOfTheWallClockAndKeepProcessing() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            String before1970 = "203.0.113.5 - - [31/Dec/1969:23:59:59 +0000] \"GET /api/v1/items HTTP/1.1\" 200 10 \"-\" \"" + UA + "\"";
            String year2100 = login("203.0.113.6", Instant.parse("2100-01-01T00:00:00Z"), 401);
            f.pipe(List.of(before1970, year2100));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                lines.add(login("203.0.113.7", T0.plusMillis(i * 250L), 401));
            }
            f.pipe(lines);
            List<String> reasons = new ArrayList<>();
            while (!f.dlq.isEmpty()) {
                reasons.add(DeadLetters.header(f.dlq.readRecord().headers(), DeadLetters.REASON));
            }
            assertEquals(2, reasons.size(), reasons.toString());
            assertTrue(reasons.get(0).contains("before 1970"), reasons.get(0));
            assertTrue(reasons.get(1).contains("ahead of the wall clock") && reasons.get(1).contains("time.max_future"),
                    reasons.get(1));
            assertEquals(2.0, f.metrics.count("gatewatch.dlq.records"));
            assertEquals(0.0, f.metrics.count("gatewatch.events.late"), "a future line must not make later events late");
            List<Alert> alerts = f.alerts.readValuesToList();
            assertEquals("ip:203.0.113.7", alerts.getFirst().client().key(), "the brute force after them is still caught");
        }
    }

    @Test
    void shouldSendAnUnparseableLineToTheDeadLetterTopicWithItsReasonAndGoOn() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(List.of("garbage that is no access log", login("203.0.113.9", T0, 200)));
            TestRecord<byte[], byte[]> dead = f.dlq.readRecord();
            assertEquals("garbage that is no access log", new String(dead.value(), StandardCharsets.UTF_8));
            assertEquals("normalize", DeadLetters.header(dead.headers(), DeadLetters.STAGE));
            assertTrue(DeadLetters.header(dead.headers(), DeadLetters.REASON).startsWith("nginx:"));
            assertEquals("gatewatch.raw", DeadLetters.header(dead.headers(), DeadLetters.TOPIC));
            assertEquals("0", DeadLetters.header(dead.headers(), DeadLetters.OFFSET));
            assertTrue(f.dlq.isEmpty());
            assertEquals(1.0, f.metrics.count("gatewatch.dlq.records"));
            assertEquals(1.0, f.metrics.count("gatewatch.events.parsed"), "the good line after it still flows");
        }
    }

    @Test
    void shouldDeadLetterARecordWithAnUnknownFormatHeader() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(login("203.0.113.9", T0, 200), "syslog-ng-custom");
            String reason = DeadLetters.header(f.dlq.readRecord().headers(), DeadLetters.REASON);
            assertTrue(reason.startsWith("unknown format 'syslog-ng-custom' in the record's format header; known: "), reason);
        }
    }

    @Test
    void shouldDeadLetterAnEventsTopicRecordThatIsNotAnApiEvent() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            var events = f.driver.createInputTopic("gatewatch.events",
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
            events.pipeInput("ip:1.2.3.4", "{\"ts\":\"not a time\"}".getBytes(StandardCharsets.UTF_8));
            TestRecord<byte[], byte[]> dead = f.dlq.readRecord();
            assertEquals("detect", DeadLetters.header(dead.headers(), DeadLetters.STAGE));
            assertTrue(DeadLetters.header(dead.headers(), DeadLetters.REASON).startsWith("not an ApiEvent: "));
        }
    }

}
