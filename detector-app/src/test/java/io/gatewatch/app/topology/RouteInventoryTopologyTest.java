package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatewatch.app.inventory.RouteStats;
import io.gatewatch.app.sim.CombinedLogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class RouteInventoryTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void shouldWriteEachRoutesCountsOnceASecondAndNotMakeRoutesOfNotFoundPaths() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            KeyValueStore<String, byte[]> store = f.driver.getKeyValueStore(GatewatchTopology.ROUTE_INVENTORY);
            f.pipe(List.of(
                    CombinedLogLine.of("198.51.100.1", null, T0, "GET", "/api/v1/users/4711", 200, 100, "ua"),
                    CombinedLogLine.of("198.51.100.2", null, T0.plusSeconds(1), "GET", "/api/v1/users/4712", 404, 100, "ua"),
                    CombinedLogLine.of("203.0.113.88", null, T0.plusSeconds(2), "GET", "/.env", 404, 100, "ua")));
            assertNull(store.get("/api/v1/users/{id}"), "held in memory until the wall-clock second passes");

            f.driver.advanceWallClockTime(Duration.ofSeconds(1));
            RouteStats users = RouteStats.decode(store.get("/api/v1/users/{id}"));
            assertEquals(2, users.requests(), "a 404 on a known route is counted (as an error)");
            assertEquals(T0.toEpochMilli(), users.firstSeen());
            assertNull(store.get("/.env"), "a 404 does not create a route");
        }
    }
}
