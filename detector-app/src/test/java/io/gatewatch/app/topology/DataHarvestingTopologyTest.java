package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.JsonSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** data_harvesting through the whole topology: raw combined-log lines (or events) in, alerts out. */
class DataHarvestingTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String UA = "Mozilla/5.0";

    private static String get(String ip, Instant t, String target) {
        return CombinedLogLine.of(ip, null, t, "GET", target, 200, 1200, UA);
    }

    @Test
    void shouldCatchAnEnumeratorWalkingUserIdsAtOneRequestPerTenSeconds() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            List<String> lines = new ArrayList<>();
            for (int id = 1000; id <= 1300; id++) {
                lines.add(get("203.0.113.50", T0.plusSeconds((id - 1000) * 10L), "/api/v1/users/" + id));
            }
            f.pipe(lines);
            List<Alert> alerts = f.alerts.readValuesToList();
            assertTrue(alerts.stream().allMatch(a -> a.detector().equals("data_harvesting")), alerts.toString());
            Alert first = alerts.getFirst();
            assertEquals("ip:203.0.113.50", first.client().key());
            assertEquals("/api/v1/users/{id}", first.route());
            assertEquals(Alert.Severity.HIGH, first.severity());
            assertEquals("id_walk", first.evidence().get("signal"));
            assertEquals(1000L, ((Number) first.evidence().get("walk_from")).longValue());
            assertEquals(1020L, ((Number) first.evidence().get("walk_to")).longValue());
            assertEquals(T0, first.firstSeen());
            assertEquals(T0.plusSeconds(200), first.detectedAt());
            assertEquals("ip:203.0.113.50 walked /api/v1/users/{id} through ids 1000..1020 in steps of 1 (20 steps in "
                    + "3m20s; a walk is 20): enumeration; block it and check those objects are readable only by "
                    + "their owners.", first.summary());
            // one alert, updated as the walk doubles: 20, 40, 80, 160 steps
            assertEquals(4, alerts.size(), alerts.toString());
            assertTrue(alerts.stream().allMatch(a -> a.alertId().equals(first.alertId())));
            assertEquals(160L, ((Number) alerts.getLast().evidence().get("walk_steps")).longValue());
        }
    }

    @Test
    void shouldStaySilentForAUserViewingFifteenRandomProducts() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            Random r = new Random(23);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                Instant t = T0.plusSeconds(i * 45L);
                long id = 10_000 + r.nextInt(90_000);
                lines.add(get("198.51.100.31", t, "/api/v1/products/" + id));
                lines.add(get("198.51.100.31", t.plusSeconds(1), "/api/v1/products/" + id + "/reviews?page=1"));
                lines.add(get("198.51.100.31", t.plusSeconds(1), "/static/app.js"));
            }
            f.pipe(lines);
            assertTrue(f.alerts.isEmpty(), () -> f.alerts.readValuesToList().toString());
            assertEquals(45.0, f.metrics.count("gatewatch.events.parsed"));
        }
    }

    @Test
    void shouldCatchAWalkThroughSixtyPagesButNotAThreePageBrowse() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            List<String> lines = new ArrayList<>();
            for (int p = 1; p <= 3; p++) {
                lines.add(get("198.51.100.40", T0.plusSeconds(p * 8L), "/api/v1/products?category=shoes&page=" + p));
            }
            for (int p = 1; p <= 60; p++) {
                lines.add(get("203.0.113.60", T0.plusSeconds(p * 3L), "/api/v1/products?page=" + p + "&per_page=100"));
            }
            f.pipe(lines);
            List<Alert> alerts = f.alerts.readValuesToList();
            assertTrue(alerts.stream().allMatch(a -> a.client().key().equals("ip:203.0.113.60")), alerts.toString());
            Alert first = alerts.getFirst();
            assertEquals("data_harvesting", first.detector());
            assertEquals("page_walk", first.evidence().get("signal"));
            assertEquals("page", first.evidence().get("param"));
            assertEquals("/api/v1/products", first.route());
            assertEquals(21L, ((Number) first.evidence().get("walk_to")).longValue());
            assertTrue(first.summary().startsWith("ip:203.0.113.60 paged through /api/v1/products with page=1..21 "
                    + "(20 steps in 1m; a walk is 20)"), first.summary());
        }
    }

    @Test
    void shouldCatchUnusualResponseVolumeFromEventsThatCarryBytesOut() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            var events = f.driver.createInputTopic("gatewatch.events", new StringSerializer(),
                    new JsonSerde<>(ApiEvent.class).serializer());
            for (int i = 0; i < 60; i++) {
                events.pipeInput("user:exporter", ApiEvent.builder().ts(T0.plusSeconds(i * 30L)).gateway("kong")
                        .user("exporter").clientIp("10.1.2.3").method("GET").path("/api/v1/reports/export")
                        .route("/api/v1/reports/export").status(200).bytesOut(12_000_000L).build());
            }
            Alert a = f.alerts.readValue();
            assertEquals("data_harvesting", a.detector());
            assertEquals("response_volume", a.evidence().get("signal"));
            assertEquals(504.0, ((Number) a.evidence().get("response_mb")).doubleValue());
            assertEquals(T0.plusSeconds(41 * 30L), a.detectedAt(), "the 42nd export of 12 MB crosses 500 MB");
            assertEquals("user:exporter", a.client().key());
        }
    }
}
