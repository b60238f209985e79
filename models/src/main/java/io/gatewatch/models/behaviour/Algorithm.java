package io.gatewatch.models.behaviour;

import java.util.Arrays;
import java.util.List;

/** The scoring models an anomaly model file can hold. */
public enum Algorithm {
    /** Smile's isolation forest, one per scale, over the peer-relative features. */
    ISOLATION_FOREST("isolation_forest"),
    /**
     * The largest peer-relative deviation of any one feature, each measured against the training
     * population's own extreme: a per-feature robust z-score ensemble combined by max. Needs no trees,
     * updates from quantiles alone, and does not saturate beyond the training range.
     */
    ROBUST_Z("robust_z");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Algorithm::id).toList();
    }

    /** @throws IllegalArgumentException naming the allowed ids */
    public static Algorithm of(String id) {
        for (Algorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + id + "'; known: " + String.join(", ", ids()));
    }
}
