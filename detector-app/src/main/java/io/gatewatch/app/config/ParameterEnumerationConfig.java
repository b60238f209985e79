package io.gatewatch.app.config;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One client walking the values of one query parameter on one route (search terms from a dictionary,
 * coupon codes, e-mail addresses, random ids): many distinct values of its busiest (route, parameter) in
 * a window, far beyond what its peers send, with that parameter carrying most of its requests. A crawler
 * or a crowd behind one address spreads over many routes and fails the share; a person searches a few
 * terms.
 *
 * @param window            distinct values are counted per window of this length, from the client's first
 *                          request after the previous one closed; each closed window feeds the peers
 * @param maxDistinctValues distinct values tolerated in a window while no population has enough samples
 * @param minDistinctValues distinct values always tolerated in a window, whatever the peers do
 * @param peerQuantile      the peers' quantile of distinct values per window a client is held to
 * @param peerFactor        times that quantile
 * @param minShare          the share of the client's requests in the window that must carry the parameter
 * @param ignoredParams     parameters never counted: positions in a list (data_harvesting's job), campaign
 *                          tags and click ids, cache busters
 */
public record ParameterEnumerationConfig(
        DetectorSettings settings,
        Duration window,
        int maxDistinctValues,
        int minDistinctValues,
        double peerQuantile,
        double peerFactor,
        double minShare,
        List<String> ignoredParams) implements DetectorConfig {

    public static final String ID = "parameter_enumeration";
    public static final List<String> DEFAULT_IGNORED_PARAMS = List.of("page", "offset", "start", "skip", "cursor",
            "after", "before", "page_token", "pagetoken", "per_page", "limit", "utm_source", "utm_medium",
            "utm_campaign", "utm_term", "utm_content", "gclid", "fbclid", "msclkid", "_", "callback", "cb");

    @Override
    public String id() {
        return ID;
    }

    static final DetectorSettings.Keys COMMON = DetectorSettings.keys(true, Alert.Mode.ALERT, Alert.Severity.MEDIUM,
            Duration.ofHours(1));
    static final ConfigKey<Duration> WINDOW = ConfigKey.duration("window", Duration.ofMinutes(5))
            .between(Duration.ofMinutes(1), Duration.ofHours(1))
            .doc("distinct values are counted per window of this length; each closed window feeds the peers");
    static final ConfigKey<Integer> MAX_DISTINCT_VALUES = ConfigKey.integer("max_distinct_values", 40).range(3, 150)
            .reloadable()
            .doc("distinct values of one parameter tolerated in a window until a population has enough samples");
    static final ConfigKey<Integer> MIN_DISTINCT_VALUES = ConfigKey.integer("min_distinct_values", 20).range(2, 150)
            .reloadable().doc("distinct values always tolerated in a window, whatever the peers do");
    static final ConfigKey<Double> PEER_QUANTILE = ConfigKey.number("peer_quantile", 0.95).range(0.5, 1).reloadable()
            .doc("the peers' quantile of distinct values per window a client is held to");
    static final ConfigKey<Double> PEER_FACTOR = ConfigKey.number("peer_factor", 3).range(1, 1000).reloadable()
            .doc("times peer_quantile");
    static final ConfigKey<Double> MIN_SHARE = ConfigKey.number("min_share", 0.5).range(0.01, 1).reloadable()
            .doc("share of the client's requests in the window that must carry the parameter");
    static final ConfigKey<List<String>> IGNORED_PARAMS = ConfigKey.texts("ignored_params", DEFAULT_IGNORED_PARAMS)
            .reloadable().doc("parameters never counted (any case): list positions, campaign tags, cache busters");
    /** The keys of the {@code parameter_enumeration:} block. */
    public static final ConfigDef KEYS = ConfigDef.of().plus(COMMON.entries()).plus(WINDOW, MAX_DISTINCT_VALUES,
            MIN_DISTINCT_VALUES, PEER_QUANTILE, PEER_FACTOR, MIN_SHARE, IGNORED_PARAMS);

    public static ParameterEnumerationConfig read(ConfigNode n) {
        n.allowOnly(KEYS);
        DetectorSettings settings = DetectorSettings.read(n, COMMON);
        int max = n.get(MAX_DISTINCT_VALUES);
        int min = n.get(MIN_DISTINCT_VALUES);
        if (min > max) {
            String key = n.has("min_distinct_values") ? "min_distinct_values" : "max_distinct_values";
            n.problem(key, n.json().get(key), "min_distinct_values (" + min + ") must be at most max_distinct_values ("
                    + max + "): the floor under the peers' limit cannot be above the cold-start limit");
        }
        return new ParameterEnumerationConfig(settings, n.get(WINDOW), max, min, n.get(PEER_QUANTILE),
                n.get(PEER_FACTOR), n.get(MIN_SHARE),
                n.get(IGNORED_PARAMS).stream().map(p -> p.toLowerCase(Locale.ROOT)).distinct().toList());
    }
}
