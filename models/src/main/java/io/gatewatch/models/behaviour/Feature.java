package io.gatewatch.models.behaviour;

/**
 * What is measured per client and {@link Scale}. Every feature is oriented so that larger is more
 * suspicious (regularity is {@code 1 / (1 + cv)} of the gaps between requests, so a metronome scores 1),
 * which lets a one-sided reference judge them all alike. Distinct ids and parameter values are per
 * distinct route: walking one route's ids or values is what enumeration does, while a crowd behind one
 * address spreads its many ids over many routes.
 */
public enum Feature {
    REQUESTS("requests", "requests", 1.0),
    FAILURE_RATIO("failure_ratio", "share of 4xx", 0.1),
    SERVER_ERROR_RATIO("server_error_ratio", "share of 5xx", 0.05),
    LOGIN_FAILURES("login_failures", "failed logins", 1.0),
    DISTINCT_ROUTES("distinct_routes", "distinct routes", 1.0),
    IDS_PER_ROUTE("ids_per_route", "distinct ids (paths) per route", 1.0),
    VALUES_PER_ROUTE("values_per_route", "distinct parameter values per route", 1.0),
    SEQUENTIAL_IDS("sequential_ids", "share of sequential ids", 0.1),
    NOT_FOUND_RATIO("not_found_ratio", "share of 404", 0.1),
    BYTES_OUT("mean_bytes_out", "mean bytes out", 1024.0),
    REGULARITY("regularity", "regularity of inter-arrival times", 0.2),
    USER_AGENTS("user_agents", "distinct user agents", 1.0),
    NON_GET("non_get", "non-GET requests", 1.0);

    private final String id;
    private final String label;
    private final double minSpread;

    Feature(String id, String label, double minSpread) {
        this.id = id;
        this.label = label;
        this.minSpread = minSpread;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /**
     * The smallest spread a reference may divide by: a feature every peer has at one value (one user
     * agent each) would otherwise make a step of one look infinitely far.
     */
    public double minSpread() {
        return minSpread;
    }

    public static final int COUNT = values().length;
}
