package io.gatewatch.app.config;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.time.Duration;
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
 * @param volumeMinRequests responses in the volume window below which no volume is bulk: one to three
 *                         downloads of a large public file are not an export, however many bytes
 * @param routesTracked    how many route templates are followed per client (each costs state)
 * @param paginationParams query parameters whose value is a position in a list (first found wins)
 * @param accountPageWalks whether a client counted under an API key or user is held to the page limits:
 *                         by default not, since an authenticated list is what the API scopes to that account
 *                         (a partner's nightly sync); its ids, objects and volume are judged as anyone's
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
        int volumeMinRequests,
        int routesTracked,
        List<String> paginationParams,
        boolean accountPageWalks) implements DetectorConfig {

    public static final String ID = "data_harvesting";
    static final List<String> STATE_KEYS = List.of("window", "walk_window", "volume_window", "routes_tracked");
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

    static final DetectorSettings.Keys COMMON = DetectorSettings.keys(true, Alert.Mode.ALERT, Alert.Severity.HIGH,
            Duration.ofHours(1));
    static final ConfigKey<Duration> WINDOW = ConfigKey.duration("window", Duration.ofHours(1))
            .between(Duration.ofMinutes(1), Duration.ofDays(1))
            .doc("distinct ids and pages are counted over at least this long (at most 1.5 times it)");
    static final ConfigKey<Integer> MAX_DISTINCT_IDS = ConfigKey.integer("max_distinct_ids", 100)
            .range(2, MAX_DISTINCT_LIMIT).reloadable()
            .doc("distinct ids tolerated on one route template in the window, x distinct user agents behind the address (max 4x)");
    static final ConfigKey<Integer> MAX_PAGES = ConfigKey.integer("max_pages", 40).range(2, MAX_DISTINCT_LIMIT)
            .reloadable().doc("distinct pagination positions tolerated on one route in the window");
    static final ConfigKey<Integer> MAX_DISTINCT_OBJECTS = ConfigKey.integer("max_distinct_objects", 300)
            .range(2, MAX_DISTINCT_LIMIT).reloadable()
            .doc("distinct (route, id) pairs tolerated across all routes in the window; at least max_distinct_ids");
    static final ConfigKey<Duration> WALK_WINDOW = ConfigKey.duration("walk_window", Duration.ofHours(6))
            .between(Duration.ofMinutes(1), Duration.ofDays(7)).doc("a walk counts if its steps fit in this time");
    static final ConfigKey<Integer> WALK_MIN_STEPS = ConfigKey.integer("walk_min_steps", 20).range(3, 1_000_000)
            .reloadable().doc("steps of a constant stride (ids or pages) that make a walk");
    static final ConfigKey<Integer> MAX_STRIDE = ConfigKey.integer("max_stride", 100).range(1, 1_000_000_000)
            .reloadable().doc("the largest id stride that is a walk step");
    static final ConfigKey<Duration> VOLUME_WINDOW = ConfigKey.duration("volume_window", Duration.ofHours(1))
            .between(Duration.ofMinutes(1), Duration.ofDays(1)).doc("response bytes are summed over this window");
    static final ConfigKey<Double> MAX_RESPONSE_MB = ConfigKey.number("max_response_mb", 500).range(0.01, 10_000_000)
            .reloadable().doc("megabytes (10^6 bytes) of responses tolerated in volume_window");
    static final ConfigKey<Integer> VOLUME_MIN_REQUESTS = ConfigKey.integer("volume_min_requests", 20).range(1, 1_000_000)
            .reloadable().doc("fewer responses in the volume window are never a bulk export, however many bytes");
    static final ConfigKey<Integer> ROUTES_TRACKED = ConfigKey.integer("routes_tracked", 4).range(1, 8)
            .doc("route templates followed per client (each costs state)");
    static final ConfigKey<List<String>> PAGINATION_PARAMS = ConfigKey.texts("pagination_params",
            DEFAULT_PAGINATION_PARAMS).check(io.gatewatch.schema.config.Validator.size(1, Integer.MAX_VALUE))
            .reloadable()
            .doc("query parameters whose value is a position in a list (first found wins, any case)");
    static final ConfigKey<Boolean> ACCOUNT_PAGE_WALKS = ConfigKey.bool("account_page_walks", false).reloadable()
            .doc("hold clients counted under an API key or user to max_pages and page walks too (an account's own list otherwise)");
    /** The keys of the {@code data_harvesting:} block. */
    public static final ConfigDef KEYS = ConfigDef.of().plus(COMMON.entries()).plus(WINDOW, MAX_DISTINCT_IDS, MAX_PAGES,
            MAX_DISTINCT_OBJECTS, WALK_WINDOW, WALK_MIN_STEPS, MAX_STRIDE, VOLUME_WINDOW, MAX_RESPONSE_MB,
            VOLUME_MIN_REQUESTS, ROUTES_TRACKED, PAGINATION_PARAMS, ACCOUNT_PAGE_WALKS);

    public static DataHarvestingConfig read(ConfigNode n) {
        n.allowOnly(KEYS);
        DetectorSettings settings = DetectorSettings.read(n, COMMON);
        if (!n.has("allowlist")) {
            settings = new DetectorSettings(settings.enabled(), settings.mode(), settings.severity(), settings.cooldown(),
                    SEARCH_ENGINE_CRAWLERS);
        }
        Duration window = n.get(WINDOW);
        int maxIds = n.get(MAX_DISTINCT_IDS);
        int maxPages = n.get(MAX_PAGES);
        int maxObjects = n.get(MAX_DISTINCT_OBJECTS);
        if (maxObjects < maxIds) {
            n.problem(n.has("max_distinct_objects") ? "max_distinct_objects" : "max_distinct_ids",
                    n.json().get(n.has("max_distinct_objects") ? "max_distinct_objects" : "max_distinct_ids"),
                    "max_distinct_objects (" + maxObjects + ") must be at least max_distinct_ids (" + maxIds
                            + "): the count across all routes includes each route's");
        }
        List<String> params = n.get(PAGINATION_PARAMS);
        return new DataHarvestingConfig(settings, window, maxIds, maxPages, maxObjects, n.get(WALK_WINDOW),
                n.get(WALK_MIN_STEPS), n.get(MAX_STRIDE), n.get(VOLUME_WINDOW), n.get(MAX_RESPONSE_MB),
                n.get(VOLUME_MIN_REQUESTS), n.get(ROUTES_TRACKED), params.stream().map(p -> p.toLowerCase(Locale.ROOT)).distinct().toList(),
                n.get(ACCOUNT_PAGE_WALKS));
    }
}
