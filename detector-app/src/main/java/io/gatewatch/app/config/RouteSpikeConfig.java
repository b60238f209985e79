package io.gatewatch.app.config;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * A layer-7 flood of one route from many sources, each of which may stay under every per-client limit.
 * A route's requests over the window are a spike when the rate is above both the absolute floor and
 * ratio times the route's seasonal baseline, and the excess over the baseline is carried by at least
 * {@code minSources} extra sources at a machine's pace on this one route ({@code minSourceRate}): a crowd
 * of people (a flash sale) raises the rate too, but each person reloads a page a few times a minute.
 *
 * @param window          the sliding window the rate, distinct sources and heavy hitters are counted over
 * @param minRate         requests per second below which a route is never flooded, whatever its baseline
 * @param ratio           multiples of the route's expected rate (seasonal slot, else its overall EWMA)
 * @param minSources      extra distinct sources, above the route's usual, the excess must come from
 * @param minSourceRate   requests per second per extra source, on this route, that the excess must average
 * @param newClientWindow how long after its first request a client counts as new (for the new-client share)
 * @param halfLife        how fast the overall baseline forgets
 * @param minHistory      minutes of history before the overall baseline is trusted (before: floor only)
 * @param slotMinHistory  minutes of history an hour-of-week slot needs before it replaces the overall baseline
 * @param heavyHitters    the map size of the heavy-hitter sketch per route and method (a power of two)
 * @param topSources      how many of the heaviest sources the alert names
 */
public record RouteSpikeConfig(
        DetectorSettings settings,
        Duration window,
        double minRate,
        double ratio,
        int minSources,
        double minSourceRate,
        Duration newClientWindow,
        Duration halfLife,
        Duration minHistory,
        Duration slotMinHistory,
        int heavyHitters,
        int topSources) implements DetectorConfig {

    public static final String ID = "route_spike";
    static final List<String> STATE_KEYS = List.of("window", "heavy_hitters");

    @Override
    public String id() {
        return ID;
    }

    static final DetectorSettings.Keys COMMON = DetectorSettings.keys(true, Alert.Mode.ALERT, Alert.Severity.HIGH,
            Duration.ofMinutes(10));
    static final ConfigKey<Duration> WINDOW = ConfigKey.duration("window", Duration.ofMinutes(1))
            .between(Duration.ofSeconds(10), Duration.ofMinutes(10))
            .doc("the sliding window the route's rate, distinct sources and heavy hitters are counted over");
    static final ConfigKey<Double> MIN_RATE = ConfigKey.number("min_rate", 20).range(0.1, 10_000_000).reloadable()
            .doc("requests per second on one route and method below which nothing is a flood");
    static final ConfigKey<Double> RATIO = ConfigKey.number("ratio", 5).range(1.5, 10_000).reloadable()
            .doc("multiples of the route's expected rate (its hour-of-week slot, else its overall baseline)");
    static final ConfigKey<Integer> MIN_SOURCES = ConfigKey.integer("min_sources", 20).range(2, 100_000).reloadable()
            .doc("distinct sources above the route's usual the excess must come from; fewer is a per-client matter"
                    + " (traffic_spike)");
    static final ConfigKey<Double> MIN_SOURCE_RATE = ConfigKey.number("min_source_rate", 0.25).range(0.001, 1000)
            .reloadable()
            .doc("requests per second on this route that each extra source must average: people reload a page a few"
                    + " times a minute, bots send steadily");
    static final ConfigKey<Duration> NEW_CLIENT_WINDOW = ConfigKey.duration("new_client_window", Duration.ofMinutes(5))
            .between(Duration.ofSeconds(10), Duration.ofHours(24)).reloadable()
            .doc("how long after its first request a client counts as new, for the alert's new-client share");
    static final ConfigKey<Duration> HALF_LIFE = ConfigKey.duration("half_life", Duration.ofHours(1))
            .between(Duration.ofMinutes(5), Duration.ofDays(30)).reloadable()
            .doc("how fast the route's overall baseline forgets");
    static final ConfigKey<Duration> MIN_HISTORY = ConfigKey.duration("min_history", Duration.ofMinutes(30))
            .between(Duration.ZERO, Duration.ofDays(7)).reloadable()
            .doc("history before the route's overall baseline is trusted; before, only min_rate applies");
    static final ConfigKey<Duration> SLOT_MIN_HISTORY = ConfigKey.duration("slot_min_history", Duration.ofMinutes(30))
            .between(Duration.ofMinutes(1), Duration.ofHours(1)).reloadable()
            .doc("minutes an hour-of-week slot must have seen before its own baseline replaces the overall one");
    static final ConfigKey<Integer> HEAVY_HITTERS = ConfigKey.integer("heavy_hitters", 64).range(8, 1024)
            .doc("map size of the heavy-hitter sketch per route and method, a power of two; about 3/4 of it are"
                    + " tracked, each costs about 25 bytes per generation");
    static final ConfigKey<Integer> TOP_SOURCES = ConfigKey.integer("top_sources", 10).range(1, 100).reloadable()
            .doc("how many of the heaviest sources the alert names");
    /** The keys of the {@code route_spike:} block. */
    public static final ConfigDef KEYS = ConfigDef.of().plus(COMMON.entries()).plus(WINDOW, MIN_RATE, RATIO,
            MIN_SOURCES, MIN_SOURCE_RATE, NEW_CLIENT_WINDOW, HALF_LIFE, MIN_HISTORY, SLOT_MIN_HISTORY, HEAVY_HITTERS,
            TOP_SOURCES);

    public static RouteSpikeConfig read(ConfigNode n) {
        n.allowOnly(KEYS);
        DetectorSettings settings = DetectorSettings.read(n, COMMON);
        int heavy = n.get(HEAVY_HITTERS);
        if (Integer.bitCount(heavy) != 1) {
            n.problem("heavy_hitters", n.json().get("heavy_hitters"), "must be a power of two from 8 to 1024"
                    + " (the sketch's map size), e.g. 32, 64 or 128");
        }
        return new RouteSpikeConfig(settings, n.get(WINDOW), n.get(MIN_RATE), n.get(RATIO), n.get(MIN_SOURCES),
                n.get(MIN_SOURCE_RATE), n.get(NEW_CLIENT_WINDOW), n.get(HALF_LIFE), n.get(MIN_HISTORY),
                n.get(SLOT_MIN_HISTORY), heavy, n.get(TOP_SOURCES));
    }

    /** Whole minutes of a duration, at least one. */
    public static long minutes(Duration d) {
        return Math.max(1, d.toMinutes());
    }
}
