package io.gatewatch.app.detect;

/**
 * A population's quantile of one metric, with where it came from, for the alert's evidence.
 *
 * @param population the population's id, e.g. {@code ip}, {@code net:203.0.113.0/24}, {@code ua:curl}
 * @param value      the quantile
 * @param samples    how many clients the population has summarised for this metric
 */
public record PeerQuantile(String population, double value, long samples) {
}
