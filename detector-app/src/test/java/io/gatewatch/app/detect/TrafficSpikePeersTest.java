package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.app.config.PopulationSettings;
import io.gatewatch.app.config.TrafficSpikeConfig;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrafficSpikePeersTest {
    private static final long T0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private final TrafficSpikeDetector detector = new TrafficSpikeDetector(new TrafficSpikeConfig(
            new DetectorSettings(true, Alert.Mode.ALERT, Alert.Severity.MEDIUM, Duration.ofMinutes(10), Allowlist.EMPTY),
            Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(5), 10, 6, 5, 50, 0.99, 3, 5));
    private final Populations populations = new Populations(
            new PopulationSettings(20, 100, Duration.ofDays(1), 100, 24, 64), new Populations.Storage() {
                @Override
                public void put(String population, byte[] bytes) {
                }

                @Override
                public void delete(String population) {
                }
            });

    private Finding observe(TrafficSpikeDetector.State s, String ip, long ts) {
        ApiEvent e = ApiEvent.builder().ts(Instant.ofEpochMilli(ts)).clientIp(ip).method("GET")
                .path("/api/v1/products/7").route("/api/v1/products/{id}").status(200).build();
        return detector.observe(s, e, new EventFacts(ts, "ip:" + ip, e.route(), false,
                populations.of("ip:" + ip, ip, "Go-http-client/1.1", ts)));
    }

    /** Thirty browsers at a request every 4 s for their first five minutes, then one more request later. */
    private void teachPeers() {
        for (int c = 0; c < 30; c++) {
            TrafficSpikeDetector.State s = detector.newSection();
            String ip = "198.51.100." + c;
            for (long t = T0; t < T0 + 300_000; t += 4_000) {
                observe(s, ip, t);
            }
            observe(s, ip, T0 + 3_600_000);
        }
    }

    @Test
    void shouldFireOnANewClientAtTwelvePerSecondOncePeersAreKnownThoughUnderTheFixedFifty() {
        TrafficSpikeDetector.State cold = detector.newSection();
        for (int i = 0; i < 120; i++) {
            assertNull(observe(cold, "203.0.113.9", T0 + i * 83L), "cold start: only the fixed 50 req/s applies");
        }
        teachPeers();
        TrafficSpikeDetector.State s = detector.newSection();
        Finding first = null;
        for (int i = 0; i < 120 && first == null; i++) {
            first = observe(s, "203.0.113.10", T0 + 7_200_000 + i * 83L);
        }
        assertNotNull(first);
        assertEquals("peer_min_rate", first.evidence().get("crossed"));
        assertEquals("ip", first.evidence().get("population"));
        assertEquals(0.3, (double) first.evidence().get("peer_peak_rate_per_s"), 0.01);
    }

    @Test
    void shouldLeaveANewClientAtTwoPerSecondAloneAgainstTheSamePeers() {
        teachPeers();
        TrafficSpikeDetector.State s = detector.newSection();
        for (int i = 0; i < 200; i++) {
            assertNull(observe(s, "203.0.113.11", T0 + 7_200_000 + i * 500L));
        }
    }
}
