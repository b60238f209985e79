package io.gatewatch.models.behaviour;

/**
 * What peers typically do, per {@link FeatureSpace} index: the yardstick a client's values are made
 * relative to and the "peers' p99" an explanation quotes. Today the model's own training population
 * ({@link TrainingQuantiles}); a population sketch per route class or network can implement it too.
 */
public interface PeerReference {

    double median(int index);

    double p99(int index);

    /** The spread a value is measured in: p99 above the median, at least the feature's floor. */
    default double spread(int index) {
        return Math.max(p99(index) - median(index), FeatureSpace.feature(index).minSpread());
    }

    /** How far above the peers' median, in spreads: 0 typical, 1 at the peers' p99. */
    default double relative(int index, double value) {
        return (value - median(index)) / spread(index);
    }
}
