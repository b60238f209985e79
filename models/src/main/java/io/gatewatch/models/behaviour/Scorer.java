package io.gatewatch.models.behaviour;

/**
 * Raw strangeness of one scale's peer-relative values (higher is stranger, comparable across scales of
 * one model but not across models: the {@link Calibration} makes it a threshold).
 */
sealed interface Scorer permits ForestScorer, RobustZScorer {

    /**
     * @param client the client's key, for a scorer that knows some clients' own ranges; may be null
     * @return the raw score, or NaN when this scale cannot be judged (nothing to train it on)
     */
    double score(Scale scale, double[] relative, String client);
}
