package io.gatewatch.app.config;

import io.gatewatch.models.baseline.Ewma;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.ArrayList;
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
 * @param newClientMaxRate requests per second tolerated from a client with less history than minHistory
 */
public record TrafficSpikeConfig(
        DetectorSettings settings,
        Duration interval,
        Duration halfLife,
        Duration minHistory,
        double minRate,
        double zThreshold,
        double ratioThreshold,
        double newClientMaxRate) implements DetectorConfig {

    public static final String ID = "traffic_spike";

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

    public static TrafficSpikeConfig read(ConfigNode n) {
        List<String> keys = new ArrayList<>(List.of(DetectorSettings.KEYS));
        keys.addAll(List.of("interval", "half_life", "min_history", "min_rate", "z_threshold", "ratio_threshold",
                "new_client_max_rate"));
        n.allowOnly(keys.toArray(String[]::new));
        DetectorSettings settings = DetectorSettings.read(n, Alert.Severity.MEDIUM, Duration.ofMinutes(10));
        Duration interval = n.duration("interval", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5));
        Duration halfLife = n.duration("half_life", Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofDays(7));
        Duration minHistory = n.duration("min_history", Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1));
        double minRate = n.decimal("min_rate", 10, 0.01, 1_000_000);
        double z = n.decimal("z_threshold", 6, 1, 100);
        double ratio = n.decimal("ratio_threshold", 5, 1, 1000);
        double newClientMax = n.decimal("new_client_max_rate", 50, 0.01, 1_000_000);
        if (halfLife.compareTo(interval) < 0) {
            n.problem("half_life", n.json().get("half_life"), "must be at least the interval (" + Durations.format(interval)
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
        return new TrafficSpikeConfig(settings, interval, halfLife, minHistory, minRate, z, ratio, newClientMax);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
