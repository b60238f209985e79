package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.ApiEventSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The detect stage's event time: lateness per client, and events dated outside the sane window. */
class DetectEventTimeTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String UA = "Mozilla/5.0";

    private static String get(String ip, Instant t) {
        return CombinedLogLine.of(ip, null, t, "GET", "/api/v1/items/" + (t.getEpochSecond() % 97), 200, 800, UA);
    }

    private static String login(String ip, Instant t, int status) {
        return CombinedLogLine.of(ip, null, t, "POST", "/api/v1/login", status, 120, UA);
    }

    @Test
    void shouldCatchABruteForceAfterOneLineAnHourAheadAndCountUnderOnePercentLate() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            List<String> lines = new ArrayList<>();
            // 20 minutes of ordinary traffic from 40 clients, one line of which is stamped an hour ahead
            for (int s = 0; s < 1200; s++) {
                Instant t = T0.plusSeconds(s);
                lines.add(get("198.51.100." + (s % 40), t));
                if (s == 300) {
                    lines.add(get("198.51.100.200", t.plus(Duration.ofHours(1))));
                }
            }
            // then a brute force, interleaved with the same ordinary traffic
            for (int i = 0; i < 60; i++) {
                Instant t = T0.plusSeconds(1200 + i);
                lines.add(get("198.51.100." + (i % 40), t));
                lines.add(login("203.0.113.66", t, 401));
            }
            f.pipe(lines);

            double events = f.metrics.count("gatewatch.events.parsed");
            double late = f.metrics.count("gatewatch.events.late");
            assertEquals(lines.size(), events);
            assertTrue(late < events / 100, "late: " + late + " of " + events);
            List<Alert> alerts = f.alerts.readValuesToList();
            assertTrue(alerts.stream().anyMatch(a -> a.detector().equals("credential_stuffing")
                    && a.client().key().equals("ip:203.0.113.66")), alerts.toString());
        }
    }

    @Test
    void shouldCountAsLateOnlyTheClientsOwnEventsMoreThanTheGraceBehindItsNewest() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            // a fast partition's client at T0+30m, then a slow partition's clients at T0: none of them is late
            f.pipe(List.of(get("198.51.100.1", T0.plus(Duration.ofMinutes(30))), get("198.51.100.2", T0),
                    get("198.51.100.3", T0.plusSeconds(1))));
            assertEquals(0.0, f.metrics.count("gatewatch.events.late"));
            // the first client's own event 10 minutes behind its newest (grace 5m) is
            f.pipe(List.of(get("198.51.100.1", T0.plus(Duration.ofMinutes(20)))));
            assertEquals(1.0, f.metrics.count("gatewatch.events.late"));
        }
    }

    @Test
    void shouldDeadLetterEventsTopicRecordsDatedBeforeTheEpochOrFarAheadAndGoOn() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            TestInputTopic<String, byte[]> events = f.driver.createInputTopic("gatewatch.events", new StringSerializer(),
                    new ByteArraySerializer());
            ApiEventSerde serde = new ApiEventSerde();
            ApiEvent before1970 = ApiEvent.builder().ts(Instant.ofEpochMilli(-1000)).gateway("nginx")
                    .clientIp("203.0.113.5").method("GET").path("/x").status(200).build();
            ApiEvent year2100 = before1970.toBuilder().ts(Instant.parse("2100-01-01T00:00:00Z")).build();
            // another producer's records: the record timestamp is the append time, the event time is in the payload
            events.pipeInput(new TestRecord<>("ip:203.0.113.5", serde.serializer().serialize(null, before1970), T0));
            events.pipeInput(new TestRecord<>("ip:203.0.113.5", serde.serializer().serialize(null, year2100), T0));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                lines.add(login("203.0.113.7", T0.plusMillis(i * 250L), 401));
            }
            f.pipe(lines);

            List<String> reasons = new ArrayList<>();
            while (!f.dlq.isEmpty()) {
                var dead = f.dlq.readRecord();
                assertEquals("detect", DeadLetters.header(dead.headers(), DeadLetters.STAGE));
                reasons.add(DeadLetters.header(dead.headers(), DeadLetters.REASON));
            }
            assertEquals(2, reasons.size(), reasons.toString());
            assertTrue(reasons.get(0).contains("before 1970"), reasons.get(0));
            assertTrue(reasons.get(1).contains("ahead of the wall clock"), reasons.get(1));
            assertEquals(2.0, f.metrics.count("gatewatch.dlq.records"));
            assertTrue(f.alerts.readValuesToList().stream().anyMatch(a -> a.client().key().equals("ip:203.0.113.7")),
                    "the brute force after them is still caught");
        }
    }
}
