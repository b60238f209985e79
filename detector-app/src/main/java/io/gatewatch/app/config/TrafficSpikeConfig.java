package io.gatewatch.app.config;

import io.gatewatch.models.baseline.Ewma;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * A client suddenly sending far more than it usually does. Its requests are counted per interval and
 * the finished intervals feed an EWMA mean and variance, its own baseline; the current interval is a
 * spike when it is above every one of: the absolute floor, the mean plus z standard deviations, and
 * ratio times the mean. Until a client has enough history to judge it by, only the new-client
 * ceiling applies, so a flood from a fresh address is still caught.
 *
 * @param interval         the counting interval; rates are per second of it
 * @param halfLife         how fast the baseline forgets: an interval this old weighs half as much
 * @param minHistory       how long a client must have been known before its baseline is trusted
 * @param minRate          requests per second below which nothing is a spike, however quiet the client was
 * @param zThreshold       standard deviations above the mean (never less than a Poisson count's)
 * @param ratioThreshold   multiples of the mean
 * @param newClientMaxRate requests per second tolerated from a client with less history than minHistory,
 *                         while no population it belongs to has enough samples (the cold-start fallback)
 * @param peerQuantile     a new client is held to this quantile of its peers' peak rate in their first minHistory
 * @param peerFactor       times that quantile
 * @param peerMinRate      requests per second a new client is always allowed, whatever its peers do
 */
public record TrafficSpikeConfig(
        DetectorSettings settings,
        Duration interval,
        Duration halfLife,
        Duration minHistory,
        double minRate,
        double zThreshold,
        double ratioThreshold,
        double newClientMaxRate,
        double peerQuantile,
        double peerFactor,
        double peerMinRate) implements DetectorConfig {

    public static final String ID = "traffic_spike";
    static final List<String> STATE_KEYS = List.of("interval", "half_life");

    @Override
    public String id() {
        return ID;
    }

    /** Whole intervals of history needed before the baseline judges the client. */
    public long minHistoryIntervals() {
        return Math.ceilDiv(minHistory.toMillis(), interval.toMillis());
    }

    /** The EWMA weight per interval for the configured half-life. */
    public double alpha() {
        return Ewma.alphaForHalfLife((double) halfLife.toMillis() / interval.toMillis());
    }

    static final DetectorSettings.Keys COMMON = DetectorSettings.keys(true, Alert.Mode.ALERT, Alert.Severity.MEDIUM,
            Duration.ofMinutes(10));
    static final ConfigKey<Duration> INTERVAL = ConfigKey.duration("interval", Duration.ofSeconds(10))
            .between(Duration.ofSeconds(1), Duration.ofMinutes(5))
            .doc("the counting interval; rates are per second of it");
    static final ConfigKey<Duration> HALF_LIFE = ConfigKey.duration("half_life", Duration.ofMinutes(30))
            .between(Duration.ofMinutes(1), Duration.ofDays(7))
            .doc("how fast the baseline forgets; at least interval");
    static final ConfigKey<Duration> MIN_HISTORY = ConfigKey.duration("min_history", Duration.ofMinutes(5))
            .between(Duration.ZERO, Duration.ofDays(1)).reloadable()
            .doc("how long a client must be known before its baseline is trusted; before that only new_client_max_rate applies");
    static final ConfigKey<Double> MIN_RATE = ConfigKey.number("min_rate", 10).range(0.01, 1_000_000).reloadable()
            .doc("requests per second below which nothing is a spike");
    static final ConfigKey<Double> Z_THRESHOLD = ConfigKey.number("z_threshold", 6).range(1, 100).reloadable()
            .doc("standard deviations above the client's mean");
    static final ConfigKey<Double> RATIO_THRESHOLD = ConfigKey.number("ratio_threshold", 5).range(1, 1000).reloadable()
            .doc("multiples of the client's mean");
    static final ConfigKey<Double> NEW_CLIENT_MAX_RATE = ConfigKey.number("new_client_max_rate", 50)
            .range(0.01, 1_000_000).reloadable()
            .doc("requests per second tolerated from a client with less history than min_history; at least min_rate");
    static final ConfigKey<Double> PEER_QUANTILE = ConfigKey.number("peer_quantile", 0.95).range(0.5, 1).reloadable()
            .doc("a new client is held to this quantile of its peers' peak rate in their first min_history");
    static final ConfigKey<Double> PEER_FACTOR = ConfigKey.number("peer_factor", 3).range(1, 1000).reloadable()
            .doc("times peer_quantile: the new-client limit once a population has populations.min_samples clients");
    static final ConfigKey<Double> PEER_MIN_RATE = ConfigKey.number("peer_min_rate", 5).range(0.01, 1_000_000)
            .reloadable()
            .doc("requests per second a new client is always allowed, whatever its peers do; at most new_client_max_rate");
    /** The keys of the {@code traffic_spike:} block. */
    public static final ConfigDef KEYS = ConfigDef.of().plus(COMMON.entries()).plus(INTERVAL, HALF_LIFE, MIN_HISTORY,
            MIN_RATE, Z_THRESHOLD, RATIO_THRESHOLD, NEW_CLIENT_MAX_RATE, PEER_QUANTILE, PEER_FACTOR, PEER_MIN_RATE);

    public static TrafficSpikeConfig read(ConfigNode n) {
        n.allowOnly(KEYS);
        DetectorSettings settings = DetectorSettings.read(n, COMMON);
        Duration interval = n.get(INTERVAL);
        Duration halfLife = n.get(HALF_LIFE);
        Duration minHistory = n.get(MIN_HISTORY);
        double minRate = n.get(MIN_RATE);
        double z = n.get(Z_THRESHOLD);
        double ratio = n.get(RATIO_THRESHOLD);
        double newClientMax = n.get(NEW_CLIENT_MAX_RATE);
        if (halfLife.compareTo(interval) < 0) {
            n.problem("half_life", n.json()
                    .get("half_life"), "must be at least the interval (" + Durations.format(interval)
                    + "): the baseline would forget each interval before the next");
        }
        if (newClientMax < minRate) {
            if (n.has("new_client_max_rate")) {
                n.problem("new_client_max_rate", n.json().get("new_client_max_rate"), "must be at least min_rate ("
                        + plain(minRate) + "): a new client cannot be held to less than a known one");
            } else {
                n.problem("min_rate", n.json().get("min_rate"), "must be at most new_client_max_rate ("
                        + plain(newClientMax) + " by default): a new client cannot be held to less than a known one");
            }
        }
        double peerMinRate = n.has("peer_min_rate") ? n.get(PEER_MIN_RATE) : Math.min(n.get(PEER_MIN_RATE), newClientMax);
        if (peerMinRate > newClientMax) {
            n.problem("peer_min_rate", n.json().get("peer_min_rate"), "must be at most new_client_max_rate ("
                    + plain(newClientMax) + "): the floor under the peers' limit cannot be above the cold-start ceiling");
        }
        return new TrafficSpikeConfig(settings, interval, halfLife, minHistory, minRate, z, ratio, newClientMax,
                n.get(PEER_QUANTILE), n.get(PEER_FACTOR), peerMinRate);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
