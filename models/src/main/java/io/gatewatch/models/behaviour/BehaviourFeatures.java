package io.gatewatch.models.behaviour;

import java.util.Arrays;
import java.util.List;

/**
 * One client's behaviour over one event-time interval, as the fixed vector the anomaly model scores.
 * The order of {@link #NAMES} is the order of {@link #values()} and is written into every model file,
 * so a model trained on another vector is refused rather than misread.
 * <ol>
 * <li>{@code requests_log1p}: ln(1 + requests in the interval); the log keeps a flood from dwarfing
 *     every other feature</li>
 * <li>{@code error_4xx_ratio}: share of responses 400..499</li>
 * <li>{@code error_5xx_ratio}: share of responses 500..599</li>
 * <li>{@code distinct_routes}: distinct route templates (estimated, see {@link IntervalFeatures})</li>
 * <li>{@code distinct_paths_per_request}: distinct raw paths divided by requests (1 = every request a new path)</li>
 * <li>{@code login_share}: share of requests to a login route</li>
 * <li>{@code mean_bytes_out_log1p}: ln(1 + mean response bytes)</li>
 * <li>{@code query_share}: share of requests carrying a query string</li>
 * <li>{@code non_get_share}: share of requests whose method is not GET</li>
 * </ol>
 *
 * @param intervalStart event time (epoch ms) at which the interval began
 * @param requests      requests in the interval (what {@code requests_log1p} was computed from)
 */
public record BehaviourFeatures(long intervalStart, long requests, double[] values) {

    public static final List<String> NAMES = List.of("requests_log1p", "error_4xx_ratio", "error_5xx_ratio",
            "distinct_routes", "distinct_paths_per_request", "login_share", "mean_bytes_out_log1p", "query_share",
            "non_get_share");
    public static final int DIMENSION = NAMES.size();

    public BehaviourFeatures {
        if (values.length != DIMENSION) {
            throw new IllegalArgumentException("a behaviour vector has " + DIMENSION + " values, not " + values.length);
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public double value(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BehaviourFeatures b && b.intervalStart == intervalStart && b.requests == requests
                && Arrays.equals(b.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(intervalStart) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "BehaviourFeatures[" + intervalStart + ", " + requests + ", " + Arrays.toString(values) + "]";
    }
}
