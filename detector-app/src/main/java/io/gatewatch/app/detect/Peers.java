package io.gatewatch.app.detect;

/**
 * A client's peers, as a detector sees them for one event: the populations the client belongs to (all
 * clients of its identity kind, its network, its user-agent family) and the quantile sketches they keep.
 * State is per population, never per client.
 */
public interface Peers {
    /** No populations: every quantile is unknown, so detectors fall back to their fixed limits. */
    Peers NONE = new Peers() {
        @Override
        public void add(PeerMetric metric, double value) {
        }

        @Override
        public PeerQuantile quantile(PeerMetric metric, double q) {
            return null;
        }
    };

    /** Adds this client's summary (its peak rate in its first minutes, say) to each of its populations. */
    void add(PeerMetric metric, double value);

    /**
     * The q-quantile of the metric in the most lenient of the client's populations that have summarised
     * enough clients, or null when none has: a client is never judged by peers that are stricter than
     * another group it belongs to.
     */
    PeerQuantile quantile(PeerMetric metric, double q);
}
