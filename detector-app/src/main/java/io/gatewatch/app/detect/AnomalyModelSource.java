package io.gatewatch.app.detect;

import io.gatewatch.models.behaviour.AnomalyModel;

/**
 * Where the anomaly detector gets the model it scores with, read once per judged minute so that a
 * newer model (retrained, published, loaded) takes over without rebuilding the topology.
 */
@FunctionalInterface
public interface AnomalyModelSource {

    /** The newest model, or null while there is none yet (nothing is judged then). */
    AnomalyModel current();

    static AnomalyModelSource fixed(AnomalyModel model) {
        return () -> model;
    }
}
