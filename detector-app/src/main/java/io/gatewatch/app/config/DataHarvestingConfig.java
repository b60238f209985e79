package io.gatewatch.app.config;

import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One client reading objects or pages in bulk: many distinct ids on one {@code {id}} route, a walk
 * through consecutive ids or pages, or far more response bytes than any person reads. Windows are
 * long (an hour, six hours), so a harvester that stays under every rate limit is still seen.
 * Per client, only the busiest few route templates are followed.
 *
 * @param window           distinct ids and pages are counted over at least this long (at most 1.5 times it)
 * @param maxDistinctIds   distinct ids tolerated on one route in the window; one more fires
 * @param maxPages         distinct pagination positions tolerated on one route in the window
 * @param maxDistinctObjects distinct (route, id) pairs tolerated across all routes in the window: the
 *                         backstop for harvesting spread over more routes than are followed one by one
 * @param walkWindow       a walk counts if its steps fit in this time, however slow they are
 * @param walkMinSteps     steps of a constant stride that make a walk
 * @param maxStride        the largest id stride that is a walk step (pages and offsets may stride any amount)
 * @param volumeWindow     response bytes are summed over this window
 * @param maxResponseMb    megabytes (10^6 bytes) of responses tolerated in the volume window
 * @param routesTracked    how many route templates are followed per client (each costs state)
 * @param paginationParams query parameters whose value is a position in a list (first found wins)
 */
public record DataHarvestingConfig(
        DetectorSettings settings,
        Duration window,
        int maxDistinctIds,
        int maxPages,
        int maxDistinctObjects,
        Duration walkWindow,
        int walkMinSteps,
        int maxStride,
        Duration volumeWindow,
        double maxResponseMb,
        int routesTracked,
        List<String> paginationParams) implements DetectorConfig {

    public static final String ID = "data_harvesting";
    /** Matched without regard to case. */
    public static final List<String> DEFAULT_PAGINATION_PARAMS = List.of("page", "offset", "start", "skip", "cursor",
            "after", "page_token", "pagetoken");
    /** Beyond this the 256-bit distinct sketch (saturating near 1420) is too coarse to say a threshold was crossed. */
    static final int MAX_DISTINCT_LIMIT = 1000;

    @Override
    public String id() {
        return ID;
    }

    /**
     * Search engines read every public page by design; without an {@code allowlist} of its own the
     * detector leaves their crawlers alone. The user agent can be forged: an analyst who wants forged
     * crawlers caught sets {@code allowlist: {}} (and verifies crawlers by reverse DNS elsewhere).
     */
    public static final Allowlist SEARCH_ENGINE_CRAWLERS = new Allowlist(List.of(), java.util.Set.of(),
            List.of(java.util.regex.Pattern.compile(
                    "(?i)\\b(googlebot|bingbot|applebot|duckduckbot|yandexbot|baiduspider|slurp)\\b")), List.of());

    public static DataHarvestingConfig read(ConfigNode n) {
        List<String> keys = new ArrayList<>(List.of(DetectorSettings.KEYS));
        keys.addAll(List.of("window", "max_distinct_ids", "max_pages", "max_distinct_objects", "walk_window",
                "walk_min_steps", "max_stride", "volume_window", "max_response_mb", "routes_tracked", "pagination_params"));
        n.allowOnly(keys.toArray(String[]::new));
        DetectorSettings settings = DetectorSettings.read(n, Alert.Severity.HIGH, Duration.ofHours(1));
        if (!n.has("allowlist")) {
            settings = new DetectorSettings(settings.enabled(), settings.mode(), settings.severity(), settings.cooldown(),
                    SEARCH_ENGINE_CRAWLERS);
        }
        Duration window = n.duration("window", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1));
        int maxIds = n.integer("max_distinct_ids", 100, 2, MAX_DISTINCT_LIMIT);
        int maxPages = n.integer("max_pages", 40, 2, MAX_DISTINCT_LIMIT);
        int maxObjects = n.integer("max_distinct_objects", 300, 2, MAX_DISTINCT_LIMIT);
        if (maxObjects < maxIds) {
            n.problem(n.has("max_distinct_objects") ? "max_distinct_objects" : "max_distinct_ids",
                    n.json().get(n.has("max_distinct_objects") ? "max_distinct_objects" : "max_distinct_ids"),
                    "max_distinct_objects (" + maxObjects + ") must be at least max_distinct_ids (" + maxIds
                            + "): the count across all routes includes each route's");
        }
        Duration walkWindow = n.duration("walk_window", Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofDays(7));
        int walkMinSteps = n.integer("walk_min_steps", 20, 3, 1_000_000);
        int maxStride = n.integer("max_stride", 100, 1, 1_000_000_000);
        Duration volumeWindow = n.duration("volume_window", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1));
        double maxMb = n.decimal("max_response_mb", 500, 0.01, 10_000_000);
        int routes = n.integer("routes_tracked", 4, 1, 8);
        List<String> params = n.texts("pagination_params", DEFAULT_PAGINATION_PARAMS);
        if (n.has("pagination_params") && params.isEmpty()) {
            n.problem("pagination_params", n.json().get("pagination_params"),
                    "must name at least one query parameter (page, offset, cursor, ...)");
        }
        return new DataHarvestingConfig(settings, window, maxIds, maxPages, maxObjects, walkWindow, walkMinSteps,
                maxStride, volumeWindow, maxMb, routes,
                params.stream().map(p -> p.toLowerCase(Locale.ROOT)).distinct().toList());
    }
}
