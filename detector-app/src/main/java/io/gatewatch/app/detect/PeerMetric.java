package io.gatewatch.app.detect;

/**
 * One number a detector keeps a population quantile sketch of, named under the detector's id so that two
 * detectors never share a sketch by accident.
 *
 * @param detector the declaring detector's id
 * @param name     what is measured, e.g. {@code peak_rate}
 */
public record PeerMetric(String detector, String name) {
    public PeerMetric {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("peer metric name " + name + " must be lower_snake_case");
        }
    }

    /** The sketch's name in a population's stored profile. */
    public String key() {
        return detector + '.' + name;
    }
}
