package io.gatewatch.models.behaviour;

import java.util.Arrays;

/**
 * A client's behaviour when one of its minutes closed: the closed minute, and the 10-minute and hour
 * windows so far (they include that minute). Values are in natural units (requests, shares, counts),
 * laid out as {@link FeatureSpace}; a model makes them relative to its reference.
 *
 * @param minuteStart event time (epoch ms) of the minute that closed
 * @param requests    requests per {@link Scale}, in its ordinal order
 */
public record Snapshot(long minuteStart, long[] requests, double[] values) {

    public Snapshot {
        if (values.length != FeatureSpace.DIMENSION || requests.length != Scale.values().length) {
            throw new IllegalArgumentException("a snapshot has " + FeatureSpace.DIMENSION + " values and "
                    + Scale.values().length + " request counts");
        }
        values = values.clone();
        requests = requests.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public long[] requests() {
        return requests.clone();
    }

    public double value(int index) {
        return values[index];
    }

    public long requests(Scale s) {
        return requests[s.ordinal()];
    }

    /** Event time at which the closed minute ended: when the snapshot could first be judged. */
    public long minuteEnd() {
        return minuteStart + Scale.MINUTE.millis();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.minuteStart == minuteStart && Arrays.equals(s.requests, requests)
                && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(minuteStart) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Snapshot[" + minuteStart + ", " + Arrays.toString(requests) + ", " + Arrays.toString(values) + "]";
    }
}
