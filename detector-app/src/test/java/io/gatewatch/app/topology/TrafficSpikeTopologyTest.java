package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** traffic_spike through the whole topology: raw combined-log lines in, alerts out. */
class TrafficSpikeTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String PARTNER = "198.51.100.20";

    private static String get(String ip, Instant t, String target) {
        return CombinedLogLine.of(ip, null, t, "GET", target, 200, 1500, "partner-sync/2.1");
    }

    /** A partner integration polling every 2 s for the given seconds from start. */
    private static List<String> partner(Instant start, int seconds) {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < seconds; s += 2) {
            lines.add(get(PARTNER, start.plusSeconds(s), "/api/v1/orders?updated_since=2026-11-23"));
        }
        return lines;
    }

    @Test
    void shouldFireWhenASteadyPartnerJumpsToFortyRequestsASecond() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            List<String> lines = partner(T0, 600);
            for (int s = 600; s < 605; s++) {
                for (int i = 0; i < 40; i++) {
                    lines.add(get(PARTNER, T0.plusSeconds(s), "/api/v1/orders?updated_since=2026-11-23"));
                }
            }
            f.pipe(lines);
            List<Alert> alerts = f.alerts.readValuesToList();
            assertTrue(alerts.stream().allMatch(a -> a.detector().equals("traffic_spike")), alerts.toString());
            Alert first = alerts.getFirst();
            assertEquals(0, first.revision());
            assertEquals("ip:" + PARTNER, first.client().key());
            assertEquals(Alert.Severity.MEDIUM, first.severity());
            // 40 a second from 10:10:00: the 101st request of the interval arrives at 10:10:02
            assertEquals(T0.plusSeconds(602), first.detectedAt());
            assertEquals(T0.plusSeconds(600), first.firstSeen());
            assertEquals(101L, ((Number) first.evidence().get("requests_in_interval")).longValue());
            assertEquals("min_rate", first.evidence().get("crossed"));
            assertEquals(0.5, ((Number) first.evidence().get("baseline_mean_per_s")).doubleValue());
            assertTrue(first.summary().startsWith("ip:198.51.100.20 sent 101 requests in 10s"), first.summary());
            assertTrue(alerts.size() <= 3, "one alert and a few updates: " + alerts.size());
            assertTrue(alerts.stream().allMatch(a -> a.alertId().equals(first.alertId())));
        }
    }

    @Test
    void shouldNeverFireForThePartnerAlone() throws Exception {
        // a day of a jittery partner is in TrafficSpikeDetectorTest; here half an hour, end to end
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(partner(T0, 1800));
            assertTrue(f.alerts.isEmpty());
            assertEquals(900.0, f.metrics.count("gatewatch.events.parsed"));
        }
    }

    @Test
    void shouldNotFireForAMarketingBurstOfFiveHundredNewUsersButForOneAddressAtTheSameTotal() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            Random r = new Random(17);
            List<String> lines = new ArrayList<>();
            // a campaign mail lands: 500 new users, each at one request a minute, all within the same 5 s
            // of each minute: 100 requests a second in all, but each user's own rate is human
            for (int minute = 0; minute < 2; minute++) {
                for (int u = 0; u < 500; u++) {
                    String ip = "10." + (20 + u / 250) + "." + (u % 250) + ".9";
                    lines.add(CombinedLogLine.of(ip, null, T0.plusSeconds(minute * 60L + u % 5), "GET",
                            "/api/v1/products/" + (1 + r.nextInt(50_000)), 200, 3000, "Mozilla/5.0"));
                }
            }
            // the same 100 requests a second from one fresh address
            for (int s = 0; s < 6; s++) {
                for (int i = 0; i < 100; i++) {
                    lines.add(get("203.0.113.99", T0.plusSeconds(120 + s), "/api/v1/products?q=" + i));
                }
            }
            f.pipe(lines);
            List<Alert> alerts = f.alerts.readValuesToList();
            assertEquals(1, alerts.size(), alerts.toString());
            assertEquals("ip:203.0.113.99", alerts.getFirst().client().key());
            assertEquals("traffic_spike", alerts.getFirst().detector());
            assertEquals(1600.0, f.metrics.count("gatewatch.events.parsed"));
        }
    }

    @Test
    void shouldCatchAFloodFromAFreshAddressButNotItsFirstBusySecond() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                lines.add(get("203.0.113.77", T0, "/api/v1/search?q=a"));
            }
            f.pipe(lines);
            assertTrue(f.alerts.isEmpty(), "45 requests in one second are under 50 req/s over the interval");
            lines.clear();
            for (int s = 1; s < 10; s++) {
                for (int i = 0; i < 60; i++) {
                    lines.add(get("203.0.113.77", T0.plusSeconds(s), "/api/v1/search?q=a"));
                }
            }
            f.pipe(lines);
            Alert a = f.alerts.readValue();
            assertEquals("traffic_spike", a.detector());
            assertEquals("new_client_max_rate", a.evidence().get("crossed"));
            assertEquals(501L, ((Number) a.evidence().get("requests_in_interval")).longValue());
            assertEquals(T0.plusSeconds(8), a.detectedAt());
        }
    }
}
