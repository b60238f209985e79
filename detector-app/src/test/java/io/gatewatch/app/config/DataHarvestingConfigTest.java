package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataHarvestingConfigTest {
    private final ConfigLoader loader = new ConfigLoader(Set.of("nginx"), n -> List.of());

    private List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "g.yaml")).problems();
    }

    private static DetectorBlock block(GatewatchConfig c) {
        return c.detectors().stream().filter(b -> b.id().equals(DataHarvestingConfig.ID)).findFirst().orElseThrow();
    }

    @Test
    void shouldBeOnWithItsDefaultsWithNoFile() {
        DataHarvestingConfig d = (DataHarvestingConfig) block(loader.defaults()).base();
        assertEquals(true, d.settings().enabled());
        assertEquals(Alert.Severity.HIGH, d.settings().severity());
        assertEquals(Duration.ofHours(1), d.settings().cooldown());
        assertEquals(Duration.ofHours(1), d.window());
        assertEquals(100, d.maxDistinctIds());
        assertEquals(40, d.maxPages());
        assertEquals(300, d.maxDistinctObjects());
        assertEquals(Duration.ofHours(6), d.walkWindow());
        assertEquals(20, d.walkMinSteps());
        assertEquals(100, d.maxStride());
        assertEquals(Duration.ofHours(1), d.volumeWindow());
        assertEquals(500.0, d.maxResponseMb());
        assertEquals(4, d.routesTracked());
        assertEquals(List.of("page", "offset", "start", "skip", "cursor", "after", "page_token", "pagetoken"),
                d.paginationParams());
    }

    @Test
    void shouldReadItsBlockAndMatchPaginationParametersWithoutCase() throws ConfigException {
        DataHarvestingConfig d = (DataHarvestingConfig) block(loader.parse("""
                detectors:
                  data_harvesting:
                    severity: critical
                    window: 30m
                    max_distinct_ids: 250
                    walk_min_steps: 10
                    max_response_mb: 50.5
                    routes_tracked: 2
                    pagination_params: [pageNumber, from]
                """, "g.yaml")).base();
        assertEquals(Alert.Severity.CRITICAL, d.settings().severity());
        assertEquals(Duration.ofMinutes(30), d.window());
        assertEquals(250, d.maxDistinctIds());
        assertEquals(10, d.walkMinSteps());
        assertEquals(50.5, d.maxResponseMb());
        assertEquals(2, d.routesTracked());
        assertEquals(List.of("pagenumber", "from"), d.paginationParams());
    }

    @Test
    void shouldReportEveryBadValueWithItsKey() {
        assertEquals(List.of(
                "g.yaml:3: detectors.data_harvesting.cooldown = 0s: out of range (allowed: 1s to 7d)",
                "g.yaml:4: detectors.data_harvesting.max_distinct_ids = 5000: out of range (allowed: 2 to 1000)",
                "g.yaml:5: detectors.data_harvesting.walk_window = 30s: out of range (allowed: 1m to 7d)",
                "g.yaml:6: detectors.data_harvesting.walk_min_steps = 2: out of range (allowed: 3 to 1000000)",
                "g.yaml:7: detectors.data_harvesting.max_response_mb = lots: must be a number (allowed: 0.01 to"
                        + " 10000000)",
                "g.yaml:8: detectors.data_harvesting.routes_tracked = 9: out of range (allowed: 1 to 8)",
                "g.yaml:9: detectors.data_harvesting.pagination_params = []: must list at least one item (allowed:"
                        + " at least 1 item)"),
                problems("""
                        detectors:
                          data_harvesting:
                            cooldown: 0s
                            max_distinct_ids: 5000
                            walk_window: 30s
                            walk_min_steps: 2
                            max_response_mb: lots
                            routes_tracked: 9
                            pagination_params: []
                        """));
    }

    @Test
    void shouldNameBothLimitsWhenTheAllRoutesLimitIsBelowTheOneRouteLimit() {
        assertEquals(List.of(
                "g.yaml:2: detectors.data_harvesting.max_distinct_ids = 400: max_distinct_objects (300) must be at"
                        + " least max_distinct_ids (400): the count across all routes includes each route's"),
                problems("detectors:\n  data_harvesting: {max_distinct_ids: 400}\n"));
        assertEquals(List.of("g.yaml:2: detectors.data_harvesting.max_distinct_objects = 50: max_distinct_objects (50) must "
                        + "be at least max_distinct_ids (100): the count across all routes includes each route's"),
                problems("detectors:\n  data_harvesting: {max_distinct_objects: 50}\n"));
    }

    @Test
    void shouldRejectAnUnknownKeyNamingTheAllowedOnes() {
        assertEquals(List.of(
                "g.yaml:2: detectors.data_harvesting.max_ids = 50: unknown key (allowed: enabled, mode, severity,"
                        + " cooldown, allowlist, window, max_distinct_ids, max_pages, max_distinct_objects, walk_window,"
                        + " walk_min_steps, max_stride, volume_window, max_response_mb, volume_min_requests, routes_tracked,"
                        + " pagination_params, account_page_walks)"),
                problems("detectors:\n  data_harvesting: {max_ids: 50}\n"));
    }

    @Test
    void shouldLetARouteRaiseItsLimitsButNotChangeTheWindowsThatShapeTheState() throws ConfigException {
        assertEquals(List.of(
                "g.yaml:4: detectors.data_harvesting.overrides[0].window = 5m: cannot be overridden per route: it"
                        + " shapes the state kept per client; set it in the detector's own block",
                "g.yaml:4: detectors.data_harvesting.overrides[0].routes_tracked = 8: cannot be overridden per"
                        + " route: it shapes the state kept per client; set it in the detector's own block"),
                problems("detectors:\n  data_harvesting:\n    overrides:\n"
                        + "      - {route: /api/v1/catalog/**, window: 5m, routes_tracked: 8}\n"));
        DetectorBlock b = block(loader.parse("detectors:\n  data_harvesting:\n    overrides:\n"
                + "      - {route: /api/v1/catalog/**, max_distinct_ids: 1000, max_distinct_objects: 1000, walk_min_steps: 200}\n",
                "g.yaml"));
        DataHarvestingConfig catalog = (DataHarvestingConfig) b.overrides().getFirst().config();
        assertEquals(1000, catalog.maxDistinctIds());
        assertEquals(200, catalog.walkMinSteps());
        assertEquals(100, ((DataHarvestingConfig) b.base()).maxDistinctIds());
    }
}
